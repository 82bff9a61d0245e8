import { createTestApp, type TestApp } from './support/test-app.js';

const SCORES = { '1': 28, '2': 27, '3': 18, '4': 17 };

describe('evaluations and registries: bad input changes nothing', () => {
  let t: TestApp;
  const evaluationCount = async (): Promise<number> =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM evaluations`))[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    await t
      .http()
      .post('/api/households')
      .send({
        code: 'HH1',
        headName: '  Trần   Thị Bình ',
        hamletCode: 'HT_PHU_BAI_T01',
        members: 3,
        activeFrom: '2015-01-01',
      })
      .expect(201);
  });

  afterAll(() => t.close());

  it('normalises names and finds them without diacritics', async () => {
    const created = await t.http().get('/api/households/HH1').expect(200);
    expect(created.body).toMatchObject({
      headName: 'Trần Thị Bình',
      hamlet: { code: 'HT_PHU_BAI_T01' },
      commune: { code: 'HT_PHU_BAI' },
    });
    const found = await t.http().get('/api/households?q=tran thi binh').expect(200);
    expect(found.body).toMatchObject({
      total: 1,
      items: [expect.objectContaining({ code: 'HH1' })],
    });
    const pastTheEnd = await t.http().get('/api/households?q=binh&page=5&pageSize=10').expect(200);
    expect(pastTheEnd.body).toMatchObject({ total: 1, items: [], page: 5 });
    const decomposed = await t
      .http()
      .get(`/api/households?q=${encodeURIComponent('Tra\u0300n')}`)
      .expect(200);
    expect(decomposed.body.total).toBe(1);
  });

  it('saves an evaluation, computes the total and the result', async () => {
    const response = await t
      .http()
      .put('/api/evaluations/family/HH1/2020')
      .send({ registered: true, scores: SCORES })
      .expect(200);
    expect(response.body).toMatchObject({
      total: 90,
      passed: true,
      reasons: [],
      status: 'draft',
      version: 1,
      criteriaSet: { code: 'QD448_2016_FAMILY', passThreshold: 80, maxTotal: 100 },
    });
  });

  it.each([
    [
      'an unknown criterion',
      { registered: true, scores: { ...SCORES, '9': 5 } },
      'UNKNOWN_CRITERION',
      'scores.9',
    ],
    [
      'points above the maximum',
      { registered: true, scores: { ...SCORES, '1': 31 } },
      'POINTS_OUT_OF_RANGE',
      'scores.1',
    ],
    [
      'negative points',
      { registered: true, scores: { ...SCORES, '3': -1 } },
      'POINTS_OUT_OF_RANGE',
      'scores.3',
    ],
    [
      'points that are not a number',
      { registered: true, scores: { ...SCORES, '2': 'hai mươi' } },
      'POINTS_NOT_A_NUMBER',
      'scores.2',
    ],
  ])('refuses %s with 400 naming the field', async (_label, body, detailCode, field) => {
    const before = await t.http().get('/api/evaluations/family/HH1/2020').expect(200);
    const response = await t.http().put('/api/evaluations/family/HH1/2020').send(body).expect(400);
    expect(response.body.code).toBe('INVALID_SCORES');
    expect(response.body.details).toEqual([expect.objectContaining({ code: detailCode, field })]);
    expect(response.body.message).toContain(field);
    const after = await t.http().get('/api/evaluations/family/HH1/2020').expect(200);
    expect(after.body).toEqual(before.body);
  });

  it('refuses a year with no criteria set', async () => {
    const response = await t
      .http()
      .put('/api/evaluations/family/HH1/2023')
      .send({ registered: true, scores: SCORES })
      .expect(422);
    expect(response.body.code).toBe('NO_CRITERIA_SET');
  });

  it('refuses an unknown subject, kind or area', async () => {
    const count = await evaluationCount();
    expect(
      (
        await t
          .http()
          .put('/api/evaluations/family/NOPE/2020')
          .send({ registered: true, scores: SCORES })
          .expect(404)
      ).body.code,
    ).toBe('SUBJECT_NOT_FOUND');
    expect(
      (
        await t
          .http()
          .put('/api/evaluations/village/HH1/2020')
          .send({ registered: true, scores: SCORES })
          .expect(400)
      ).body.details[0].field,
    ).toBe('kind');
    const area = await t
      .http()
      .post('/api/households')
      .send({ code: 'HH2', headName: 'Lê Văn C', hamletCode: 'NO_SUCH_HAMLET', members: 2 })
      .expect(404);
    expect(area.body).toMatchObject({
      code: 'AREA_NOT_FOUND',
      details: [expect.objectContaining({ field: 'hamletCode' })],
    });
    const notHamlet = await t
      .http()
      .post('/api/households')
      .send({ code: 'HH2', headName: 'Lê Văn C', hamletCode: 'HT_PHU_BAI', members: 2 })
      .expect(400);
    expect(notHamlet.body.details[0]).toMatchObject({
      field: 'hamletCode',
      code: 'AREA_LEVEL_MISMATCH',
    });
    await t.http().get('/api/households/HH2').expect(404);
    expect(await evaluationCount()).toBe(count);
  });

  it('refuses a duplicate code', async () => {
    const response = await t
      .http()
      .post('/api/households')
      .send({ code: 'HH1', headName: 'Ai Đó', hamletCode: 'HT_PHU_BAI_T01', members: 1 })
      .expect(409);
    expect(response.body.code).toBe('DUPLICATE_CODE');
    expect((await t.http().get('/api/households/HH1').expect(200)).body.headName).toBe(
      'Trần Thị Bình',
    );
  });

  it('refuses malformed and unexpected bodies', async () => {
    const malformed = await t
      .http()
      .put('/api/evaluations/family/HH1/2020')
      .set('Content-Type', 'application/json')
      .send('{"registered": tru')
      .expect(400);
    expect(malformed.body.code).toBe('MALFORMED_BODY');
    const extra = await t
      .http()
      .put('/api/evaluations/family/HH1/2020')
      .send({ registered: true, scores: SCORES, total: 100 })
      .expect(400);
    expect(extra.body.details).toEqual([
      expect.objectContaining({ field: 'total', code: 'UNKNOWN_FIELD' }),
    ]);
    expect(extra.body.details[0].message).toBe('total: trường này không được phép');
    const missing = await t
      .http()
      .put('/api/evaluations/family/HH1/2020')
      .send({ scores: SCORES })
      .expect(400);
    expect(missing.body.details[0].field).toBe('registered');
    expect(JSON.stringify(missing.body)).not.toMatch(/stack|SELECT|node_modules/);
  });

  it('lets only one of two simultaneous first saves through, and never fails with a server error', async () => {
    await t
      .http()
      .post('/api/households')
      .send({
        code: 'HH_RACE',
        headName: 'Đinh Văn Đua',
        hamletCode: 'HT_THUY_CHAU_T01',
        members: 2,
        activeFrom: '2015-01-01',
      })
      .expect(201);
    const statuses = (
      await Promise.all(
        [1, 2, 3].map(() =>
          t
            .http()
            .put('/api/evaluations/family/HH_RACE/2020')
            .send({ registered: true, scores: SCORES }),
        ),
      )
    ).map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.every((status) => [200, 409, 428].includes(status))).toBe(true);
  });

  it('saves many evaluations at once, more than the connection pool holds, without starving it', async () => {
    const codes = Array.from({ length: 16 }, (_, index) => `HH_LOAD_${index}`);
    for (const code of codes) {
      await t
        .http()
        .post('/api/households')
        .send({
          code,
          headName: 'Lý Văn Tải',
          hamletCode: 'HT_THUY_CHAU_T01',
          members: 2,
          activeFrom: '2015-01-01',
        })
        .expect(201);
    }
    // Each save is one transaction; a read on a second connection inside it once deadlocked the pool.
    const statuses = (
      await Promise.all(
        codes.map((code) =>
          t
            .http()
            .put(`/api/evaluations/family/${code}/2020`)
            .send({ registered: true, scores: SCORES }),
        ),
      )
    ).map((response) => response.status);
    expect(statuses).toEqual(codes.map(() => 200));
  }, 20000);

  it('refuses to change an existing evaluation without the version it was read at', async () => {
    const blind = await t
      .http()
      .put('/api/evaluations/family/HH1/2020')
      .send({ registered: true, scores: { ...SCORES, '4': 10 } })
      .expect(428);
    expect(blind.body).toMatchObject({
      code: 'VERSION_REQUIRED',
      details: { current: { total: 90 } },
    });
  });

  it('refuses a stale version with 409 and the current evaluation', async () => {
    const current = await t.http().get('/api/evaluations/family/HH1/2020').expect(200);
    await t
      .http()
      .put('/api/evaluations/family/HH1/2020')
      .send({ registered: true, scores: SCORES, version: current.body.version })
      .expect(200);
    const stale = await t
      .http()
      .put('/api/evaluations/family/HH1/2020')
      .send({ registered: true, scores: { ...SCORES, '4': 10 }, version: current.body.version })
      .expect(409);
    expect(stale.body).toMatchObject({
      code: 'STALE_VERSION',
      details: { current: { version: current.body.version + 1, total: 90 } },
    });
  });

  it('records a recognition decision once approved, then refuses edits until it is reopened', async () => {
    const early = await t
      .http()
      .post('/api/evaluations/family/HH1/2020/recognition')
      .send({ decisionNumber: '5/QĐ-UBND', decisionDate: '2020-12-20' })
      .expect(409);
    expect(early.body.code).toBe('ILLEGAL_TRANSITION');
    await t.http().post('/api/evaluations/family/HH1/2020/submit').expect(200);
    await t.http().post('/api/evaluations/family/HH1/2020/approve').expect(200);
    const future = await t
      .http()
      .post('/api/evaluations/family/HH1/2020/recognition')
      .send({ decisionNumber: '5/QĐ-UBND', decisionDate: '2099-01-01' })
      .expect(400);
    expect(future.body.details[0].field).toBe('decisionDate');
    const recognised = await t
      .http()
      .post('/api/evaluations/family/HH1/2020/recognition')
      .send({ decisionNumber: '5/QĐ-UBND', decisionDate: '2020-12-20' })
      .expect(201);
    expect(recognised.body).toMatchObject({
      status: 'recognised',
      decision: { number: '5/QĐ-UBND', date: '2020-12-20' },
    });
    const edit = await t
      .http()
      .put('/api/evaluations/family/HH1/2020')
      .send({ registered: true, scores: SCORES, version: recognised.body.version })
      .expect(409);
    expect(edit.body.code).toBe('ILLEGAL_TRANSITION');
    await t.http().post('/api/evaluations/family/HH1/2020/reopen').send({}).expect(400);
    const reopened = await t
      .http()
      .post('/api/evaluations/family/HH1/2020/reopen')
      .send({ reason: 'Sai số quyết định' })
      .expect(200);
    expect(reopened.body).toMatchObject({ status: 'draft', decision: null });
  });

  it('deactivates rather than deletes, and keeps the household out of later years', async () => {
    await t
      .http()
      .post('/api/households/HH1/deactivation')
      .send({ on: '2021-03-01', reason: 'Chuyển đi nơi khác' })
      .expect(201);
    expect((await t.http().get('/api/households/HH1').expect(200)).body).toMatchObject({
      deactivatedOn: '2021-03-01',
      deactivationReason: 'Chuyển đi nơi khác',
    });
    expect(
      (await t.http().get('/api/households?commune=HT_PHU_BAI&year=2020').expect(200)).body.total,
    ).toBe(1);
    expect(
      (await t.http().get('/api/households?commune=HT_PHU_BAI&year=2022').expect(200)).body.total,
    ).toBe(0);
    await t
      .http()
      .put('/api/evaluations/family/HH1/2022')
      .send({ registered: true, scores: SCORES })
      .expect(422);
  });

  it('lets an administrator add a criteria set that then applies', async () => {
    const body = {
      code: 'HUONG_THUY_2023_FAMILY',
      kind: 'family',
      name: 'Tiêu chí GĐHT thị xã Hương Thủy 2023',
      scopeAreaCode: 'HUONG_THUY',
      fromYear: 2023,
      passThreshold: 70,
      criteria: [
        { code: 'A', title: 'Học tập của các thành viên', maxPoints: 60, minPoints: 30 },
        { code: 'B', title: 'Điều kiện học tập', maxPoints: 40 },
      ],
    };
    const bad = await t
      .http()
      .post('/api/criteria-sets')
      .send({ ...body, passThreshold: 120 })
      .expect(400);
    expect(bad.body.details[0]).toMatchObject({
      field: 'passThreshold',
      code: 'THRESHOLD_UNREACHABLE',
    });
    await t.http().post('/api/criteria-sets').send(body).expect(201);
    await t
      .http()
      .post('/api/households')
      .send({
        code: 'HH3',
        headName: 'Phan Văn Dũng',
        hamletCode: 'HT_PHU_BAI_T01',
        members: 5,
        activeFrom: '2020-01-01',
      })
      .expect(201);
    const saved = await t
      .http()
      .put('/api/evaluations/family/HH3/2023')
      .send({ registered: true, scores: { A: 40, B: 30 } })
      .expect(200);
    expect(saved.body).toMatchObject({
      total: 70,
      passed: true,
      criteriaSet: { code: 'HUONG_THUY_2023_FAMILY' },
    });
    const listed = await t
      .http()
      .get('/api/criteria-sets?kind=family&year=2023&area=HT_PHU_BAI')
      .expect(200);
    expect(listed.body[0]).toMatchObject({ code: 'HUONG_THUY_2023_FAMILY', inForce: true });
  });
});
