import { createArea } from './support/areas.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * A commune built by hand (Z, hamlets Z_H1 and Z_H2), whose figures are worked out here.
 * Family criteria (QĐ 448 set): 1 and 2 out of 30, 3 and 4 out of 20, each at least half its
 * maximum, total at least 80. Hương Thủy's plan: 80% of families, 60% of clans, by 2020.
 *
 * 2020 families (criteria 1/2/3/4 = total):
 *   Z_H1  A1 30/30/20/20 = 100 recognised     A2 28/27/18/17 = 90 recognised
 *         A3 25/25/15/12 = 77  total 3 short: near miss
 *         A4 30/30/8/15  = 83  criterion 3 two short: near miss (one criterion)
 *         A5 20/20/10/10 = 60  total 20 short, alone: not near
 *         A6 not evaluated
 *   Z_H2  B1 29/28/19/19 = 95  passes, no decision yet: pending
 *         B2 25/25/12/10 = 72  total 8 short: near miss
 *         B3 14/26/20/20 = 80  criterion 1 one short: near miss
 *         B4 10/25/12/13 = 60  criterion 1 five short and total 20 short: not near
 *         B5 not registered
 * → 11 families, 9 registered and evaluated, 2 recognised (18.2%); the 80% floor needs 9:
 *   shortfall 7. Failed 6 (A3 A4 A5 B2 B3 B4), pending 1 (B1), near misses 4 (B3 1 point,
 *   A4 2, A3 3, B2 8). Even with B1 and the 4 near misses: 2 + 1 + 4 = 7 of 9, 2 missing.
 * Reasons: total below the threshold holds back A3 A5 B2 B4 (4; alone A3 A5 B2: 3);
 *   criterion 1 B3 B4 (2; alone B3: 1); criterion 3 A4 (1; alone 1).
 * Pace: A1 evaluated in 2018 but not recognised (0 of 11), recognised in 2019 (1 of 11), then
 *   2020 (2 of 11): 0%, 9.09%, 18.18% → +9.1 points a year. Seen from 2019 the line reaches
 *   18.2% in 2020, so 8 more recognitions are needed in that one year; 2020 is the milestone.
 * Clan C1 (members A1 A3 A4 B2), full points: 1 of 4 members recognised, under the 50% rule, which
 *   needs 2: failed by that rule alone, a near miss lacking 1 member. 1 clan, 0 recognised, the
 *   60% floor needs 1: the near miss alone would meet it.
 */
