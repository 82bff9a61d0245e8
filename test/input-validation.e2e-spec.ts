import ExcelJS from 'exceljs';
import { CaseInsensitiveCodes1764900000000 } from '@app/migrations/1764900000000-CaseInsensitiveCodes.js';
import { createTestApp, type TestAgent, type TestApp } from './support/test-app.js';
import { bytes, readWorkbook } from './support/workbooks.js';

/**
 * Inputs a probe answered with 500 or stored damaged, each now refused with a 4xx naming its
 * field. The route walk (route-walk.e2e-spec) sends such values everywhere; these are the cases
 * as a person would describe them.
 */
describe('input validation', () => {
  let t: TestApp;
  let http: TestAgent;

  const HOUSEHOLD = {
    code: 'IV_H1',
    headName: 'Nguyễn Văn An',
    hamletCode: 'HT_PHU_BAI_T01',
    members: 3,
    activeFrom: '2016-01-01',
  };
  const SCORES = { '1': 28, '2': 27, '3': 18, '4': 17 };

  /** Expects a 4xx whose message and details name `field` (a 500 shows its body here). */
  const refused = (response: { status: number; body: Record<string, unknown> }, field: string) => {
    expect(response.body).toMatchObject({
      message: expect.stringContaining(field),
      details: expect.arrayContaining([expect.objectContaining({ field })]),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  };

  const count = async (table: string) =>
    (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    http = t.http();
    await http.post('/api/households').send(HOUSEHOLD).expect(201);
    await http.put('/api/evaluations/family/IV_H1/2020').send({ registered: true, scores: SCORES });
  });

  afterAll(() => t.close());

  describe('NUL bytes', () => {
    it.each([
      [
        'a body string',
        () => http.post('/api/households').send({ ...HOUSEHOLD, headName: 'A\u0000n' }),
        'headName',
      ],
      [
        'a nested body string',
        () =>
          http
            .put('/api/evaluations/family/IV_H1/2020')
            .send({ registered: true, scores: { '1\u0000': 5 } }),
        'scores.1\u0000',
      ],
      ['a query parameter', () => http.get('/api/households?q=a%00b'), 'q'],
      ['a path parameter without a DTO', () => http.get('/api/households/IV%00H1'), 'code'],
      [
        'a path parameter of a DTO',
        () => http.get('/api/evaluations/family/IV%00H1/2020'),
        'subjectCode',
      ],
      ['a report code', () => http.get('/api/reports/communes/HT%00.xlsx?year=2020'), 'code'],
      [
        'an import query',
        () => http.get('/api/imports/templates/households.xlsx?commune=HT%00'),
        'commune',
      ],
    ])('in %s are refused naming the field', async (_label, send, field) => {
      refused(await send(), field);
    });
  });

  it('refuses a lone surrogate, which PostgreSQL would store as a replacement mark', async () => {
    refused(
      await http.post('/api/households').send({ ...HOUSEHOLD, code: 'IV_S', headName: 'A\ud800' }),
      'headName',
    );
  });

  describe('dates', () => {
    it.each([
      ['an ISO week date', '2020-W01'],
      ['an ISO ordinal date', '2020-350'],
      ['February 30th', '2021-02-30'],
      ['a date before 1900', '1899-12-31'],
      ['a start beyond the end of next year', `${new Date().getUTCFullYear() + 2}-01-01`],
      ['a date and time', '2020-01-01T00:00:00Z'],
    ])('refuses %s as activeFrom', async (_label, activeFrom) => {
      refused(
        await http.post('/api/households').send({ ...HOUSEHOLD, code: 'IV_D', activeFrom }),
        'activeFrom',
      );
    });

    it('refuses week dates in queries and decisions too', async () => {
      refused(await http.get('/api/audit?from=2020-W01'), 'from');
      refused(await http.get('/api/audit?to=2020-350'), 'to');
      refused(
        await http
          .post('/api/evaluations/family/IV_H1/2020/recognition')
          .send({ decisionNumber: '1/QĐ', decisionDate: '2020-W51' }),
        'decisionDate',
      );
    });
  });

  describe('query integers', () => {
    it.each([
      ['/api/households?page=1e20', 'page'],
      ['/api/households?page=0x10', 'page'],
      ['/api/households?pageSize=1e20', 'pageSize'],
      ['/api/households?year=2020.5', 'year'],
      ['/api/progress?area=HUONG_THUY&year=1e20', 'year'],
      ['/api/evaluations/family/IV_H1/Infinity', 'year'],
      ['/api/insights/near-misses?area=HT_PHU_BAI&year=2020&kind=family&margin=5e-324', 'margin'],
    ])('refuses %s', async (url, field) => {
      refused(await http.get(url), field);
    });
  });

  it('refuses JSON nested thousands deep, naming the field, before anything parses it', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const response = await http
      .post('/api/households')
      .set('Content-Type', 'application/json')
      .send(`{"code":"IV_X","headName":${deep}}`);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'MALFORMED_BODY' });
    refused(response, 'headName');
  });

  describe('texts', () => {
    it.each([
      ['spaces', '   '],
      ['zero-width spaces', '\u200b\u200b'],
      ['no-break spaces and a BOM', '\u00a0\ufeff'],
      ['a line break', 'Nguyễn\nAn'],
      ['an escape character', 'Nguyễn\u001b[31m'],
    ])('refuses a head of household named with %s', async (_label, headName) => {
      refused(
        await http.post('/api/households').send({ ...HOUSEHOLD, code: 'IV_T', headName }),
        'headName',
      );
    });

    it('refuses blank required and optional texts of every registry', async () => {
      refused(
        await http
          .post('/api/clans')
          .send({ code: 'IV_C', name: '\u200b', communeCode: 'HT_PHU_BAI' }),
        'name',
      );
      refused(
        await http
          .post('/api/units')
          .send({ code: 'IV_U', name: ' ', communeCode: 'HT_PHU_BAI', category: 'school' }),
        'name',
      );
      refused(
        await http.post('/api/households').send({ ...HOUSEHOLD, code: 'IV_A', address: '  ' }),
        'address',
      );
      refused(await http.patch('/api/households/IV_H1').send({ headName: '\u3000' }), 'headName');
      refused(
        await http.post('/api/trainees').send({
          code: 'IV_P',
          fullName: '\u2060',
          posting: { areaCode: 'HT_PHU_BAI', role: 'association_officer' },
        }),
        'fullName',
      );
      refused(
        await http
          .post('/api/households/IV_H1/deactivation')
          .send({ on: '2021-01-01', reason: ' \n ' }),
        'reason',
      );
      expect(await count('households')).toBe(1);
      expect(await count('clans')).toBe(0);
    });

    it('stores names without their invisible characters', async () => {
      await http
        .patch('/api/households/IV_H1')
        .send({ headName: '\u200bNguyễn\u00ad Văn\ufeff An' })
        .expect(200);
      const stored = await http.get('/api/households/IV_H1').expect(200);
      expect(stored.body.headName).toBe('Nguyễn Văn An');
    });

    it('refuses null for a field that is not nullable, in a change', async () => {
      refused(await http.patch('/api/households/IV_H1').send({ headName: null }), 'headName');
      refused(await http.patch('/api/households/IV_H1').send({ members: null }), 'members');
      refused(await http.patch('/api/units/NONE').send({ category: null }), 'category');
      await http.patch('/api/households/IV_H1').send({ clanCode: null }).expect(200);
    });
  });

  describe('points and percentages', () => {
    const criteriaSet = (maxPoints: number | string) =>
      `{"code":"IV_CS","kind":"unit","name":"Bộ thử","fromYear":2030,"passThreshold":5,"criteria":[{"code":"1","title":"Một","maxPoints":${maxPoints}}]}`;

    it.each(['5e-324', '0.30000000000000004', '12.25', '1e6', '-1', '1e400'])(
      'refuses %s as a maximum',
      async (maxPoints) => {
        const response = await http
          .post('/api/criteria-sets')
          .set('Content-Type', 'application/json')
          .send(criteriaSet(maxPoints));
        refused(response, 'criteria.0.maxPoints');
      },
    );

    it('refuses criterion codes that differ only in case', async () => {
      const response = await http.post('/api/criteria-sets').send({
        code: 'IV_CS',
        kind: 'unit',
        name: 'Bộ thử',
        fromYear: 2030,
        passThreshold: 5,
        criteria: [
          { code: 'a', title: 'Một', maxPoints: 10 },
          { code: 'A', title: 'Hai', maxPoints: 10 },
        ],
      });
      refused(response, 'criteria[1].code');
    });

    it.each([0.1 + 0.2, 5e-324])(
      'refuses %p points, which the tolerance let through',
      async (points) => {
        const before = await http.get('/api/evaluations/family/IV_H1/2020').expect(200);
        const response = await http.put('/api/evaluations/family/IV_H1/2020').send({
          registered: true,
          scores: { ...SCORES, '1': points },
          version: before.body.version,
        });
        expect(response.body.code).toBe('INVALID_SCORES');
        refused(response, 'scores.1');
      },
    );

    it('refuses a percentage the table would round to zero', async () => {
      const plan = (floor: number) => ({
        code: 'IV_PLAN',
        name: 'Kế hoạch thử',
        milestoneYear: 2030,
        values: [{ variant: 'standard', kind: 'family', floor: 80 }],
        training: [{ group: 'association', floor }],
      });
      refused(await http.put('/api/targets').send(plan(1e-7)), 'training.0.floor');
    });
  });

  describe('codes unique regardless of case', () => {
    const create: [string, string, (code: string) => object][] = [
      [
        '/api/areas',
        'IV_AREA',
        (code) => ({
          code,
          name: 'Thôn thử',
          level: 'hamlet',
          typeLabel: 'thôn',
          parentCode: 'HT_PHU_BAI',
          validFrom: '2020-01-01',
        }),
      ],
      ['/api/households', 'IV_HH', (code) => ({ ...HOUSEHOLD, code })],
      ['/api/clans', 'IV_CL', (code) => ({ code, name: 'Họ Lê', communeCode: 'HT_PHU_BAI' })],
      [
        '/api/units',
        'IV_UN',
        (code) => ({ code, name: 'Trường', communeCode: 'HT_PHU_BAI', category: 'school' }),
      ],
      [
        '/api/criteria-sets',
        'IV_SET',
        (code) => ({
          code,
          kind: 'unit',
          name: 'Bộ',
          fromYear: 2031,
          passThreshold: 5,
          criteria: [{ code: '1', title: 'Một', maxPoints: 10 }],
        }),
      ],
      [
        '/api/trainees',
        'IV_TR',
        (code) => ({
          code,
          fullName: 'Trần Thị Hoa',
          posting: { areaCode: 'HT_PHU_BAI', role: 'association_officer', validFrom: '2020-01-01' },
        }),
      ],
      [
        '/api/courses',
        'IV_CO',
        (code) => ({
          code,
          title: 'Lớp',
          startsOn: '2020-05-10',
          endsOn: '2020-05-10',
          organiser: 'Hội',
          areaCode: 'HT_PHU_BAI',
        }),
      ],
    ];

    it.each(create)('answers %s like an exact duplicate', async (url, code, body) => {
      await http.post(url).send(body(code)).expect(201);
      const exact = await http.post(url).send(body(code)).expect(409);
      const otherCase = await http.post(url).send(body(code.toLowerCase())).expect(409);
      expect(otherCase.body).toMatchObject({
        code: exact.body.code,
        details: [{ field: 'code', code: 'DUPLICATE_CODE' }],
      });
    });

    it('answers a target plan whose code differs only in case with 409', async () => {
      const plan = (code: string, milestoneYear: number) => ({
        code,
        name: 'Kế hoạch',
        milestoneYear,
        values: [{ variant: 'standard', kind: 'family', floor: 80 }],
      });
      await http.put('/api/targets').send(plan('IV_TP', 2031)).expect(200);
      const response = await http.put('/api/targets').send(plan('iv_tp', 2032)).expect(409);
      expect(response.body).toMatchObject({ code: 'DUPLICATE_CODE', details: [{ field: 'code' }] });
    });

    it('stops the migration on a database that holds such pairs, listing them', async () => {
      const migration = new CaseInsensitiveCodes1764900000000();
      const runner = t.owner.createQueryRunner();
      try {
        await migration.down(runner);
        await runner.query(
          `INSERT INTO households (code, head_name, head_name_folded, hamlet_id, members, active_from)
           SELECT 'iv_hh', head_name, head_name_folded, hamlet_id, members, active_from FROM households WHERE code = 'IV_HH'`,
        );
        await expect(migration.up(runner)).rejects.toThrow('households: IV_HH, iv_hh');
        await runner.query(`DELETE FROM households WHERE code = 'iv_hh'`);
        await migration.up(runner);
      } finally {
        await runner.release();
      }
    });
  });

  it('reads the same rules into an import: invisible names are missing, codes clash in any case', async () => {
    const workbook = await readWorkbook(
      await bytes(http, '/api/imports/templates/households.xlsx?commune=HT_PHU_BAI'),
    );
    const sheet = workbook.getWorksheet('Dữ liệu') as ExcelJS.Worksheet;
    const headers = (sheet.getRow(1).values as string[]).slice(1);
    sheet.spliceRows(2, sheet.rowCount);
    for (const [code, name] of [
      ['IV_IMP_1', '\u200b\u200b'],
      ['IV_IMP_2', 'Lê Văn Hai'],
      ['iv_imp_2', 'Lê Văn Ba'],
    ]) {
      const row: Record<string, string | number> = {
        'Mã hộ': code,
        'Họ tên chủ hộ': name,
        'Mã thôn': 'HT_PHU_BAI_T01',
        'Số nhân khẩu': 3,
      };
      sheet.addRow(headers.map((header) => row[header] ?? null));
    }
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const before = await count('households');
    const response = await http
      .post('/api/imports/households?commune=HT_PHU_BAI&dryRun=false')
      .attach('file', file, 'danh-sach.xlsx')
      .expect(422);
    expect(
      (response.body.details.report.problems as { row: number; message: string }[]).map(
        ({ row, message }) => [row, message],
      ),
    ).toEqual([
      [2, 'Thiếu Họ tên chủ hộ'],
      [4, 'Mã iv_imp_2 trùng với dòng 3'],
    ]);
    expect(await count('households')).toBe(before);
  });

  describe('bodies', () => {
    it('answers another content type than JSON with 415', async () => {
      const response = await http
        .post('/api/households')
        .set('Content-Type', 'text/plain')
        .send(JSON.stringify(HOUSEHOLD));
      expect(response.status).toBe(415);
      expect(response.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      const empty = await http.patch('/api/households/IV_H1');
      expect(empty.status).toBe(415);
    });

    it('refuses keys that reach a prototype', async () => {
      const response = await http
        .post('/api/households')
        .set('Content-Type', 'application/json')
        .send(
          `{"__proto__":{"code":"IV_P2"},${JSON.stringify({ ...HOUSEHOLD, code: 'IV_P2' }).slice(1)}`,
        );
      refused(response, '__proto__');
      refused(await http.get('/api/households?constructor=1'), 'constructor');
    });

    it('answers a path it cannot decode with 400', async () => {
      const response = await http.get('/api/households/%ED%A0%80');
      expect(response.body).toMatchObject({ statusCode: 400, code: 'MALFORMED_URL' });
    });
  });
});
