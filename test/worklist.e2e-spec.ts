import { createTestApp, type TestApp } from './support/test-app.js';

const PASSING = { '1': 28, '2': 27, '3': 18, '4': 17 };
const FAILING = { '1': 25, '2': 7.5, '3': 19.5, '4': 17 };

interface Row {
  code: string;
  name: string;
  place: { code: string; name: string } | null;
  category: string | null;
  evaluation: {
    status: string;
    registered: boolean;
    total: number;
    criteriaPassed: boolean;
  } | null;
}

describe('what the web app reads: the worklist, the evaluation form and the trend', () => {
  let t: TestApp;

  const household = (code: string, headName: string, hamletCode: string, clanCode?: string) =>
    t
      .http()
      .post('/api/households')
      .send({ code, headName, hamletCode, clanCode, members: 4, activeFrom: '2015-01-01' })
      .expect(201);
  const evaluate = (code: string, year: number, scores: Record<string, number>) =>
    t
      .http()
      .put(`/api/evaluations/family/${code}/${year}`)
      .send({ registered: true, scores })
      .expect(200);
  const worklist = async (query: string): Promise<{ items: Row[]; total: number }> =>
    (await t.http().get(`/api/worklist?year=2020&${query}`).expect(200)).body as {
      items: Row[];
      total: number;
    };
  const codes = (rows: Row[]) => rows.map((row) => row.code);

  beforeAll(async () => {
    t = await createTestApp();
    await t
      .http()
      .post('/api/clans')
      .send({
        code: 'DH_TRAN',
        name: 'Họ Trần',
        communeCode: 'HT_PHU_BAI',
        activeFrom: '2015-01-01',
      })
      .expect(201);
    await household('WL_A', 'Nguyễn Văn An', 'HT_PHU_BAI_T01', 'DH_TRAN');
    await household('WL_B', 'Trần Thị Bình', 'HT_PHU_BAI_T01', 'DH_TRAN');
    await household('WL_C', 'Lê Văn Cường', 'HT_PHU_BAI_T02');
    await household('WL_D', 'Phạm Thị Dung', 'HT_PHU_BAI_T02');
    await household('WL_E', 'Hồ Văn Em', 'HT_THUY_CHAU_T01');
    await t
      .http()
      .post('/api/households/WL_D/deactivation')
      .send({ on: '2019-06-01', reason: 'Chuyển đi nơi khác' })
      .expect(201);
    await t
      .http()
      .post('/api/units')
      .send({
        code: 'DV_TH',
        name: 'Trường Tiểu học Phú Bài',
        communeCode: 'HT_PHU_BAI',
        category: 'school',
        activeFrom: '2015-01-01',
      })
      .expect(201);
    await evaluate('WL_A', 2020, PASSING);
    await evaluate('WL_B', 2020, FAILING);
    await evaluate('WL_A', 2019, PASSING);
  });

  afterAll(() => t.close());

  it('lists every subject active in the year, evaluated or not, in name order', async () => {
    const all = await worklist('area=HT_PHU_BAI&kind=family');
    expect(all.total).toBe(3);
    expect(codes(all.items)).toEqual(['WL_C', 'WL_A', 'WL_B']);
    expect(all.items[0]).toEqual({
      code: 'WL_C',
      name: 'Lê Văn Cường',
      place: { code: 'HT_PHU_BAI_T02', name: expect.any(String) },
      category: null,
      evaluation: null,
    });
    expect(all.items[1].evaluation).toMatchObject({
      status: 'draft',
      registered: true,
      total: 90,
      criteriaPassed: true,
    });
    expect(all.items[2].evaluation).toMatchObject({ total: 69, criteriaPassed: false });
  });

  it('filters by status, result, hamlet and accent-free text, a page at a time', async () => {
    expect(codes((await worklist('area=HT_PHU_BAI&kind=family&status=none')).items)).toEqual([
      'WL_C',
    ]);
    expect(codes((await worklist('area=HT_PHU_BAI&kind=family&status=draft')).items)).toEqual([
      'WL_A',
      'WL_B',
    ]);
    expect(codes((await worklist('area=HT_PHU_BAI&kind=family&result=passed')).items)).toEqual([
      'WL_A',
    ]);
    expect(codes((await worklist('area=HT_PHU_BAI&kind=family&result=failed')).items)).toEqual([
      'WL_B',
    ]);
    expect(codes((await worklist('area=HT_PHU_BAI&kind=family&result=none')).items)).toEqual([
      'WL_C',
    ]);
    expect(codes((await worklist('area=HT_PHU_BAI_T02&kind=family')).items)).toEqual(['WL_C']);
    expect(codes((await worklist('area=HT_PHU_BAI&kind=family&q=binh')).items)).toEqual(['WL_B']);
    expect(
      codes((await worklist(`area=HT_PHU_BAI&kind=family&q=${encodeURIComponent('Cường')}`)).items),
    ).toEqual(['WL_C']);
    expect(codes((await worklist('area=HT_PHU_BAI&kind=family&q=wl_a')).items)).toEqual(['WL_A']);
    const second = await worklist('area=HT_PHU_BAI&kind=family&pageSize=2&page=2');
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(codes(second.items)).toEqual(['WL_B']);
  });

  it('lists hamlets, clans and units of the commune the same way', async () => {
    const hamlets = await worklist('area=HT_PHU_BAI&kind=community&pageSize=500');
    expect(codes(hamlets.items)).toEqual(
      expect.arrayContaining(['HT_PHU_BAI_T01', 'HT_PHU_BAI_T02']),
    );
    expect(hamlets.items.every((row) => row.place === null && row.evaluation === null)).toBe(true);
    const units = await worklist('area=HT_PHU_BAI&kind=unit');
    expect(units.items).toEqual([
      expect.objectContaining({
        code: 'DV_TH',
        category: 'school',
        place: expect.objectContaining({ code: 'HT_PHU_BAI' }),
      }),
    ]);
    expect(codes((await worklist('area=HT_PHU_BAI&kind=clan')).items)).toEqual(['DH_TRAN']);
  });

  it('refuses a bad filter by naming it', async () => {
    const response = await t
      .http()
      .get('/api/worklist?area=HT_PHU_BAI&year=2020&kind=family&status=done')
      .expect(400);
    expect(response.body.details).toEqual([
      expect.objectContaining({ field: 'status', message: expect.stringContaining('none') }),
    ]);
    await t.http().get('/api/worklist?area=HT_PHU_BAI&year=2020').expect(400);
  });

  it('gives the form the criteria in force, the member figures and the evaluation if any', async () => {
    const blank = (await t.http().get('/api/evaluations/family/WL_C/2020/form').expect(200)).body;
    expect(blank).toMatchObject({
      kind: 'family',
      year: 2020,
      subject: { code: 'WL_C', name: 'Lê Văn Cường', activeInYear: true },
      dependencies: [],
      yearLocked: false,
      evaluation: null,
    });
    expect(blank.criteriaSet.rules.criteria.map((c: { code: string }) => c.code)).toEqual([
      '1',
      '2',
      '3',
      '4',
    ]);
    expect(blank.criteriaSet.rules.passThreshold).toBe(80);

    const failing = (await t.http().get('/api/evaluations/family/WL_B/2020/form').expect(200)).body;
    expect(failing.evaluation).toMatchObject({ status: 'draft', total: 69, passed: false });

    const clan = (await t.http().get('/api/evaluations/clan/DH_TRAN/2020/form').expect(200)).body;
    expect(clan.dependencies).toEqual([
      { type: 'member_families_recognised', members: 2, recognised: 0 },
    ]);
    expect(clan.criteriaSet.rules.dependencyRules).toEqual([
      { type: 'member_families_recognised', minShare: 50 },
    ]);

    const moved = (await t.http().get('/api/evaluations/family/WL_D/2020/form').expect(200)).body;
    expect(moved.subject.activeInYear).toBe(false);

    await t.http().post('/api/year-locks').send({ area: 'HT_PHU_BAI', year: 2020 }).expect(201);
    const locked = (await t.http().get('/api/evaluations/family/WL_C/2020/form').expect(200)).body;
    expect(locked.yearLocked).toBe(true);
    await t
      .http()
      .delete('/api/year-locks/HT_PHU_BAI/2020')
      .send({ reason: 'Mở lại để kiểm thử' })
      .expect(200);

    await t.http().get('/api/evaluations/family/NO_SUCH/2020/form').expect(404);
  });

  it('gives the trend over every year with data, each on that year', async () => {
    const trend = (await t.http().get('/api/progress/trend?area=HT_PHU_BAI&year=2020').expect(200))
      .body as {
      points: { year: number; total: { family: { total: number; registered: number } } }[];
    };
    expect(trend.points.map((point) => point.year)).toEqual([2019, 2020]);
    // WL_D was still there in 2019.
    expect(trend.points[0].total.family).toMatchObject({ total: 4, registered: 1 });
    expect(trend.points[1].total.family).toMatchObject({ total: 3, registered: 2 });
  });
});
