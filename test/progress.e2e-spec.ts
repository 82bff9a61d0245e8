import { createTestApp, type TestApp } from './support/test-app.js';
import { criteriaFor, scoresAt, type CriterionInfo } from './support/scores.js';

/**
 * A commune built by hand, whose 2020 figures are worked out below and checked against the API.
 *
 * Families (QĐ 448 set: total ≥ 80, each criterion ≥ half its maximum):
 *   hamlet H1: A1 90 pts recognised, A2 80 pts recognised, A3 85 pts but criterion 4 at 5/20 (fails),
 *              A4 not registered; A5 joins in 2021 (not counted in 2020)
 *   hamlet H2: B1 70 pts (fails), B2 92 pts recognised, B3 84 pts passed but not recognised yet;
 *              B4 left in 2019 (not counted in 2020)
 *   → total 7, registered 6, recognised 3: 42.9 % of total, 50.0 % of registered.
 *     Hương Thủy target 80 %: ceil(0.8 × 7) = 6 needed, shortfall 3.
 *   H1: 4 / 3 / 2 → 50.0 %, needs ceil(3.2) = 4, shortfall 2; H2: 3 / 3 / 1 → 33.3 %, shortfall 2.
 * Communities: H1 has 2 of 4 families recognised (50 % ≥ 50 %) → recognised; H2 has 1 of 3 → refused.
 *   → total 2, recognised 1 = 50.0 %, target 80 % needs 2, shortfall 1.
 * Clans: C1 = A1, A2, B1 → 2 of 3 recognised families (66.7 %) → recognised: 1 / 1 = 100 %, met.
 * Units: U1 recognised, U2 not evaluated → 1 / 2 = 50.0 %, target 50–60 %: met, below the stretch.
 */
