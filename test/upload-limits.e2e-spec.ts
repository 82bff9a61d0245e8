import { HOSTILE_UPLOADS } from './support/hostile-uploads.js';
import { createTestApp, type TestAgent, type TestApp } from './support/test-app.js';
import { bytes } from './support/workbooks.js';
import {
  batched,
  deflatedPart,
  partsOf,
  sheetXml,
  withPart,
  zipOf,
  type ZipPart,
} from './support/xlsx-parts.js';

/**
 * Workbooks built to take the API down: parts that inflate to gigabytes while the zip declares a few
 * megabytes, tables of millions of strings, rows of millions of cells, one enormous cell. Each must
 * be refused with a message naming the limit within seconds, while the API keeps answering others.
 */
describe('uploads past the limits', () => {
  let t: TestApp;
  let officer: TestAgent;
  let template: ZipPart[];

  const health = async () => (await t.anonymous().get('/api/health')).status;
  const imports = async () =>
    (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM imports`))[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    officer = await t.userAgent({
      username: 'canbo.phubai',
      role: 'officer',
      scopeAreaCode: 'HT_PHU_BAI',
    });
    template = await partsOf(
      await bytes(officer, '/api/imports/templates/households.xlsx?commune=HT_PHU_BAI'),
    );
  });

  afterAll(() => t.close());

  it.each(HOSTILE_UPLOADS.map((upload) => [upload.name, upload]))(
    'refuses %s quickly, and the API answers meanwhile',
    async (_name, upload) => {
      const file = upload.build(template);
      expect(file.length).toBeLessThan(20 * 1024 * 1024);
      const before = await imports();

      const started = performance.now();
      let answered = false;
      const refused = officer
        .post('/api/imports/households?commune=HT_PHU_BAI&dryRun=false')
        .attach('file', file, 'danh-sach.xlsx')
        .then((response) => {
          answered = true;
          return response;
        });
      // Health checks from the moment the upload is sent until it is answered, as another user
      // would make them: one every 100 ms.
      const statuses: number[] = [];
      do {
        statuses.push(await health());
        await new Promise((resolve) => setTimeout(resolve, 100));
      } while (!answered);
      const response = await refused;
      const elapsed = performance.now() - started;

      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        code: 'UNREADABLE_FILE',
        details: [{ field: 'file', message: expect.stringMatching(upload.message) }],
      });
      // A sanity bound for a loaded 2-core machine, not a benchmark.
      expect(elapsed).toBeLessThan(15_000);
      expect(statuses.every((status) => status === 200)).toBe(true);
      expect(await health()).toBe(200);
      expect(await imports()).toBe(before);
    },
  );

  it('answers a sheet wrong on every row with its first thousand problems and their count', async () => {
    const inline = (text: string) => `<c t="inlineStr"><is><t>${text}</t></is></c>`;
    const headers = ['Mã hộ', 'Họ tên chủ hộ', 'Mã thôn', 'Số nhân khẩu'];
    const [head, tail] = sheetXml('|').split('|');
    const sheet = deflatedPart('xl/worksheets/sheet1.xml', [
      `${head}<row r="1">${headers.map(inline).join('')}</row>`,
      // Three problems a row: the code, a name of 300 characters, the number of members.
      ...batched(
        20_000,
        (index) =>
          `<row r="${index + 2}">${[`!${index}`, `${'Nguyễn '.repeat(43)}${index}`, 'HT_PHU_BAI_T01', 'x'].map(inline).join('')}</row>`,
      ),
      tail,
    ]);
    const report = (
      await officer
        .post('/api/imports/households?commune=HT_PHU_BAI&dryRun=true')
        .attach('file', zipOf(withPart(template, sheet)), 'danh-sach.xlsx')
        .expect(200)
    ).body as {
      valid: boolean;
      rows: number;
      problemCount: number;
      problems: { row: number; column: string; value: string }[];
    };
    expect(report).toMatchObject({ valid: false, rows: 20_000, problemCount: 60_000 });
    expect(report.problems).toHaveLength(1000);
    expect(report.problems[0]).toMatchObject({ row: 2, value: '!0' });
    expect(report.problems.at(-1)?.row).toBe(335);
    const name = report.problems.find((problem) => problem.column.includes('Họ tên'));
    // The start of the value, enough to find the cell.
    expect(name?.value).toBe(`${'Nguyễn '.repeat(43).slice(0, 200)}…`);
  });
});
