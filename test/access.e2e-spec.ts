import type { Role } from '@app/database';
import { UsersService } from '@app/api/users/users.service.js';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoUsers } from '@app/seed';
import { createTestApp, TEST_PASSWORD, type TestAgent, type TestApp } from './support/test-app.js';

interface RouteCase {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The route as Nest registers it. */
  route: string;
  /** A request in the officer's commune (Phú Bài), and one outside it, where the route touches an area. */
  inScope: string;
  outOfScope?: string;
  body?: object;
  roles: Role[];
}

const ALL: Role[] = ['admin', 'officer', 'reviewer', 'viewer'];
const SCORES = { '1': 28, '2': 27, '3': 18, '4': 17 };
const year = '2020';
const COURSE = {
  title: 'Bồi dưỡng nghiệp vụ khuyến học',
  startsOn: '2020-05-10',
  endsOn: '2020-05-10',
  organiser: 'Hội Khuyến học phường Phú Bài',
  areaCode: 'HT_PHU_BAI',
};

/**
 * Every route, who may call it, and a request inside and outside the caller's area. The test
 * compares this list with the routes the app really has, so a new route must be added here, with
 * its guard, or the suite fails.
 */
const CASES: RouteCase[] = [
  { method: 'get', route: '/api/areas', inScope: '/api/areas?level=commune', roles: ALL },
  {
    method: 'get',
    route: '/api/areas/:code',
    inScope: '/api/areas/HT_PHU_BAI',
    outOfScope: '/api/areas/HT_THUY_CHAU',
    roles: ALL,
  },
  {
    method: 'post',
    route: '/api/areas',
    inScope: '/api/areas',
    body: {
      code: 'PB_NEW',
      name: 'Tổ dân phố Mới',
      level: 'hamlet',
      typeLabel: 'tổ dân phố',
      parentCode: 'HT_PHU_BAI',
      validFrom: '2020-01-01',
    },
    roles: ['admin'],
  },
  {
    method: 'post',
    route: '/api/areas/:code/transfers',
    inScope: '/api/areas/HT_PHU_BAI_T02/transfers',
    body: { parentCode: 'HT_THUY_CHAU', effectiveOn: '2030-01-01' },
    roles: ['admin'],
  },
  { method: 'get', route: '/api/households', inScope: '/api/households', roles: ALL },
  {
    method: 'get',
    route: '/api/households/:code',
    inScope: '/api/households/HH_PB',
    outOfScope: '/api/households/HH_TC',
    roles: ALL,
  },
  {
    method: 'post',
    route: '/api/households',
    inScope: '/api/households',
    outOfScope: '/api/households',
    body: { code: 'HH_X', headName: 'Lê Thị Mai', hamletCode: 'HT_PHU_BAI_T01', members: 3 },
    roles: ['admin', 'officer'],
  },
  {
    method: 'patch',
    route: '/api/households/:code',
    inScope: '/api/households/HH_PB',
    outOfScope: '/api/households/HH_TC',
    body: { members: 5 },
    roles: ['admin', 'officer'],
  },
  {
    method: 'post',
    route: '/api/households/:code/deactivation',
    inScope: '/api/households/HH_PB2/deactivation',
    outOfScope: '/api/households/HH_TC/deactivation',
    body: { on: '2030-01-01', reason: 'Chuyển đi' },
    roles: ['admin', 'officer'],
  },
  { method: 'get', route: '/api/clans', inScope: '/api/clans', roles: ALL },
  {
    method: 'get',
    route: '/api/clans/:code',
    inScope: '/api/clans/CL_PB',
    outOfScope: '/api/clans/CL_TC',
    roles: ALL,
  },
  {
    method: 'post',
    route: '/api/clans',
    inScope: '/api/clans',
    body: { code: 'CL_X', name: 'Họ Lê', communeCode: 'HT_PHU_BAI' },
    roles: ['admin', 'officer'],
  },
  {
    method: 'patch',
    route: '/api/clans/:code',
    inScope: '/api/clans/CL_PB',
    outOfScope: '/api/clans/CL_TC',
    body: { headName: 'Lê Văn Tám' },
    roles: ['admin', 'officer'],
  },
  {
    method: 'post',
    route: '/api/clans/:code/deactivation',
    inScope: '/api/clans/CL_PB/deactivation',
    outOfScope: '/api/clans/CL_TC/deactivation',
    body: { on: '2030-01-01', reason: 'Giải thể' },
    roles: ['admin', 'officer'],
  },
  { method: 'get', route: '/api/units', inScope: '/api/units', roles: ALL },
  {
    method: 'get',
    route: '/api/units/:code',
    inScope: '/api/units/UN_PB',
    outOfScope: '/api/units/UN_TC',
    roles: ALL,
  },
  {
    method: 'post',
    route: '/api/units',
    inScope: '/api/units',
    body: { code: 'UN_X', name: 'Trường Mầm non', communeCode: 'HT_PHU_BAI', category: 'school' },
    roles: ['admin', 'officer'],
  },
  {
    method: 'patch',
    route: '/api/units/:code',
    inScope: '/api/units/UN_PB',
    outOfScope: '/api/units/UN_TC',
    body: { headName: 'Trần Văn Hải' },
    roles: ['admin', 'officer'],
  },
  {
    method: 'post',
    route: '/api/units/:code/deactivation',
    inScope: '/api/units/UN_PB/deactivation',
    outOfScope: '/api/units/UN_TC/deactivation',
    body: { on: '2030-01-01', reason: 'Giải thể' },
    roles: ['admin', 'officer'],
  },
  {
    method: 'get',
    route: '/api/criteria-sets',
    inScope: '/api/criteria-sets?kind=family',
    roles: ALL,
  },
  {
    method: 'post',
    route: '/api/criteria-sets',
    inScope: '/api/criteria-sets',
    body: {
      code: 'CS_X',
      kind: 'unit',
      name: 'Bộ thử',
      fromYear: 2030,
      passThreshold: 5,
      criteria: [{ code: '1', title: 'Một', maxPoints: 10 }],
    },
    roles: ['admin'],
  },
  {
    method: 'get',
    route: '/api/evaluations/:kind/:subjectCode/:year',
    inScope: `/api/evaluations/family/HH_PB/${year}`,
    outOfScope: `/api/evaluations/family/HH_TC/${year}`,
    roles: ALL,
  },
  {
    method: 'get',
    route: '/api/evaluations/:kind/:subjectCode/:year/form',
    inScope: `/api/evaluations/family/HH_PB/${year}/form`,
    outOfScope: `/api/evaluations/family/HH_TC/${year}/form`,
    roles: ALL,
  },
  {
    method: 'put',
    route: '/api/evaluations/:kind/:subjectCode/:year',
    inScope: `/api/evaluations/family/HH_PB/${year}`,
    outOfScope: `/api/evaluations/family/HH_TC/${year}`,
    body: { registered: true, scores: SCORES },
    roles: ['admin', 'officer'],
  },
  {
    method: 'post',
    route: '/api/evaluations/:kind/:subjectCode/:year/submit',
    inScope: `/api/evaluations/family/HH_PB/${year}/submit`,
    outOfScope: `/api/evaluations/family/HH_TC/${year}/submit`,
    roles: ['admin', 'officer'],
  },
  {
    method: 'post',
    route: '/api/evaluations/:kind/:subjectCode/:year/approve',
    inScope: `/api/evaluations/family/HH_PB/${year}/approve`,
    outOfScope: `/api/evaluations/family/HH_TC/${year}/approve`,
    roles: ['admin', 'reviewer'],
  },
  {
    method: 'post',
    route: '/api/evaluations/:kind/:subjectCode/:year/return',
    inScope: `/api/evaluations/family/HH_PB/${year}/return`,
    outOfScope: `/api/evaluations/family/HH_TC/${year}/return`,
    body: { comment: 'Bổ sung minh chứng' },
    roles: ['admin', 'reviewer'],
  },
  {
    method: 'post',
    route: '/api/evaluations/:kind/:subjectCode/:year/recognition',
    inScope: `/api/evaluations/family/HH_PB/${year}/recognition`,
    outOfScope: `/api/evaluations/family/HH_TC/${year}/recognition`,
    body: { decisionNumber: '1/QĐ-UBND', decisionDate: '2020-12-15' },
    roles: ['admin', 'officer'],
  },
  {
    method: 'post',
    route: '/api/evaluations/:kind/:subjectCode/:year/reopen',
    inScope: `/api/evaluations/family/HH_PB/${year}/reopen`,
    outOfScope: `/api/evaluations/family/HH_TC/${year}/reopen`,
    body: { reason: 'Kiểm tra lại' },
    roles: ['admin', 'reviewer'],
  },
  {
    method: 'post',
    route: '/api/evaluations/bulk/submit',
    inScope: '/api/evaluations/bulk/submit',
    body: { area: 'HT_PHU_BAI', year: 2020 },
    roles: ['admin', 'officer'],
  },
  {
    method: 'post',
    route: '/api/evaluations/bulk/approve',
    inScope: '/api/evaluations/bulk/approve',
    body: { area: 'HT_PHU_BAI', year: 2020 },
    roles: ['admin', 'reviewer'],
  },
  {
    method: 'get',
    route: '/api/evaluations',
    inScope: '/api/evaluations?area=HT_PHU_BAI&year=2020',
    outOfScope: '/api/evaluations?area=HT_THUY_CHAU&year=2020',
    roles: ALL,
  },
  {
    method: 'get',
    route: '/api/worklist',
    inScope: '/api/worklist?area=HT_PHU_BAI&year=2020&kind=family',
    outOfScope: '/api/worklist?area=HT_THUY_CHAU&year=2020&kind=family',
    roles: ALL,
  },
  {
    method: 'get',
    route: '/api/completeness',
    inScope: '/api/completeness?area=HT_PHU_BAI&year=2020',
    outOfScope: '/api/completeness?area=HT_THUY_CHAU&year=2020',
    roles: ALL,
  },
  {
    method: 'get',
    route: '/api/imports/templates/:what.xlsx',
    inScope: '/api/imports/templates/households.xlsx?commune=HT_PHU_BAI',
    outOfScope: '/api/imports/templates/households.xlsx?commune=HT_THUY_CHAU',
    roles: ['admin', 'officer'],
  },
  {
    method: 'post',
    route: '/api/imports/:what',
    inScope: '/api/imports/households?commune=HT_PHU_BAI',
    outOfScope: '/api/imports/households?commune=HT_THUY_CHAU',
    roles: ['admin', 'officer'],
  },
  {
    method: 'get',
    route: '/api/trainees',
    inScope: '/api/trainees?area=HT_PHU_BAI',
    outOfScope: '/api/trainees?area=HT_THUY_CHAU',
    roles: ALL,
  },
  {
    method: 'get',
    route: '/api/trainees/:code',
    inScope: '/api/trainees/TR_PB',
    outOfScope: '/api/trainees/TR_TC',
    roles: ALL,
  },
  {
    method: 'post',
    route: '/api/trainees',
    inScope: '/api/trainees',
    body: {
      code: 'TR_NEW',
      fullName: 'Lê Thị Mới',
      associationMember: true,
      posting: { areaCode: 'HT_PHU_BAI_T01', role: 'association_member' },
    },
    roles: ['admin', 'officer', 'reviewer'],
  },
  {
    method: 'patch',
    route: '/api/trainees/:code',
    inScope: '/api/trainees/TR_PB',
    outOfScope: '/api/trainees/TR_TC',
    body: { phone: '0905 123 456' },
    roles: ['admin', 'officer', 'reviewer'],
  },
  {
    method: 'post',
    route: '/api/trainees/:code/postings',
    inScope: '/api/trainees/TR_PB/postings',
    body: { areaCode: 'HT_PHU_BAI_T02', role: 'hamlet_head', validFrom: '2021-01-01' },
    roles: ['admin', 'officer', 'reviewer'],
  },
  {
    method: 'get',
    route: '/api/courses',
    inScope: '/api/courses?area=HT_PHU_BAI',
    outOfScope: '/api/courses?area=HT_THUY_CHAU',
    roles: ALL,
  },
  {
    method: 'get',
    route: '/api/courses/:code',
    inScope: '/api/courses/CO_PB',
    outOfScope: '/api/courses/CO_TC',
    roles: ALL,
  },
  {
    method: 'post',
    route: '/api/courses',
    inScope: '/api/courses',
    body: { ...COURSE, code: 'CO_NEW' },
    roles: ['admin', 'officer', 'reviewer'],
  },
  {
    method: 'put',
    route: '/api/courses/:code',
    inScope: '/api/courses/CO_PB',
    outOfScope: '/api/courses/CO_TC',
    body: COURSE,
    roles: ['admin', 'officer', 'reviewer'],
  },
  {
    method: 'put',
    route: '/api/courses/:code/attendance',
    inScope: '/api/courses/CO_PB/attendance',
    outOfScope: '/api/courses/CO_TC/attendance',
    body: { entries: [{ traineeCode: 'TR_PB', daysAttended: 1 }] },
    roles: ['admin', 'officer', 'reviewer'],
  },
  { method: 'get', route: '/api/targets', inScope: '/api/targets', roles: ALL },
  {
    method: 'put',
    route: '/api/targets',
    inScope: '/api/targets',
    body: {
      code: 'T_X',
      name: 'Kế hoạch thử',
      milestoneYear: 2030,
      scopeAreaCode: 'HT_PHU_BAI',
      values: [{ variant: 'standard', kind: 'family', floor: 90 }],
    },
    roles: ['admin'],
  },
  {
    method: 'get',
    route: '/api/progress',
    inScope: '/api/progress?area=HT_PHU_BAI&year=2020',
    outOfScope: '/api/progress?area=HT_THUY_CHAU&year=2020',
    roles: ALL,
  },
  {
    method: 'get',
    route: '/api/progress/trend',
    inScope: '/api/progress/trend?area=HT_PHU_BAI&year=2020',
    outOfScope: '/api/progress/trend?area=HT_THUY_CHAU&year=2020',
    roles: ALL,
  },
  {
    method: 'get',
    route: '/api/progress/training',
    inScope: '/api/progress/training?area=HT_PHU_BAI&year=2020',
    outOfScope: '/api/progress/training?area=HT_THUY_CHAU&year=2020',
    roles: ALL,
  },
  ...(['focus', 'blocking', 'near-misses'] as const).map((what): RouteCase => ({
    method: 'get',
    route: `/api/insights/${what}`,
    inScope: `/api/insights/${what}?area=HT_PHU_BAI&year=2020&kind=family`,
    outOfScope: `/api/insights/${what}?area=HT_THUY_CHAU&year=2020&kind=family`,
    roles: ALL,
  })),
  {
    method: 'get',
    route: '/api/reports/areas/:code.xlsx',
    inScope: '/api/reports/areas/HUONG_THUY.xlsx?year=2020',
    roles: ['admin', 'reviewer', 'viewer'],
  },
  {
    method: 'get',
    route: '/api/reports/communes/:code.xlsx',
    inScope: '/api/reports/communes/HT_PHU_BAI.xlsx?year=2020',
    outOfScope: '/api/reports/communes/HT_THUY_CHAU.xlsx?year=2020',
    roles: ALL,
  },
  {
    method: 'post',
    route: '/api/year-locks',
    inScope: '/api/year-locks',
    body: { area: 'HT_PHU_BAI', year: 2019 },
    roles: ['admin'],
  },
  {
    method: 'delete',
    route: '/api/year-locks/:area/:year',
    inScope: '/api/year-locks/HT_PHU_BAI/2019',
    body: { reason: 'Mở lại để sửa' },
    roles: ['admin'],
  },
  { method: 'get', route: '/api/audit', inScope: '/api/audit', roles: ['admin', 'reviewer'] },
  { method: 'get', route: '/api/users', inScope: '/api/users', roles: ['admin'] },
  {
    method: 'post',
    route: '/api/users',
    inScope: '/api/users',
    body: {
      username: 'moi.tao',
      displayName: 'Người mới',
      password: 'mat-khau-dai-du',
      role: 'viewer',
      scopeAreaCode: 'HT_PHU_BAI',
    },
    roles: ['admin'],
  },
  {
    method: 'get',
    route: '/api/users/:username',
    inScope: '/api/users/tam.thoi',
    roles: ['admin'],
  },
  {
    method: 'patch',
    route: '/api/users/:username',
    inScope: '/api/users/tam.thoi',
    body: { displayName: 'Người tạm thời' },
    roles: ['admin'],
  },
  {
    method: 'post',
    route: '/api/users/:username/password-reset',
    inScope: '/api/users/tam.thoi/password-reset',
    roles: ['admin'],
  },
  {
    method: 'post',
    route: '/api/users/:username/deactivation',
    inScope: '/api/users/tam.thoi/deactivation',
    body: { reason: 'Nghỉ việc' },
    roles: ['admin'],
  },
  {
    method: 'post',
    route: '/api/users/:username/reactivation',
    inScope: '/api/users/tam.thoi/reactivation',
    roles: ['admin'],
  },
  { method: 'get', route: '/api/auth/me', inScope: '/api/auth/me', roles: ALL },
  {
    method: 'post',
    route: '/api/auth/password',
    inScope: '/api/auth/password',
    // A wrong current password: the route is reached, and nobody's password changes.
    body: { currentPassword: 'khong-phai-mat-khau', newPassword: 'mat-khau-moi-dai-du' },
    roles: ALL,
  },
];

