import { criteriaFor, scoresAt } from './support/scores.js';
import { recordStatements, type StatementRecorder } from './support/statements.js';
import { createTestApp, type TestAgent, type TestApp } from './support/test-app.js';

const SCORES = { '1': 28, '2': 27, '3': 18, '4': 17 };
const DECISION = { decisionNumber: '21/QĐ-UBND', decisionDate: '2020-12-18' };

describe('the yearly workflow, year locks and the audit trail', () => {
  let t: TestApp;
  let officer: TestAgent;
  let reviewer: TestAgent;
  const versionOf = async (agent: TestAgent, code: string): Promise<number> =>
    (await agent.get(path(code)).expect(200)).body.version as number;
  const path = (code: string, step = '') =>
    `/api/evaluations/family/${code}/2020${step ? `/${step}` : ''}`;

  beforeAll(async () => {
    t = await createTestApp();
    for (const code of ['W1', 'W2', 'W3', 'W4']) {
      await t
        .http()
        .post('/api/households')
        .send({
          code,
          headName: `Hồ Văn ${code}`,
          hamletCode: 'HT_PHU_BAI_T01',
          members: 3,
          activeFrom: '2015-01-01',
        })
        .expect(201);
    }
    await t
      .http()
      .post('/api/households')
      .send({
        code: 'W5',
        headName: 'Võ Thị Hoa',
        hamletCode: 'HT_PHU_BAI_T02',
        members: 2,
        activeFrom: '2015-01-01',
      })
      .expect(201);
    officer = await t.userAgent({
      username: 'canbo.phubai',
      role: 'officer',
      scopeAreaCode: 'HT_PHU_BAI',
    });
    reviewer = await t.userAgent({
      username: 'khuyenhoc.huongthuy',
      role: 'reviewer',
      scopeAreaCode: 'HUONG_THUY',
    });
  });

  afterAll(() => t.close());

  it('walks draft → submitted → approved → recognised, each step by its role', async () => {
    expect(
      (await officer.put(path('W1')).send({ registered: true, scores: SCORES }).expect(200)).body
        .status,
    ).toBe('draft');
    expect((await officer.post(path('W1', 'submit')).expect(200)).body.status).toBe('submitted');
    await officer.post(path('W1', 'approve')).expect(403);
    expect((await reviewer.post(path('W1', 'approve')).expect(200)).body.status).toBe('approved');
    const recognised = await officer.post(path('W1', 'recognition')).send(DECISION).expect(201);
    expect(recognised.body).toMatchObject({
      status: 'recognised',
      decision: { number: '21/QĐ-UBND' },
    });
    const progress = await reviewer.get('/api/progress?area=HT_PHU_BAI&year=2020').expect(200);
    expect(progress.body.total.family.recognised).toBe(1);
  });

  it('returns a submitted evaluation with the comment, and edits of a submitted one go back to draft', async () => {
    await officer.put(path('W2')).send({ registered: true, scores: SCORES }).expect(200);
    await officer.post(path('W2', 'submit')).expect(200);
    await reviewer.post(path('W2', 'return')).send({}).expect(400);
    const returned = await reviewer
      .post(path('W2', 'return'))
      .send({ comment: 'Thiếu minh chứng tiêu chí 2' })
      .expect(200);
    expect(returned.body).toMatchObject({
      status: 'draft',
      reviewComment: 'Thiếu minh chứng tiêu chí 2',
    });
    const submitted = await officer.post(path('W2', 'submit')).expect(200);
    const edited = await officer
      .put(path('W2'))
      .send({ registered: true, scores: { ...SCORES, '4': 18 }, version: submitted.body.version })
      .expect(200);
    expect(edited.body.status).toBe('draft');
  });

  it('refuses the illegal moves', async () => {
    await officer.put(path('W3')).send({ registered: true, scores: SCORES }).expect(200);
    for (const step of ['approve', 'return']) {
      const response = await reviewer
        .post(path('W3', step))
        .send({ comment: 'không hợp lệ' })
        .expect(409);
      expect(response.body.code).toBe('ILLEGAL_TRANSITION');
    }
    expect(
      (await officer.post(path('W3', 'recognition')).send(DECISION).expect(409)).body.code,
    ).toBe('ILLEGAL_TRANSITION');
    expect(
      (await reviewer.post(path('W3', 'reopen')).send({ reason: 'Kiểm tra lại' }).expect(409)).body
        .code,
    ).toBe('ILLEGAL_TRANSITION');
    await officer.post(path('W3', 'submit')).expect(200);
    expect((await officer.post(path('W3', 'submit')).expect(409)).body.code).toBe(
      'ILLEGAL_TRANSITION',
    );
    await reviewer.post(path('W3', 'approve')).expect(200);
    expect(
      (
        await officer
          .put(path('W3'))
          .send({ registered: true, scores: SCORES, version: await versionOf(officer, 'W3') })
          .expect(409)
      ).body.code,
    ).toBe('ILLEGAL_TRANSITION');
    const reopened = await reviewer
      .post(path('W3', 'reopen'))
      .send({ reason: 'Chấm lại tiêu chí 3' })
      .expect(200);
    expect(reopened.body.status).toBe('draft');
  });

  it('submits and approves a whole commune at once, and tells who has not submitted', async () => {
    await officer.put(path('W4')).send({ registered: true, scores: SCORES }).expect(200);
    await officer.put(path('W5')).send({ registered: true, scores: SCORES }).expect(200);
    const before = await reviewer.get('/api/completeness?area=HT_PHU_BAI&year=2020').expect(200);
    expect(before.body.total).toEqual({ draft: 4, submitted: 0, approved: 0, recognised: 1 });
    expect(before.body.notSubmitted.map((item: { code: string }) => item.code).sort()).toEqual([
      'W2',
      'W3',
      'W4',
      'W5',
    ]);
    const hamlet = await officer
      .post('/api/evaluations/bulk/submit')
      .send({ area: 'HT_PHU_BAI_T02', year: 2020 })
      .expect(200);
    expect(hamlet.body.moved).toBe(1);
    const commune = await officer
      .post('/api/evaluations/bulk/submit')
      .send({ area: 'HT_PHU_BAI', year: 2020, kind: 'family' })
      .expect(200);
    expect(commune.body.moved).toBe(3);
    await officer
      .post('/api/evaluations/bulk/approve')
      .send({ area: 'HT_PHU_BAI', year: 2020 })
      .expect(403);
    expect(
      (
        await reviewer
          .post('/api/evaluations/bulk/approve')
          .send({ area: 'HT_PHU_BAI', year: 2020 })
          .expect(200)
      ).body.moved,
    ).toBe(4);
    const after = await reviewer.get('/api/completeness?area=HT_PHU_BAI&year=2020').expect(200);
    expect(after.body.total).toEqual({ draft: 0, submitted: 0, approved: 4, recognised: 1 });
    expect(after.body.notSubmitted).toEqual([]);
    const rows = Object.fromEntries(
      after.body.rows.map((row: { code: string; counts: unknown }) => [row.code, row.counts]),
    );
    expect(rows.HT_PHU_BAI_T02).toEqual({ draft: 0, submitted: 0, approved: 1, recognised: 0 });
    const trail = await t.http().get('/api/audit?entity=evaluation.family&code=W5').expect(200);
    expect(trail.body.map((row: { action: string }) => row.action)).toEqual([
      'bulk-approve',
      'bulk-submit',
      'create',
    ]);
  });

  it('lists the evaluations of an area by status, a page at a time', async () => {
    const approved = await reviewer
      .get('/api/evaluations?area=HT_PHU_BAI&year=2020&status=approved&pageSize=3')
      .expect(200);
    expect(approved.body).toMatchObject({ total: 4, page: 1, pageSize: 3 });
    expect(approved.body.items).toHaveLength(3);
    expect(approved.body.items[0]).toMatchObject({
      kind: 'family',
      code: 'W2',
      status: 'approved',
      registered: true,
    });
    const second = await reviewer
      .get('/api/evaluations?area=HT_PHU_BAI&year=2020&status=approved&pageSize=3&page=2')
      .expect(200);
    expect(second.body.items.map((item: { code: string }) => item.code)).toEqual(['W5']);
    const hamlet = await officer.get('/api/evaluations?area=HT_PHU_BAI_T02&year=2020').expect(200);
    expect(hamlet.body.items.map((item: { code: string }) => item.code)).toEqual(['W5']);
    await officer.get('/api/evaluations?area=HT_PHU_BAI&year=2020&status=done').expect(400);
  });

  it('freezes a finalised year until an administrator reopens it with a reason', async () => {
    await t.http().post('/api/year-locks').send({ area: 'HUONG_THUY', year: 2020 }).expect(201);
    const locked = await officer
      .put(path('W2'))
      .send({ registered: true, scores: SCORES })
      .expect(409);
    expect(locked.body).toMatchObject({ code: 'YEAR_LOCKED' });
    expect(locked.body.message).toContain('HUONG_THUY');
    expect(
      (await reviewer.post(path('W4', 'reopen')).send({ reason: 'Sửa' }).expect(409)).body.code,
    ).toBe('YEAR_LOCKED');
    await officer
      .put('/api/evaluations/family/W2/2019')
      .send({ registered: true, scores: SCORES })
      .expect(200);
    await t.http().delete('/api/year-locks/HUONG_THUY/2020').send({}).expect(400);
    await t
      .http()
      .delete('/api/year-locks/HUONG_THUY/2020')
      .send({ reason: 'Bổ sung hồ sơ thôn 1' })
      .expect(200);
    await reviewer.post(path('W4', 'reopen')).send({ reason: 'Sửa điểm tiêu chí 1' }).expect(200);
    const trail = await t.http().get('/api/audit?entity=year&code=HUONG_THUY').expect(200);
    expect(trail.body).toEqual([
      expect.objectContaining({
        action: 'reopen',
        actor: 'admin',
        year: 2020,
        reason: 'Bổ sung hồ sơ thôn 1',
      }),
      expect.objectContaining({ action: 'lock', actor: 'admin', year: 2020 }),
    ]);
  });

  it('records who changed what, before and after, for every kind of change', async () => {
    await officer.patch('/api/households/W1').send({ members: 6 }).expect(200);
    await t
      .http()
      .put('/api/targets')
      .send({
        code: 'PB_2025',
        name: 'Kế hoạch Phú Bài 2025',
        scopeAreaCode: 'HT_PHU_BAI',
        milestoneYear: 2025,
        values: [{ variant: 'standard', kind: 'family', floor: 85 }],
      })
      .expect(200);
    const household = await reviewer.get('/api/audit?entity=household&code=W1').expect(200);
    expect(household.body[0]).toMatchObject({
      actor: 'canbo.phubai',
      action: 'update',
      before: expect.objectContaining({ members: 3 }),
      after: { members: 6 },
    });
    const evaluation = await reviewer
      .get('/api/audit?entity=evaluation.family&code=W1')
      .expect(200);
    expect(
      evaluation.body.map((row: { action: string; actor: string }) => `${row.action}:${row.actor}`),
    ).toEqual([
      'recognise:canbo.phubai',
      'approve:khuyenhoc.huongthuy',
      'submit:canbo.phubai',
      'create:canbo.phubai',
    ]);
    expect(evaluation.body[0]).toMatchObject({
      before: { status: 'approved' },
      after: { status: 'recognised', decisionNumber: '21/QĐ-UBND' },
    });
    for (const [entity, code] of [
      ['target-plan', 'PB_2025'],
      ['user', 'canbo.phubai'],
    ]) {
      expect(
        (await t.http().get(`/api/audit?entity=${entity}&code=${code}`).expect(200)).body,
      ).toHaveLength(1);
    }
    await officer.get('/api/audit').expect(403);
  });

  it('keeps the audit trail append-only in the database itself, even for the owner', async () => {
    const [row] = await t.owner.query<{ id: string }[]>(
      `SELECT id FROM audit_log ORDER BY id LIMIT 1`,
    );
    await expect(
      t.owner.query(`UPDATE audit_log SET actor = 'someone' WHERE id = $1`, [row.id]),
    ).rejects.toThrow(/append-only/);
    await expect(t.owner.query(`DELETE FROM audit_log WHERE id = $1`, [row.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.owner.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    const [still] = await t.owner.query<{ actor: string }[]>(
      `SELECT actor FROM audit_log WHERE id = $1`,
      [row.id],
    );
    expect(still.actor).not.toBe('someone');
  });
});

describe('each step reads its subject once, whatever the kind', () => {
  let t: TestApp;
  let officer: TestAgent;
  let reviewer: TestAgent;
  let recorder: StatementRecorder;
  const scores: Record<string, Record<string, number>> = {};
  const path = (kind: string, code: string, step = '') =>
    `/api/evaluations/${kind}/${code}/2020${step ? `/${step}` : ''}`;
  /** The statements a request sends, transaction control apart, after checking its answer. */
  const statements = async (request: () => PromiseLike<unknown>): Promise<number> =>
    (await recorder.during(async () => request())).length;

  beforeAll(async () => {
    t = await createTestApp();
    await t
      .http()
      .post('/api/clans')
      .send({ code: 'DH_DEM', name: 'Họ Đếm', communeCode: 'HT_PHU_BAI', activeFrom: '2015-01-01' })
      .expect(201);
    for (const code of ['DM1', 'DM2']) {
      await t
        .http()
        .post('/api/households')
        .send({
          code,
          headName: `Hồ Văn ${code}`,
          hamletCode: 'HT_PHU_BAI_T03',
          clanCode: 'DH_DEM',
          members: 3,
          activeFrom: '2015-01-01',
        })
        .expect(201);
    }
    for (const kind of ['family', 'clan', 'community']) {
      scores[kind] = scoresAt(await criteriaFor(t, kind, 2020), 0.95);
    }
    // The member families recognised first, so that the clan and the hamlet pass too.
    for (const code of ['DM1', 'DM2']) {
      await t.http().put(path('family', code)).send({ registered: true, scores: scores.family });
      for (const step of ['submit', 'approve']) await t.http().post(path('family', code, step));
      await t
        .http()
        .post(path('family', code, 'recognition'))
        .send(DECISION)
        .expect(201);
    }
    officer = await t.userAgent({
      username: 'dem.officer',
      role: 'officer',
      scopeAreaCode: 'HT_PHU_BAI',
    });
    reviewer = await t.userAgent({
      username: 'dem.reviewer',
      role: 'reviewer',
      scopeAreaCode: 'HUONG_THUY',
    });
    recorder = recordStatements(t.dataSource);
  });

  afterAll(() => t.close());

  it.each([
    ['clan', 'DH_DEM'],
    ['community', 'HT_PHU_BAI_T03'],
  ])('a %s: every step within its budget', async (kind, code) => {
    const steps: [string, number, () => PromiseLike<unknown>][] = [
      ['form', 5, () => officer.get(path(kind, code, 'form')).expect(200)],
      [
        'first save',
        7,
        () =>
          officer
            .put(path(kind, code))
            .send({ registered: true, scores: scores[kind] })
            .expect(200),
      ],
      [
        'second save',
        7,
        () =>
          officer
            .put(path(kind, code))
            .send({ registered: true, scores: scores[kind], version: 1 })
            .expect(200),
      ],
      ['read', 5, () => officer.get(path(kind, code)).expect(200)],
      ['submit', 7, () => officer.post(path(kind, code, 'submit')).expect(200)],
      [
        'return',
        7,
        () =>
          reviewer
            .post(path(kind, code, 'return'))
            .send({ comment: 'Bổ sung' })
            .expect(200),
      ],
      ['submit again', 7, () => officer.post(path(kind, code, 'submit')).expect(200)],
      ['approve', 7, () => reviewer.post(path(kind, code, 'approve')).expect(200)],
      [
        'recognise',
        7,
        () =>
          officer
            .post(path(kind, code, 'recognition'))
            .send(DECISION)
            .expect(201),
      ],
      [
        'reopen',
        7,
        () =>
          reviewer
            .post(path(kind, code, 'reopen'))
            .send({ reason: 'Sửa lại' })
            .expect(200),
      ],
    ];
    const counts: Record<string, number> = {};
    for (const [name, , run] of steps) counts[name] = await statements(run);
    expect(counts).toEqual(
      Object.fromEntries(steps.map(([name, budget]) => [name, Math.min(counts[name], budget)])),
    );
  });

  it('lists, counts and moves an area within their budgets', async () => {
    const counts = {
      worklist: await statements(() =>
        officer.get('/api/worklist?area=HT_PHU_BAI&year=2020&kind=clan').expect(200),
      ),
      list: await statements(() =>
        officer.get('/api/evaluations?area=HT_PHU_BAI&year=2020').expect(200),
      ),
      completeness: await statements(() =>
        reviewer.get('/api/completeness?area=HT_PHU_BAI&year=2020').expect(200),
      ),
      'bulk submit': await statements(() =>
        officer
          .post('/api/evaluations/bulk/submit')
          .send({ area: 'HT_PHU_BAI', year: 2020 })
          .expect(200),
      ),
      'bulk approve': await statements(() =>
        reviewer
          .post('/api/evaluations/bulk/approve')
          .send({ area: 'HT_PHU_BAI', year: 2020 })
          .expect(200),
      ),
    };
    expect(counts).toEqual({
      worklist: Math.min(counts.worklist, 3),
      list: Math.min(counts.list, 3),
      completeness: Math.min(counts.completeness, 3),
      'bulk submit': Math.min(counts['bulk submit'], 5),
      'bulk approve': Math.min(counts['bulk approve'], 5),
    });
  });
});
