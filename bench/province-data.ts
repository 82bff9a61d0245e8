import type pg from 'pg';

/** A province of the bench: `communes` communes of 15 hamlets, 20 clans and 10 units each. */
export interface ProvinceShape {
  code: string;
  name: string;
  communes: number;
  householdsPerCommune: number;
}

export const FIRST_YEAR = 2016;
export const LAST_YEAR = 2020;
const HAMLETS = 15;
const CLANS = 20;
const UNITS = 10;

/**
 * Whether the subject numbered `n` is recognised in `year`: a share rising by 7 points a year
 * from 55%, spread across subjects by a multiplicative hash so every commune gets its part.
 */
const RECOGNISED = (n: string, year: string) =>
  `((${n} * 2654435761) % 100) < 55 + (${year} - ${FIRST_YEAR}) * 7`;

/**
 * The two ways a bench subject fails, with the reasons the product stores: a third are near
 * misses (criterion 4 five points short, the total two), the rest are not (criterion 2 at 7.5 of
 * 15, the total 11 short). Every kind gets the same sheets: the bench measures cost, not scoring.
 */
const FAILING = {
  near: {
    scores: '{"1": 28, "2": 27, "3": 18, "4": 5}',
    total: 78,
    reasons: JSON.stringify([
      {
        code: 'CRITERION_BELOW_MINIMUM',
        criterion: '4',
        points: 5,
        minPoints: 10,
        message: 'Tiêu chí 4: 5 điểm dưới mức tối thiểu 10',
      },
      {
        code: 'TOTAL_BELOW_THRESHOLD',
        total: 78,
        threshold: 80,
        message: 'Tổng điểm 78 dưới ngưỡng đạt 80',
      },
    ]),
  },
  far: {
    scores: '{"1": 25, "2": 7.5, "3": 19.5, "4": 17}',
    total: 69,
    reasons: JSON.stringify([
      {
        code: 'CRITERION_BELOW_MINIMUM',
        criterion: '2',
        points: 7.5,
        minPoints: 15,
        message: 'Tiêu chí 2: 7,5 điểm dưới mức tối thiểu 15',
      },
      {
        code: 'TOTAL_BELOW_THRESHOLD',
        total: 69,
        threshold: 80,
        message: 'Tổng điểm 69 dưới ngưỡng đạt 80',
      },
    ]),
  },
};

/** Evaluations of one kind for every year, from a query giving (subject id, number). */
function evaluationsSql(kind: string, column: string, subjects: string, reserve: string): string {
  const recognised = RECOGNISED('s.n', 'y');
  const near = `s.n % 3 = 0`;
  const failing = (field: 'scores' | 'total' | 'reasons', cast: string) =>
    `CASE WHEN ${near} THEN '${FAILING.near[field]}'${cast} ELSE '${FAILING.far[field]}'${cast} END`;
  return `
    INSERT INTO evaluations (kind, year, ${column}, criteria_set_id, registered, scores, total,
                             criteria_passed, criteria_reasons, status, decision_number, decision_date)
    SELECT '${kind}', y, s.id, cs.id, true,
           CASE WHEN ${recognised} THEN '{"1": 28, "2": 27, "3": 18, "4": 17}'::jsonb
                ELSE ${failing('scores', '::jsonb')} END,
           CASE WHEN ${recognised} THEN 90 ELSE ${failing('total', '::numeric')} END,
           ${recognised},
           CASE WHEN ${recognised} THEN '[]'::jsonb ELSE ${failing('reasons', '::jsonb')} END,
           CASE WHEN ${RECOGNISED('s.n', 'y')} THEN 'recognised' ELSE 'draft' END,
           CASE WHEN ${RECOGNISED('s.n', 'y')} THEN '1/QĐ-UBND' END,
           CASE WHEN ${RECOGNISED('s.n', 'y')} THEN make_date(y, 12, 15) END
      FROM (${subjects}) s
     CROSS JOIN generate_series(${FIRST_YEAR}, ${LAST_YEAR}) y
      JOIN criteria_sets cs ON cs.code = 'QD448_2016_${kind.toUpperCase()}'
     WHERE NOT (${reserve} AND y = ${LAST_YEAR})`;
}

/**
 * Writes the province with plain INSERT … SELECT over generate_series: the whole province in a
 * few statements, no row passing through JavaScript. Households numbered n with n % 50 = 0 have
 * no evaluation in the last year: the load test saves theirs.
 */