const PUBLIC = ['get /api/health', 'post /api/auth/login'];

/** The officer's scope is Phú Bài, the reviewer's and viewer's the whole thị xã. */
const SCOPES: Record<Role, string | undefined> = {
  admin: undefined,
  officer: 'HT_PHU_BAI',
  reviewer: 'HUONG_THUY',
  viewer: 'HUONG_THUY',
};

function send(agent: TestAgent, item: RouteCase, path: string) {
  const request = agent[item.method](path);
  return item.body ? request.send(item.body) : request;
}

describe('who may do what', () => {
  let t: TestApp;
  const agents = {} as Record<Role, TestAgent>;
  let otherOfficer: TestAgent;
  let otherViewer: TestAgent;

  beforeAll(async () => {
    t = await createTestApp();
    for (const [code, hamlet] of [
      ['HH_PB', 'HT_PHU_BAI_T01'],
      ['HH_PB2', 'HT_PHU_BAI_T01'],
      ['HH_TC', 'HT_THUY_CHAU_T01'],
    ]) {
      await t
        .http()
        .post('/api/households')
        .send({
          code,
          headName: 'Nguyễn Văn Thử',
          hamletCode: hamlet,
          members: 4,
          activeFrom: '2015-01-01',
        })
        .expect(201);
    }
    for (const [code, commune] of [
      ['CL_PB', 'HT_PHU_BAI'],
      ['CL_TC', 'HT_THUY_CHAU'],
    ]) {
      await t
        .http()
        .post('/api/clans')
        .send({ code, name: 'Họ Nguyễn', communeCode: commune, activeFrom: '2015-01-01' })
        .expect(201);
      await t
        .http()
        .post('/api/units')
        .send({
          code: code.replace('CL', 'UN'),
          name: 'Trạm Y tế',
          communeCode: commune,
          category: 'health',
          activeFrom: '2015-01-01',
        })
        .expect(201);
    }
    for (const [suffix, commune] of [
      ['PB', 'HT_PHU_BAI'],
      ['TC', 'HT_THUY_CHAU'],
    ]) {
      await t
        .http()
        .post('/api/trainees')
        .send({
          code: `TR_${suffix}`,
          fullName: 'Trần Văn Học',
          posting: { areaCode: `${commune}_T01`, role: 'hamlet_head', validFrom: '2015-01-01' },
        })
        .expect(201);
      await t
        .http()
        .post('/api/courses')
        .send({ ...COURSE, code: `CO_${suffix}`, areaCode: commune })
        .expect(201);
    }
    for (const code of ['HH_PB', 'HH_TC']) {
      await t
        .http()
        .put(`/api/evaluations/family/${code}/2020`)
        .send({ registered: true, scores: SCORES })
        .expect(200);
    }
    for (const role of ['officer', 'reviewer', 'viewer'] as const) {
      agents[role] = await t.userAgent({
        username: `${role}.test`,
        role,
        scopeAreaCode: SCOPES[role],
      });
    }
    agents.admin = t.http();
    otherOfficer = await t.userAgent({
      username: 'officer.thuychau',
      role: 'officer',
      scopeAreaCode: 'HT_THUY_CHAU',
    });
    otherViewer = await t.userAgent({
      username: 'viewer.hue',
      role: 'viewer',
      scopeAreaCode: 'TP_HUE',
    });
    await t.userAgent({ username: 'tam.thoi', role: 'viewer', scopeAreaCode: 'HT_PHU_BAI' });
  });

  afterAll(() => t.close());

  it('covers every route the application has', () => {
    const router = (
      t.app.getHttpAdapter().getInstance() as {
        router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
      }
    ).router;
    const routes = router.stack
      .filter((layer) => layer.route)
      .flatMap((layer) =>
        Object.keys(layer.route!.methods).map((method) => `${method} ${layer.route!.path}`),
      );
    const known = [...CASES.map((item) => `${item.method} ${item.route}`), ...PUBLIC];
    expect(routes.filter((route) => !route.startsWith('get /api/docs')).sort()).toEqual(
      known.sort(),
    );
  });

  it('refuses every route but health and login without a valid token', async () => {
    for (const item of CASES) {
      const response = await send(t.anonymous(), item, item.inScope);
      expect([item.route, response.status, response.body.code]).toEqual([
        item.route,
        401,
        'UNAUTHENTICATED',
      ]);
    }
    const forged = await t
      .anonymous()
      .get('/api/progress?area=HUONG_THUY&year=2020')
      .set('Authorization', 'Bearer not.a.token')
      .expect(401);
    expect(forged.body.code).toBe('UNAUTHENTICATED');
    await t.anonymous().get('/api/health').expect(200);
  });

  it.each(ALL)('lets %s call exactly its routes, inside its area', async (role) => {
    for (const item of CASES) {
      const response = await send(agents[role], item, item.inScope);
      // The request reached its handler: the route exists and the path is right.
      expect([item.route, response.body.message]).not.toEqual([
        item.route,
        expect.stringMatching(/^Cannot /),
      ]);
      if (item.roles.includes(role)) {
        expect([item.route, role, response.status]).not.toEqual([item.route, role, 403]);
        expect(response.status).not.toBe(401);
      } else {
        expect([item.route, role, response.status]).toEqual([item.route, role, 403]);
      }
    }
  });

  it('has written an audit row for every kind of change the roles made', async () => {
    const rows: { entity: string; action: string }[] = await t.dataSource.query(
      `SELECT DISTINCT entity, action FROM audit_log`,
    );
    const changes = rows.map((row) => `${row.entity}:${row.action}`);
    expect(changes).toEqual(
      expect.arrayContaining([
        'area:create',
        'area:transfer',
        'household:create',
        'household:update',
        'household:deactivate',
        'clan:create',
        'clan:update',
        'clan:deactivate',
        'unit:create',
        'unit:update',
        'unit:deactivate',
        'criteria-set:create',
        'evaluation.family:create',
        'evaluation.family:submit',
        'target-plan:put',
        'trainee:create',
        'trainee:update',
        'trainee:posting',
        'course:create',
        'course:update',
        'course:attendance',
        'year:lock',
        'year:reopen',
        'user:create',
      ]),
    );
  });

  it('refuses the same roles outside their area with 403', async () => {
    for (const item of CASES.filter((candidate) => candidate.outOfScope)) {
      const agent = item.roles.includes('officer') ? otherOfficer : otherViewer;
      const role = item.roles.includes('officer') ? 'officer' : 'viewer';
      if (!item.roles.includes(role)) continue;
      const response = await send(
        agent,
        item,
        item.outOfScope === item.inScope ? item.inScope : (item.outOfScope as string),
      );
      if (item.route === '/api/households' && item.method === 'post') {
        // The other officer's commune is Thủy Châu: creating in Phú Bài is outside it.
        expect([item.route, response.status]).toEqual([item.route, 403]);
        continue;
      }
      const target = item.outOfScope as string;
      const mine = /_TC\b|THUY_CHAU/.test(target);
      // The Thủy Châu officer may act there; the Huế viewer may not read Hương Thủy at all.
      if (role === 'officer' && mine) continue;
      expect([item.route, response.status]).toEqual([item.route, 403]);
    }
    // A subject of another commune answers as an unknown code does, whatever the route.
    for (const [path, unknown] of [
      ['/api/households/HH_TC', '/api/households/HH_NONE'],
      ['/api/clans/CL_TC', '/api/clans/CL_NONE'],
      ['/api/units/UN_TC', '/api/units/UN_NONE'],
      [`/api/evaluations/family/HH_TC/${year}`, `/api/evaluations/family/HH_NONE/${year}`],
      [
        `/api/evaluations/family/HH_TC/${year}/form`,
        `/api/evaluations/family/HH_NONE/${year}/form`,
      ],
      ['/api/trainees/TR_TC', '/api/trainees/TR_NONE'],
      ['/api/courses/CO_TC', '/api/courses/CO_NONE'],
    ]) {
      const outside = await agents.officer.get(path);
      const missing = await agents.officer.get(unknown);
      expect([path, outside.status, outside.body.code]).toEqual([path, 404, missing.body.code]);
    }
    await agents.officer.patch('/api/households/HH_TC').send({ members: 2 }).expect(404);
    // Nor does one's own household move into another commune, nor take its clan.
    const away = await agents.officer
      .patch('/api/households/HH_PB')
      .send({ hamletCode: 'HT_THUY_CHAU_T01' })
      .expect(403);
    expect(away.body.code).toBe('OUT_OF_SCOPE');
    const foreignClan = await agents.officer
      .patch('/api/households/HH_PB')
      .send({ clanCode: 'CL_TC' })
      .expect(400);
    expect(foreignClan.body.code).toBe('CLAN_OUTSIDE_COMMUNE');
    const stayed = await agents.officer.get('/api/households/HH_PB').expect(200);
    expect(stayed.body).toMatchObject({ hamlet: { code: 'HT_PHU_BAI_T01' }, clan: null });
    await agents.officer
      .post('/api/households/HH_TC/deactivation')
      .send({ on: '2026-01-01', reason: 'Chuyển đi' })
      .expect(404);
    // Guessing another commune's person does not move them into one's own.
    await agents.officer
      .post('/api/trainees/TR_TC/postings')
      .send({ areaCode: 'HT_PHU_BAI_T01', role: 'hamlet_head' })
      .expect(404);
    const listed = await agents.officer.get('/api/households').expect(200);
    expect(listed.body.items.map((item: { code: string }) => item.code)).not.toContain('HH_TC');
    await otherViewer.get('/api/progress?area=HUONG_THUY&year=2020').expect(403);
  });

  it('shows each reader the audit trail of its own scope, people’s data within it only', async () => {
    interface Row {
      entity: string;
      entityCode: string;
    }
    const wardReviewer = await t.userAgent({
      username: 'reviewer.phubai',
      role: 'reviewer',
      scopeAreaCode: 'HT_PHU_BAI',
    });
    const all = (await t.http().get('/api/audit').expect(200)).body as Row[];
    expect(all.map((row) => row.entityCode)).toEqual(
      expect.arrayContaining(['HH_TC', 'CL_TC', 'TR_TC', 'viewer.hue', 'officer.thuychau']),
    );
    const ward = (await wardReviewer.get('/api/audit').expect(200)).body as Row[];
    expect(ward.map((row) => `${row.entity}:${row.entityCode}`)).toEqual(
      expect.arrayContaining([
        'household:HH_PB',
        'evaluation.family:HH_PB',
        'clan:CL_PB',
        'trainee:TR_PB',
        'course:CO_PB',
        'user:reviewer.phubai',
      ]),
    );
    for (const row of ward) {
      expect(`${row.entity}:${row.entityCode}`).not.toMatch(
        /_TC$|THUY_CHAU|viewer\.hue|reviewer\.test|viewer\.test|^user:admin$/,
      );
    }
    expect((await wardReviewer.get('/api/audit?code=HH_TC').expect(200)).body).toEqual([]);
  });

  it('signs in with argon2-hashed passwords and refuses a wrong one alike for unknown users', async () => {
    const [stored] = await t.dataSource.query(
      `SELECT password_hash FROM users WHERE username = 'admin'`,
    );
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    const wrong = await t
      .anonymous()
      .post('/api/auth/login')
      .send({ username: 'admin', password: 'sai-mat-khau' })
      .expect(401);
    const unknown = await t
      .anonymous()
      .post('/api/auth/login')
      .send({ username: 'khong.co', password: TEST_PASSWORD })
      .expect(401);
    expect(wrong.body.message).toBe(unknown.body.message);
  });
});

