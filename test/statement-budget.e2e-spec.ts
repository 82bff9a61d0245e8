import { seedDemo } from '@app/seed';
import { criteriaFor, scoresAt } from './support/scores.js';
import { recordStatements, type StatementRecorder } from './support/statements.js';
import { createTestApp, type TestAgent, type TestApp } from './support/test-app.js';
import { bytes, fill } from './support/workbooks.js';

/**
 * How many statements each step of the yearly work sends to the database, on the demo district,
 * as the people who do it. A budget fails the suite when a repeated look-up comes back; the key
 * statements' SQL is kept as snapshots, so a change to it shows in review.
 * Transaction control (BEGIN, COMMIT) is not counted.
 */
interface Step {
  name: string;
  budget: number;
  /** Whether the statements' SQL is committed as a snapshot. */
  snapshot?: boolean;
  run: () => Promise<unknown>;
}

describe('statements per request', () => {
  let t: TestApp;
  let recorder: StatementRecorder;
  let leader: TestAgent;
  let officer: TestAgent;
  let household: string;
  let scores: Record<string, number>;
  let householdSheet: Buffer;
  const counts: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.owner, () => undefined);
    await t.owner.query('ANALYZE');
    leader = await t.userAgent({
      username: 'budget.leader',
      role: 'viewer',
      scopeAreaCode: 'HUONG_THUY',
    });
    officer = await t.userAgent({
      username: 'budget.officer',
      role: 'officer',
      scopeAreaCode: 'HT_PHU_BAI',
    });
    // A household of the commune with no evaluation in 2020: its first save creates one.
    const [row] = await t.owner.query<{ code: string }[]>(
      `SELECT h.code FROM households h
         JOIN area_parents ap ON ap.area_id = h.hamlet_id
         JOIN areas c ON c.id = ap.parent_id AND c.code = 'HT_PHU_BAI'
        WHERE h.deactivated_on IS NULL AND h.active_from <= '2020-01-01'
          AND NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.household_id = h.id AND e.year = 2020)
        ORDER BY h.code LIMIT 1`,
    );
    household = row.code;
    scores = scoresAt(await criteriaFor(t, 'family', 2020), 0.9);
    const template = await bytes(
      officer,
      '/api/imports/templates/households.xlsx?commune=HT_PHU_BAI',
    );
    householdSheet = await fill(
      template,
      Array.from({ length: 50 }, (_, index) => ({
        'Mã hộ': `BUDGET_IMPORT_${index}`,
        'Họ tên chủ hộ': `Lê Văn Nhập ${index}`,
        'Mã thôn': 'HT_PHU_BAI_T01',
        'Số nhân khẩu': 4,
        'Hoạt động từ ngày': '01/01/2020',
      })),
    );
    recorder = recordStatements(t.dataSource);
  }, 180000);

  afterAll(async () => {
    // The figures the stop notes quote, in the order of the steps.
    console.log(
      Object.entries(counts)
        .map(([name, count]) => `${String(count).padStart(3)}  ${name}`)
        .join('\n'),
    );
    await t.close();
  });

  const form = (code: string) => `/api/evaluations/family/${code}/2020`;
  const steps: Step[] = [
    {
      name: 'GET /api/progress (district)',
      budget: 4,
      run: () => leader.get('/api/progress?area=HUONG_THUY&year=2020').expect(200),
    },
    {
      name: 'GET /api/progress/trend (district, 5 years)',
      budget: 4,
      run: () => leader.get('/api/progress/trend?area=HUONG_THUY&year=2020').expect(200),
    },
    {
      name: 'GET /api/progress/training (district)',
      budget: 4,
      run: () => leader.get('/api/progress/training?area=HUONG_THUY&year=2020').expect(200),
    },
    {
      name: 'GET /api/insights/focus (district, families)',
      budget: 6,
      run: () =>
        leader.get('/api/insights/focus?area=HUONG_THUY&year=2020&kind=family').expect(200),
    },
    {
      name: 'GET /api/reports/areas/{code}.xlsx (district workbook)',
      budget: 14,
      snapshot: true,
      run: () => leader.get('/api/reports/areas/HUONG_THUY.xlsx?year=2020').expect(200),
    },
    {
      name: 'GET /api/reports/communes/{code}.xlsx (commune workbook)',
      budget: 12,
      run: () => officer.get('/api/reports/communes/HT_PHU_BAI.xlsx?year=2020').expect(200),
    },
    {
      name: 'GET /api/areas (hamlets of a commune)',
      budget: 3,
      run: () => officer.get('/api/areas?level=hamlet&parent=HT_PHU_BAI&year=2020').expect(200),
    },
    {
      name: 'GET /api/households (commune, page 1)',
      budget: 3,
      run: () => officer.get('/api/households?commune=HT_PHU_BAI&year=2020').expect(200),
    },
    {
      name: 'GET /api/worklist (commune, families)',
      budget: 3,
      run: () =>
        officer.get('/api/worklist?area=HT_PHU_BAI&year=2020&kind=family&status=none').expect(200),
    },
    {
      name: 'GET /api/evaluations/{kind}/{code}/{year}/form',
      budget: 4,
      run: () => officer.get(`${form(household)}/form`).expect(200),
    },
    {
      name: 'PUT /api/evaluations/{kind}/{code}/{year} (first save)',
      budget: 6,
      snapshot: true,
      run: () =>
        officer.put(form(household)).send({ registered: true, scores: scores }).expect(200),
    },
    {
      name: 'PUT /api/evaluations/{kind}/{code}/{year} (second save)',
      budget: 6,
      run: () =>
        officer
          .put(form(household))
          .send({ registered: true, scores: scores, version: 1 })
          .expect(200),
    },
    {
      name: 'POST /api/evaluations/{kind}/{code}/{year}/submit',
      budget: 6,
      run: () => officer.post(`${form(household)}/submit`).expect(200),
    },
    {
      name: 'POST /api/households',
      budget: 6,
      run: () =>
        officer
          .post('/api/households')
          .send({
            code: 'BUDGET_H1',
            headName: 'Nguyễn Văn Thử',
            hamletCode: 'HT_PHU_BAI_T01',
            members: 4,
            activeFrom: '2020-01-01',
          })
          .expect(201),
    },
    {
      name: 'PATCH /api/households/{code}',
      budget: 4,
      run: () =>
        officer
          .patch('/api/households/BUDGET_H1')
          .send({ headName: 'Nguyễn Văn Thật' })
          .expect(200),
    },
    {
      name: 'POST /api/imports/households (dry run, 50 rows)',
      budget: 5,
      run: () =>
        officer
          .post('/api/imports/households?commune=HT_PHU_BAI&dryRun=true')
          .attach('file', householdSheet, 'ho.xlsx')
          .expect(200),
    },
    {
      name: 'POST /api/imports/households (apply, 50 rows)',
      budget: 9,
      run: () =>
        officer
          .post('/api/imports/households?commune=HT_PHU_BAI&dryRun=false')
          .attach('file', householdSheet, 'ho.xlsx')
          .expect(200),
    },
    {
      name: 'GET /api/targets (commune)',
      budget: 3,
      run: () => officer.get('/api/targets?area=HT_PHU_BAI&year=2020').expect(200),
    },
    {
      name: 'GET /api/completeness (commune)',
      budget: 3,
      run: () => officer.get('/api/completeness?area=HT_PHU_BAI&year=2020').expect(200),
    },
    {
      name: 'GET /api/insights/near-misses (commune, families)',
      budget: 6,
      run: () =>
        officer.get('/api/insights/near-misses?area=HT_PHU_BAI&year=2020&kind=family').expect(200),
    },
    {
      name: 'POST /api/evaluations/bulk/submit (commune)',
      budget: 4,
      run: () =>
        officer
          .post('/api/evaluations/bulk/submit')
          .send({ area: 'HT_PHU_BAI', year: 2020, kind: 'family' })
          .expect(200),
    },
  ];

  for (const step of steps) {
    it(`${step.name}: at most ${step.budget} statements`, async () => {
      const statements = await recorder.during(step.run);
      counts[step.name] = statements.length;
      // Sorted: statements sent side by side arrive in any order.
      if (step.snapshot) expect([...statements].sort()).toMatchSnapshot();
      expect(statements.length).toBeLessThanOrEqual(step.budget);
    });
  }
});
