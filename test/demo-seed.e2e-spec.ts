import { seedDemo } from '@app/seed';
import { createTestApp, type TestApp } from './support/test-app.js';

interface KindFigures {
  total: number;
  recognised: number;
  percentOfTotal: number;
  met: boolean;
}

describe('the Hương Thủy demo', () => {
  let t: TestApp;
  const progress = async (year: number) =>
    (await t.http().get(`/api/progress?area=HUONG_THUY&year=${year}`).expect(200)).body as {
      rows: { area: { code: string }; family: KindFigures }[];
      total: Record<string, KindFigures>;
    };

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.owner, () => undefined);
  });

  afterAll(() => t.close());

  it('holds about 24,000 households, a few hundred clans and some 150 units', async () => {
    const [counts] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM households)::int AS households, (SELECT count(*) FROM clans)::int AS clans,
              (SELECT count(*) FROM units)::int AS units`,
    );
    expect(counts.households).toBeGreaterThan(22000);
    expect(counts.households).toBeLessThan(26000);
    expect(counts.clans).toBeGreaterThan(150);
    expect(counts.units).toBeGreaterThan(100);
    expect(counts.units).toBeLessThan(200);
  });

  it('rises over 2016–2020, with some communes meeting the family target in 2020 and some not', async () => {
    const first = await progress(2016);
    const last = await progress(2020);
    for (const kind of ['family', 'clan', 'community', 'unit']) {
      expect(last.total[kind].percentOfTotal).toBeGreaterThan(first.total[kind].percentOfTotal);
    }
    expect(last.rows).toHaveLength(12);
    const met = last.rows.filter((row) => row.family.met).length;
    expect(met).toBeGreaterThan(0);
    expect(met).toBeLessThan(12);
  });

  it('agrees with a count made directly in the database', async () => {
    const [direct] = await t.dataSource.query(
      `SELECT count(*)::int AS recognised FROM evaluations WHERE kind = 'family' AND year = 2020 AND status = 'recognised'`,
    );
    expect((await progress(2020)).total.family.recognised).toBe(direct.recognised);
  });

  it('never recognises a subject that does not pass', async () => {
    const sample: { kind: string; code: string }[] = await t.dataSource.query(
      `SELECT e.kind, coalesce(c.code, a.code) AS code FROM evaluations e
         LEFT JOIN clans c ON c.id = e.clan_id LEFT JOIN areas a ON a.id = e.community_id
        WHERE e.year = 2019 AND e.status = 'recognised' AND e.kind IN ('clan', 'community')
        ORDER BY e.id LIMIT 20`,
    );
    expect(sample.length).toBe(20);
    for (const { kind, code } of sample) {
      const evaluation = await t.http().get(`/api/evaluations/${kind}/${code}/2019`).expect(200);
      expect(evaluation.body).toMatchObject({ passed: true, reasons: [] });
    }
  });

  it('is idempotent: seeding again changes no count', async () => {
    const count = async () =>
      (
        await t.dataSource.query(
          `SELECT (SELECT count(*) FROM households)::int + (SELECT count(*) FROM evaluations)::int AS n`,
        )
      )[0].n;
    const before = await count();
    const recognisedBefore = (await progress(2018)).total.family.recognised;
    await seedDemo(t.owner, () => undefined);
    expect(await count()).toBe(before);
    expect((await progress(2018)).total.family.recognised).toBe(recognisedBefore);
  });
});