describe('where to act next, on a commune checked by hand', () => {
  let t: TestApp;

  const put = (kind: string, code: string, year: number, body: object) =>
    t.http().put(`/api/evaluations/${kind}/${code}/${year}`).send(body).expect(200);
  const points = (p1: number, p2: number, p3: number, p4: number) => ({
    registered: true,
    scores: { '1': p1, '2': p2, '3': p3, '4': p4 },
  });
  const recognise = async (code: string, year: number) => {
    const path = `/api/evaluations/family/${code}/${year}`;
    await t.http().post(`${path}/submit`).expect(200);
    await t.http().post(`${path}/approve`).expect(200);
    await t
      .http()
      .post(`${path}/recognition`)
      .send({ decisionNumber: `${year}/QĐ-UBND`, decisionDate: `${year}-12-15` })
      .expect(201);
  };
  const get = async (path: string) => (await t.http().get(path).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp();
    await createArea(t, 'Z', 'Thủy Thí Điểm', 'commune', 'HUONG_THUY');
    await createArea(t, 'Z_H1', 'Thôn 1', 'hamlet', 'Z');
    await createArea(t, 'Z_H2', 'Thôn 2', 'hamlet', 'Z');
    await t
      .http()
      .post('/api/clans')
      .send({ code: 'C1', name: 'Họ Lê', communeCode: 'Z', activeFrom: '2015-01-01' })
      .expect(201);
    const households: [string, string, string | null][] = [
      ['A1', 'Z_H1', 'C1'],
      ['A2', 'Z_H1', null],
      ['A3', 'Z_H1', 'C1'],
      ['A4', 'Z_H1', 'C1'],
      ['A5', 'Z_H1', null],
      ['A6', 'Z_H1', null],
      ['B1', 'Z_H2', null],
      ['B2', 'Z_H2', 'C1'],
      ['B3', 'Z_H2', null],
      ['B4', 'Z_H2', null],
      ['B5', 'Z_H2', null],
    ];
    for (const [code, hamletCode, clanCode] of households) {
      await t
        .http()
        .post('/api/households')
        .send({
          code,
          headName: `Lê Văn ${code}`,
          hamletCode,
          clanCode,
          members: 4,
          activeFrom: '2015-01-01',
        })
        .expect(201);
    }
    await put('family', 'A1', 2018, points(25, 25, 15, 12));
    await put('family', 'A1', 2019, points(30, 30, 20, 20));
    await recognise('A1', 2019);
    const year2020: [string, object][] = [
      ['A1', points(30, 30, 20, 20)],
      ['A2', points(28, 27, 18, 17)],
      ['A3', points(25, 25, 15, 12)],
      ['A4', points(30, 30, 8, 15)],
      ['A5', points(20, 20, 10, 10)],
      ['B1', points(29, 28, 19, 19)],
      ['B2', points(25, 25, 12, 10)],
      ['B3', points(14, 26, 20, 20)],
      ['B4', points(10, 25, 12, 13)],
      ['B5', { registered: false, scores: {} }],
    ];
    for (const [code, body] of year2020) await put('family', code, 2020, body);
    await recognise('A1', 2020);
    await recognise('A2', 2020);
    await put('clan', 'C1', 2020, points(30, 30, 20, 20));
  });

  afterAll(() => t.close());

  it('counts the failures and what held each back, per hamlet and in total', async () => {
    const view = await get('/api/insights/blocking?area=Z&year=2020&kind=family');
    expect(view.total).toEqual({
      evaluated: 9,
      failed: 6,
      pending: 1,
      reasons: [
        {
          code: 'TOTAL_BELOW_THRESHOLD',
          ref: null,
          label: 'Tổng điểm dưới ngưỡng đạt',
          blocked: 4,
          alone: 3,
        },
        expect.objectContaining({
          code: 'CRITERION_BELOW_MINIMUM',
          ref: '1',
          blocked: 2,
          alone: 1,
        }),
        expect.objectContaining({
          code: 'CRITERION_BELOW_MINIMUM',
          ref: '3',
          blocked: 1,
          alone: 1,
        }),
      ],
    });
    expect(view.total.reasons[1].label).toMatch(/^Tiêu chí 1 dưới mức tối thiểu \(/);
    const [h1, h2] = view.rows;
    expect(h1).toMatchObject({ area: { code: 'Z_H1' }, evaluated: 5, failed: 3, pending: 0 });
    expect(
      h1.reasons.map((r: { ref: string | null; blocked: number; alone: number }) => [
        r.ref,
        r.blocked,
        r.alone,
      ]),
    ).toEqual([
      [null, 2, 2],
      ['3', 1, 1],
    ]);
    expect(h2).toMatchObject({ area: { code: 'Z_H2' }, evaluated: 4, failed: 3, pending: 1 });
    expect(
      h2.reasons.map((r: { ref: string | null; blocked: number; alone: number }) => [
        r.ref,
        r.blocked,
        r.alone,
      ]),
    ).toEqual([
      ['1', 2, 1],
      [null, 2, 1],
    ]);
  });

  it('lists the near misses with what each lacks, sorted and filtered by hamlet', async () => {
    const view = await get('/api/insights/near-misses?area=Z&year=2020&kind=family');
    expect(view.failed).toBe(6);
    expect(view.margin).toBe(10);
    expect(
      view.items.map(
        (item: { code: string; pointsShort: number; shortfalls: { message: string }[] }) => [
          item.code,
          item.pointsShort,
          item.shortfalls.map((s) => s.message),
        ],
      ),
    ).toEqual([
      ['B3', 1, ['tiêu chí 1 thiếu 1 điểm']],
      ['A4', 2, ['tiêu chí 3 thiếu 2 điểm']],
      ['A3', 3, ['tổng điểm thiếu 3 điểm']],
      ['B2', 8, ['tổng điểm thiếu 8 điểm']],
    ]);
    expect(view.items[0]).toMatchObject({
      hamlet: { code: 'Z_H2', name: 'Thôn 2' },
      total: 80,
      threshold: 80,
    });
    expect(view.whatIf).toEqual({
      shortfall: 7,
      pending: 1,
      nearMisses: 4,
      wouldMeet: false,
      nearMissesNeeded: 6,
      message:
        'Kể cả 1 hồ sơ đã đạt tiêu chí và 4 trường hợp sát ngưỡng đều được công nhận vẫn còn thiếu 2',
    });

    const second = await get(
      '/api/insights/near-misses?area=Z&year=2020&kind=family&hamlet=Z_H2&sort=name',
    );
    expect(second.items.map((item: { code: string }) => item.code)).toEqual(['B2', 'B3']);
    // The what-if is the commune's, whatever the filter.
    expect(second.whatIf.nearMisses).toBe(4);

    // A wider margin takes in A5 and B4 (20 points short).
    const wide = await get('/api/insights/near-misses?area=Z&year=2020&kind=family&margin=20');
    expect(wide.items).toHaveLength(6);
  });

  it('finds a clan held back by its members alone, whose recognition would meet the floor', async () => {
    const view = await get('/api/insights/near-misses?area=Z&year=2020&kind=clan');
    expect(view.items).toEqual([
      expect.objectContaining({
        code: 'C1',
        total: 100,
        shortfalls: [
          {
            kind: 'dependency',
            ref: 'member_families_recognised',
            missing: 1,
            message: 'cần thêm 1 hộ thành viên được công nhận',
          },
        ],
      }),
    ]);
    expect(view.whatIf).toMatchObject({ shortfall: 1, wouldMeet: true, nearMissesNeeded: 1 });
    const blocking = await get('/api/insights/blocking?area=Z&year=2020&kind=clan');
    expect(blocking.total).toMatchObject({
      evaluated: 1,
      failed: 1,
      reasons: [
        {
          code: 'DEPENDENCY_UNMET',
          ref: 'member_families_recognised',
          label: 'Chưa đủ tỷ lệ hộ thành viên là gia đình học tập',
          blocked: 1,
          alone: 1,
        },
      ],
    });
    // Clans belong to the commune, not to a hamlet.
    expect(blocking.rows).toEqual([]);
  });

  it('projects the pace from the years with data, and judges the milestone year on its figure', async () => {
    const in2019 = await get('/api/insights/focus?area=Z&year=2019&kind=family');
    expect(in2019.total.pace.points).toEqual([
      { year: 2018, recognised: 0, total: 11 },
      { year: 2019, recognised: 1, total: 11 },
    ]);
    expect(in2019.total.pace.trend).toEqual({
      years: [2018, 2019],
      pointsPerYear: 9.1,
      latestPercent: 9.1,
    });
    expect(in2019.total.pace.verdict).toMatchObject({
      status: 'off_track',
      projectedPercent: 18.2,
      perYearNeeded: 8,
      floor: 80,
      milestoneYear: 2020,
      message: 'Theo đà này chỉ đạt 18,2% vào năm 2020; cần thêm 8 công nhận mỗi năm để đạt 80%',
    });

    const in2020 = await get('/api/insights/focus?area=Z&year=2020&kind=family');
    const blocking = await get('/api/insights/blocking?area=Z&year=2020&kind=family');
    expect(in2020.reasons).toEqual(blocking.total.reasons);
    expect(in2020.total).toMatchObject({
      progress: { total: 11, recognised: 2, shortfall: 7 },
      failed: 6,
      nearMisses: 4,
      whatIf: { wouldMeet: false, nearMissesNeeded: 6 },
      topReason: { code: 'TOTAL_BELOW_THRESHOLD', blocked: 4 },
      pace: {
        trend: { pointsPerYear: 9.1, latestPercent: 18.2 },
        verdict: {
          status: 'off_track',
          message: 'Năm mốc 2020 mới đạt 18,2%; còn thiếu 7 công nhận để đạt 80%',
        },
      },
    });
    expect(
      in2020.rows.map((row: { area: { code: string }; nearMisses: number }) => [
        row.area.code,
        row.nearMisses,
      ]),
    ).toEqual([
      ['Z_H1', 2],
      ['Z_H2', 2],
    ]);
  });

  it('shows the commune among its thị xã with the same figures', async () => {
    const view = await get('/api/insights/focus?area=HUONG_THUY&year=2020&kind=family');
    expect(view.rowLevel).toBe('commune');
    const z = view.rows.find((row: { area: { code: string } }) => row.area.code === 'Z');
    expect(z).toMatchObject({ failed: 6, nearMisses: 4, whatIf: { pending: 1, shortfall: 7 } });
    expect(view.total).toMatchObject({ failed: 6, nearMisses: 4 });
  });

  it('refuses a hamlet, a near-miss list above a commune and a bad margin', async () => {
    const hamlet = await t
      .http()
      .get('/api/insights/blocking?area=Z_H1&year=2020&kind=family')
      .expect(400);
    expect(hamlet.body.details[0]).toMatchObject({ field: 'area', code: 'AREA_LEVEL_MISMATCH' });
    await t
      .http()
      .get('/api/insights/near-misses?area=HUONG_THUY&year=2020&kind=family')
      .expect(400);
    const margin = await t
      .http()
      .get('/api/insights/near-misses?area=Z&year=2020&kind=family&margin=-1')
      .expect(400);
    expect(margin.body.message).toContain('margin');
    await t.http().get('/api/insights/focus?area=Z&year=2020&kind=school').expect(400);
  });
});