describe('progress of a commune checked by hand', () => {
  let t: TestApp;
  let family: CriterionInfo[];

  const put = (kind: string, code: string, body: object) =>
    t.http().put(`/api/evaluations/${kind}/${code}/2020`).send(body);
  /** The whole workflow: submitted by the officer, approved by the reviewer, then the decision. */
  const recognise = async (kind: string, code: string) => {
    const path = `/api/evaluations/${kind}/${code}/2020`;
    await t.http().post(`${path}/submit`).expect(200);
    await t.http().post(`${path}/approve`).expect(200);
    return t
      .http()
      .post(`${path}/recognition`)
      .send({ decisionNumber: '17/QĐ-UBND', decisionDate: '2020-12-15' });
  };

  beforeAll(async () => {
    t = await createTestApp();
    await t
      .http()
      .post('/api/areas')
      .send({
        code: 'X',
        name: 'Thủy Kiểm Thử',
        level: 'commune',
        typeLabel: 'xã',
        parentCode: 'HUONG_THUY',
        validFrom: '2010-01-01',
      })
      .expect(201);
    for (const hamlet of ['H1', 'H2']) {
      await t
        .http()
        .post('/api/areas')
        .send({
          code: `X_${hamlet}`,
          name: `Thôn ${hamlet.slice(1)}`,
          level: 'hamlet',
          typeLabel: 'thôn',
          parentCode: 'X',
          validFrom: '2010-01-01',
        })
        .expect(201);
    }
    await t
      .http()
      .post('/api/clans')
      .send({ code: 'C1', name: 'Họ Nguyễn Văn', communeCode: 'X', activeFrom: '2010-01-01' })
      .expect(201);
    const households: [string, string, string | null, string][] = [
      ['A1', 'X_H1', 'C1', '2010-01-01'],
      ['A2', 'X_H1', 'C1', '2010-01-01'],
      ['A3', 'X_H1', null, '2010-01-01'],
      ['A4', 'X_H1', null, '2010-01-01'],
      ['A5', 'X_H1', null, '2021-02-01'],
      ['B1', 'X_H2', 'C1', '2010-01-01'],
      ['B2', 'X_H2', null, '2010-01-01'],
      ['B3', 'X_H2', null, '2010-01-01'],
      ['B4', 'X_H2', null, '2010-01-01'],
    ];
    for (const [code, hamletCode, clanCode, activeFrom] of households) {
      await t
        .http()
        .post('/api/households')
        .send({
          code,
          headName: `Nguyễn Văn ${code}`,
          hamletCode,
          clanCode,
          members: 4,
          activeFrom,
        })
        .expect(201);
    }
    await t
      .http()
      .post('/api/households/B4/deactivation')
      .send({ on: '2019-05-01', reason: 'Chuyển đi nơi khác' })
      .expect(201);
    for (const code of ['U1', 'U2']) {
      await t
        .http()
        .post('/api/units')
        .send({
          code,
          name: `Trường Tiểu học ${code}`,
          communeCode: 'X',
          category: 'school',
          activeFrom: '2010-01-01',
        })
        .expect(201);
    }

    family = await criteriaFor(t, 'family', 2020);
    expect(family.map((c) => [c.code, c.maxPoints, c.minPoints])).toEqual([
      ['1', 30, 15],
      ['2', 30, 15],
      ['3', 20, 10],
      ['4', 20, 10],
    ]);
    const sheets: Record<string, Record<string, number>> = {
      A1: { '1': 28, '2': 27, '3': 18, '4': 17 },
      A2: { '1': 25, '2': 25, '3': 15, '4': 15 },
      A3: { '1': 30, '2': 30, '3': 20, '4': 5 },
      B1: { '1': 20, '2': 20, '3': 15, '4': 15 },
      B2: { '1': 28, '2': 28, '3': 18, '4': 18 },
      B3: { '1': 26, '2': 26, '3': 16, '4': 16 },
    };
    for (const [code, scores] of Object.entries(sheets)) {
      await put('family', code, { registered: true, scores }).expect(200);
    }
    for (const code of ['A1', 'A2', 'B2'])
      expect((await recognise('family', code)).status).toBe(201);

    const community = await criteriaFor(t, 'community', 2020);
    for (const hamlet of ['X_H1', 'X_H2']) {
      await put('community', hamlet, { registered: true, scores: scoresAt(community, 0.9) }).expect(
        200,
      );
    }
    expect((await recognise('community', 'X_H1')).status).toBe(201);
    const clan = await criteriaFor(t, 'clan', 2020);
    await put('clan', 'C1', { registered: true, scores: scoresAt(clan, 0.9) }).expect(200);
    expect((await recognise('clan', 'C1')).status).toBe(201);
    const unit = await criteriaFor(t, 'unit', 2020);
    await put('unit', 'U1', { registered: true, scores: scoresAt(unit, 0.9) }).expect(200);
    expect((await recognise('unit', 'U1')).status).toBe(201);
  });

  afterAll(() => t.close());

  it('explains why an evaluation fails, with the figures', async () => {
    const a3 = await t.http().get('/api/evaluations/family/A3/2020').expect(200);
    expect(a3.body).toMatchObject({ total: 85, passed: false, status: 'draft' });
    expect(a3.body.reasons).toEqual([
      expect.objectContaining({
        code: 'CRITERION_BELOW_MINIMUM',
        criterion: '4',
        points: 5,
        minPoints: 10,
      }),
    ]);
    const b1 = await t.http().get('/api/evaluations/family/B1/2020').expect(200);
    expect(b1.body.reasons).toEqual([
      expect.objectContaining({ code: 'TOTAL_BELOW_THRESHOLD', total: 70, threshold: 80 }),
    ]);
  });

  it('refuses to recognise a failing evaluation and says why', async () => {
    const refused = await recognise('family', 'B1');
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('EVALUATION_NOT_PASSED');
    expect(refused.body.details.reasons[0].code).toBe('TOTAL_BELOW_THRESHOLD');
    const unchanged = await t.http().get('/api/evaluations/family/B1/2020').expect(200);
    expect(unchanged.body.status).toBe('approved');
  });

  it('applies the dependency rule: a hamlet needs half its families recognised', async () => {
    const refused = await recognise('community', 'X_H2');
    expect(refused.status).toBe(422);
    expect(refused.body.details.reasons).toEqual([
      expect.objectContaining({
        code: 'DEPENDENCY_UNMET',
        members: 3,
        recognised: 1,
        minShare: 50,
      }),
    ]);
    const h1 = await t.http().get('/api/evaluations/community/X_H1/2020').expect(200);
    expect(h1.body).toMatchObject({
      passed: true,
      status: 'recognised',
      decision: { number: '17/QĐ-UBND', date: '2020-12-15' },
    });
  });

  it('gives the commune figures per hamlet and in total', async () => {
    const response = await t.http().get('/api/progress?area=X&year=2020').expect(200);
    const { rows, total, rowLevel } = response.body;
    expect(rowLevel).toBe('hamlet');
    expect(total.family).toMatchObject({
      total: 7,
      registered: 6,
      recognised: 3,
      percentOfTotal: 42.9,
      percentOfRegistered: 50,
      met: false,
      shortfall: 3,
      band: 'below',
      target: { floor: 80, stretch: null, plan: { code: 'HUONG_THUY_2020' } },
    });
    expect(total.community).toMatchObject({
      total: 2,
      registered: 2,
      recognised: 1,
      percentOfTotal: 50,
      shortfall: 1,
      met: false,
    });
    expect(total.clan).toMatchObject({
      total: 1,
      registered: 1,
      recognised: 1,
      percentOfTotal: 100,
      met: true,
      shortfall: 0,
    });
    expect(total.unit).toMatchObject({
      total: 2,
      registered: 1,
      recognised: 1,
      percentOfTotal: 50,
      percentOfRegistered: 100,
      met: true,
      band: 'floor',
      shortfall: 0,
      target: { floor: 50, stretch: 60 },
    });
    const byCode = Object.fromEntries(
      rows.map((row: { area: { code: string } }) => [row.area.code, row]),
    );
    expect(Object.keys(byCode).sort()).toEqual(['X_H1', 'X_H2']);
    expect(byCode.X_H1.family).toMatchObject({
      total: 4,
      registered: 3,
      recognised: 2,
      percentOfTotal: 50,
      shortfall: 2,
    });
    expect(byCode.X_H2.family).toMatchObject({
      total: 3,
      registered: 3,
      recognised: 1,
      percentOfTotal: 33.3,
      shortfall: 2,
    });
    expect(byCode.X_H1.community).toMatchObject({ total: 1, recognised: 1 });
    expect(byCode.X_H1.clan).toBeNull();
  });

  it('rolls the commune up into the district, one row per commune', async () => {
    const response = await t.http().get('/api/progress?area=HUONG_THUY&year=2020').expect(200);
    const { rows, total } = response.body;
    expect(rows).toHaveLength(13);
    const x = rows.find((row: { area: { code: string } }) => row.area.code === 'X');
    expect(x.family).toMatchObject({ total: 7, registered: 6, recognised: 3, shortfall: 3 });
    expect(x.unit).toMatchObject({ total: 2, recognised: 1 });
    // The reference communes have hamlets but no households in this database.
    expect(total.family).toMatchObject({ total: 7, recognised: 3 });
    expect(total.community.total).toBeGreaterThan(100);
    expect(total.community.recognised).toBe(1);
  });

  it('does not count a family whose household joined after the year', async () => {
    await put('family', 'A5', { registered: true, scores: scoresAt(family, 1) }).expect(422);
  });

  // Last: it moves the commune out of the district.
  it('counts each year of the trend on the hierarchy and the plans of that year', async () => {
    await t
      .http()
      .put('/api/evaluations/family/A1/2019')
      .send({ registered: true, scores: scoresAt(family, 0.9) })
      .expect(200);
    await t
      .http()
      .post('/api/areas/X/transfers')
      .send({ parentCode: 'TP_HUE', effectiveOn: '2020-07-01' })
      .expect(201);
    type Point = { year: number; total: { family: { total: number; target: unknown } } };
    const trend = async (area: string) =>
      (await t.http().get(`/api/progress/trend?area=${area}&year=2020`).expect(200)).body
        .points as Point[];
    // B4 left during 2019: it still counts that year.
    expect(
      (await trend('HUONG_THUY')).map(({ year, total }) => [year, total.family.total]),
    ).toEqual([
      [2019, 8],
      [2020, 0],
    ]);
    expect((await trend('X')).map(({ year, total }) => [year, total.family.target])).toEqual([
      [
        2019,
        expect.objectContaining({ plan: expect.objectContaining({ code: 'HUONG_THUY_2020' }) }),
      ],
      [2020, expect.objectContaining({ plan: expect.objectContaining({ code: 'QD281_2020' }) })],
    ]);
  });
});