export async function generateProvince(client: pg.Client, shape: ProvinceShape): Promise<void> {
  const p = shape.code;
  const like = `${p.replace(/_/g, '\\_')}\\_C%`;
  const perHamlet = Math.ceil(shape.householdsPerCommune / HAMLETS);
  await client.query(
    `INSERT INTO areas (code, name, name_folded, level, type_label, valid_from)
     VALUES ($1, $2, lower($2), 'province', 'tỉnh', '2010-01-01')`,
    [p, shape.name],
  );
  await client.query(`
    INSERT INTO areas (code, name, name_folded, level, type_label, valid_from)
    SELECT '${p}_C' || lpad(c::text, 3, '0'), 'Thử ' || c, 'thu ' || c, 'commune', 'xã', '2010-01-01'
      FROM generate_series(1, ${shape.communes}) c`);
  await client.query(`
    INSERT INTO area_parents (area_id, parent_id, valid_from)
    SELECT c.id, p.id, '2010-01-01' FROM areas c, areas p
     WHERE c.code LIKE '${like}' AND c.level = 'commune' AND p.code = '${p}'`);
  await client.query(`
    INSERT INTO areas (code, name, name_folded, level, type_label, valid_from)
    SELECT c.code || '_T' || lpad(t::text, 2, '0'), 'Thôn ' || t, 'thon ' || t, 'hamlet', 'thôn', '2010-01-01'
      FROM areas c, generate_series(1, ${HAMLETS}) t WHERE c.code LIKE '${like}' AND c.level = 'commune'`);
  await client.query(`
    INSERT INTO area_parents (area_id, parent_id, valid_from)
    SELECT h.id, c.id, '2010-01-01' FROM areas h JOIN areas c ON c.code = left(h.code, length(h.code) - 4)
     WHERE h.code LIKE '${like}' AND h.level = 'hamlet'`);
  await client.query(`
    INSERT INTO clans (code, name, name_folded, commune_id, active_from)
    SELECT c.code || '_DH' || lpad(k::text, 2, '0'), 'Họ Thử ' || k, 'ho thu ' || k, c.id, '2010-01-01'
      FROM areas c, generate_series(1, ${CLANS}) k WHERE c.code LIKE '${like}' AND c.level = 'commune'`);
  await client.query(`
    INSERT INTO units (code, name, name_folded, commune_id, category, active_from)
    SELECT c.code || '_DV' || lpad(k::text, 2, '0'), 'Đơn vị Thử ' || k, 'don vi thu ' || k, c.id,
           (ARRAY['school', 'agency', 'enterprise', 'health', 'cooperative'])[1 + k % 5], '2010-01-01'
      FROM areas c, generate_series(1, ${UNITS}) k WHERE c.code LIKE '${like}' AND c.level = 'commune'`);
  await client.query(`
    INSERT INTO households (code, head_name, head_name_folded, hamlet_id, clan_id, members, active_from)
    SELECT h.code || '_H' || lpad(g::text, 4, '0'), 'Nguyễn Văn Thử ' || g, 'nguyen van thu ' || g,
           h.id, cl.id, 1 + g % 7, '2010-01-01'
      FROM areas h
     CROSS JOIN generate_series(1, ${perHamlet}) g
      LEFT JOIN clans cl ON cl.code = left(h.code, length(h.code) - 4) || '_DH' || lpad((1 + g % ${CLANS})::text, 2, '0')
     WHERE h.code LIKE '${like}' AND h.level = 'hamlet'`);
  const kinds: [kind: string, column: string, subjects: string, reserve: string][] = [
    [
      'family',
      'household_id',
      `SELECT h.id, h.id AS n FROM households h JOIN areas a ON a.id = h.hamlet_id WHERE a.code LIKE '${like}'`,
      's.n % 50 = 0',
    ],
    [
      'clan',
      'clan_id',
      `SELECT cl.id, cl.id AS n FROM clans cl WHERE cl.code LIKE '${like}'`,
      'false',
    ],
    ['unit', 'unit_id', `SELECT u.id, u.id AS n FROM units u WHERE u.code LIKE '${like}'`, 'false'],
    [
      'community',
      'community_id',
      `SELECT a.id, a.id AS n FROM areas a WHERE a.code LIKE '${like}' AND a.level = 'hamlet'`,
      'false',
    ],
  ];
  for (const [kind, column, subjects, reserve] of kinds) {
    await client.query(evaluationsSql(kind, column, subjects, reserve));
  }
}