describe('hardening', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(() => t.close());

  it('sends security headers, no CORS by default, and refuses large bodies', async () => {
    const response = await t
      .anonymous()
      .get('/api/health')
      .set('Origin', 'https://example.org')
      .expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toBeDefined();
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const large = await t
      .http()
      .post('/api/households')
      .send({
        code: 'X',
        headName: 'x'.repeat(2_000_000),
        hamletCode: 'HT_PHU_BAI_T01',
        members: 1,
      })
      .expect(413);
    expect(large.body.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('the first administrator and the demo accounts', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(() => t.close());

  it('creates "admin" with a generated password when there is no administrator, once', async () => {
    await seedDemoUsers(t.owner, () => undefined);
    await t.owner.query(`DELETE FROM users WHERE role = 'admin'`);
    const users = t.app.get(UsersService);
    const first = await users.ensureAdmin(undefined);
    expect(first.created).toBe(true);
    expect(first.generated).toMatch(/^[A-Za-z0-9_-]{20}$/);
    await t
      .anonymous()
      .post('/api/auth/login')
      .send({ username: 'admin', password: first.generated })
      .expect(200);
    expect(await users.ensureAdmin(undefined)).toEqual({ created: false });
  });

  it('signs the demo accounts in with their roles and scopes', async () => {
    for (const user of DEMO_USERS) {
      const login = await t
        .anonymous()
        .post('/api/auth/login')
        .send({ username: user.username, password: DEMO_PASSWORD })
        .expect(200);
      expect(login.body.user).toEqual({
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        scopeAreaCode: user.scope,
        mustChangePassword: false,
      });
    }
  });
});
