import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { createTestApp, type TestAgent, type TestApp } from './support/test-app.js';
import { bytes, fill, readWorkbook, type SheetRow as Row } from './support/workbooks.js';

interface Report {
  created: number;
  updated: number;
  unchanged: number;
  rows: number;
  valid: boolean;
  dryRun: boolean;
  problems: { row: number; column: string; value: string; message: string }[];
  problemCount: number;
  importId: number | null;
  checksum: string;
}

describe('importing what communes keep in spreadsheets', () => {
  let t: TestApp;
  let officer: TestAgent;

  const template = (path: string): Promise<Buffer> => bytes(officer, path);
  const upload = (what: string, query: string, file: Buffer, name = 'danh-sach.xlsx') =>
    officer.post(`/api/imports/${what}?${query}`).attach('file', file, name);
  const auditCount = async () =>
    (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_log`))[0].n;

  const HOUSEHOLDS: Row[] = [
    {
      'Mã hộ': 'NK_001',
      'Họ tên chủ hộ': 'Nguyễn Văn Nhập',
      'Mã thôn': 'HT_PHU_BAI_T01',
      'Số nhân khẩu': 4,
      'Hoạt động từ ngày': '01/01/2016',
    },
    {
      'Mã hộ': 'NK_002',
      'Họ tên chủ hộ': 'Trần Thị Khẩu',
      'Mã thôn': 'HT_PHU_BAI_T02',
      'Số nhân khẩu': '3',
      'Địa chỉ': 'Tổ 2',
      'Hoạt động từ ngày': '2016-01-01',
    },
    {
      'Mã hộ': 'NK_003',
      'Họ tên chủ hộ': '=HYPERLINK("http://example.com","bấm vào")',
      'Mã thôn': 'HT_PHU_BAI_T02',
      'Số nhân khẩu': 2,
      'Hoạt động từ ngày': '01/01/2016',
    },
  ];

  beforeAll(async () => {
    t = await createTestApp();
    officer = await t.userAgent({
      username: 'canbo.phubai',
      role: 'officer',
      scopeAreaCode: 'HT_PHU_BAI',
    });
  });

  afterAll(() => t.close());

  it('gives a households template with instructions, the commune’s hamlets as a drop-down and an example', async () => {
    const workbook = await readWorkbook(
      await template('/api/imports/templates/households.xlsx?commune=HT_PHU_BAI'),
    );
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Dữ liệu',
      'Hướng dẫn',
      'Danh mục',
    ]);
    const data = workbook.getWorksheet('Dữ liệu') as ExcelJS.Worksheet;
    expect((data.getRow(1).values as string[]).slice(1)).toEqual([
      'Mã hộ',
      'Họ tên chủ hộ',
      'Mã thôn',
      'Mã dòng họ',
      'Số nhân khẩu',
      'Địa chỉ',
      'Hoạt động từ ngày',
    ]);
    expect(data.getCell('C2').value).toBe('HT_PHU_BAI_T01');
    expect(data.getCell('C100').dataValidation).toMatchObject({
      type: 'list',
      formulae: [expect.stringContaining("'Danh mục'!$A$2")],
    });
    const lists = workbook.getWorksheet('Danh mục') as ExcelJS.Worksheet;
    expect(lists.getCell('A2').value).toBe('HT_PHU_BAI_T01');
    const guide = workbook.getWorksheet('Hướng dẫn') as ExcelJS.Worksheet;
    expect(guide.getCell('A1').text).toContain('phường Phú Bài');
  });

  it('checks a filled sheet without writing, then imports it all at once, and twice changes nothing', async () => {
    const file = await fill(
      await template('/api/imports/templates/households.xlsx?commune=HT_PHU_BAI'),
      HOUSEHOLDS,
    );
    const before = await auditCount();
    const dry = (await upload('households', 'commune=HT_PHU_BAI&dryRun=true', file).expect(200))
      .body as Report;
    expect(dry).toMatchObject({
      dryRun: true,
      valid: true,
      rows: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
      importId: null,
    });
    await officer.get('/api/households/NK_001').expect(404);
    expect(await auditCount()).toBe(before);

    const real = (await upload('households', 'commune=HT_PHU_BAI&dryRun=false', file).expect(200))
      .body as Report;
    expect(real).toMatchObject({
      dryRun: false,
      valid: true,
      created: 3,
      importId: expect.any(Number),
    });
    expect((await officer.get('/api/households/NK_002').expect(200)).body).toMatchObject({
      headName: 'Trần Thị Khẩu',
      members: 3,
      address: 'Tổ 2',
      hamlet: { code: 'HT_PHU_BAI_T02' },
      activeFrom: '2016-01-01',
    });
    expect((await officer.get('/api/households/NK_003').expect(200)).body.headName).toBe(
      '=HYPERLINK("http://example.com","bấm vào")',
    );
    expect(await auditCount()).toBe(before + 3);
    const [record] = await t.dataSource.query(`SELECT * FROM imports WHERE id = $1`, [
      real.importId,
    ]);
    expect(record).toMatchObject({
      actor: 'canbo.phubai',
      what: 'households',
      file_name: 'danh-sach.xlsx',
      checksum: real.checksum,
      created: 3,
    });
    const trail = (await t.http().get('/api/audit?entity=household&code=NK_001').expect(200))
      .body as { reason: string }[];
    expect(JSON.stringify(trail)).toContain(`lần nhập số ${real.importId}`);

    const again = (await upload('households', 'commune=HT_PHU_BAI&dryRun=false', file).expect(200))
      .body as Report;
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await auditCount()).toBe(before + 3);

    const changed = await fill(
      await template('/api/imports/templates/households.xlsx?commune=HT_PHU_BAI'),
      [{ ...HOUSEHOLDS[0], 'Số nhân khẩu': 5 }, HOUSEHOLDS[1]],
    );
    const update = (
      await upload('households', 'commune=HT_PHU_BAI&dryRun=false', changed).expect(200)
    ).body as Report;
    expect(update).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect((await officer.get('/api/households/NK_001').expect(200)).body.members).toBe(5);
  });

  it('imports clans and units from their templates', async () => {
    const clans = await fill(
      await template('/api/imports/templates/clans.xlsx?commune=HT_PHU_BAI'),
      [
        {
          'Mã dòng họ': 'NK_DH1',
          'Tên dòng họ': 'Họ Lê Văn',
          'Trưởng họ': 'Lê Văn Trưởng',
          'Hoạt động từ ngày': '01/01/2016',
        },
      ],
    );
    expect((await upload('clans', 'commune=HT_PHU_BAI', clans).expect(200)).body).toMatchObject({
      dryRun: true,
      valid: true,
      created: 1,
    });
    await officer.get('/api/clans/NK_DH1').expect(404);
    expect(
      (await upload('clans', 'commune=HT_PHU_BAI&dryRun=false', clans).expect(200)).body,
    ).toMatchObject({ created: 1 });
    expect((await officer.get('/api/clans/NK_DH1').expect(200)).body).toMatchObject({
      name: 'Họ Lê Văn',
      commune: { code: 'HT_PHU_BAI' },
    });

    const unitTemplate = await template('/api/imports/templates/units.xlsx?commune=HT_PHU_BAI');
    const categories = (await readWorkbook(unitTemplate)).getWorksheet(
      'Danh mục',
    ) as ExcelJS.Worksheet;
    expect(categories.getCell('A2').value).toBe('Trường học');
    const units = await fill(unitTemplate, [
      {
        'Mã đơn vị': 'NK_DV1',
        'Tên đơn vị': 'Trường Mầm non Nhập',
        'Loại đơn vị': 'Trường học',
        'Hoạt động từ ngày': '01/01/2016',
      },
      { 'Mã đơn vị': 'NK_DV2', 'Tên đơn vị': 'Hợp tác xã Nhập', 'Loại đơn vị': 'hop tac xa' },
    ]);
    expect((await upload('units', 'commune=HT_PHU_BAI', units).expect(200)).body).toMatchObject({
      dryRun: true,
      created: 2,
    });
    await officer.get('/api/units/NK_DV1').expect(404);
    expect(
      (await upload('units', 'commune=HT_PHU_BAI&dryRun=false', units).expect(200)).body,
    ).toMatchObject({ created: 2 });
    expect((await officer.get('/api/units/NK_DV2').expect(200)).body.category).toBe('cooperative');
  });

  it('imports the people to train: place and role checked, a changed place a new posting', async () => {
    const blank = await template('/api/imports/templates/trainees.xlsx?commune=HT_PHU_BAI');
    const lists = (await readWorkbook(blank)).getWorksheet('Danh mục') as ExcelJS.Worksheet;
    expect(JSON.stringify(lists.getSheetValues())).toContain('Trưởng ban công tác Mặt trận');
    const people: Row[] = [
      {
        'Mã người': 'NK_CB1',
        'Họ và tên': 'Lê Thị Hòa',
        'Vai trò': 'Hội viên Hội Khuyến học',
        'Mã nơi đảm nhiệm': 'HT_PHU_BAI_T01',
        'Đảm nhiệm từ ngày': '01/01/2017',
      },
      {
        'Mã người': 'NK_CB2',
        'Họ và tên': 'Phan Văn Trí',
        'Vai trò': 'pho chu tich ubnd xa',
        'Mã nơi đảm nhiệm': 'HT_PHU_BAI',
        'Hội viên Hội Khuyến học': 'Có',
        'Đảm nhiệm từ ngày': '2016-06-01',
      },
    ];
    const file = await fill(blank, people);
    expect(
      (await upload('trainees', 'commune=HT_PHU_BAI&dryRun=false', file).expect(200)).body,
    ).toMatchObject({ created: 2, updated: 0, valid: true });
    expect((await officer.get('/api/trainees/NK_CB2').expect(200)).body).toMatchObject({
      fullName: 'Phan Văn Trí',
      associationMember: true,
      posting: {
        area: { code: 'HT_PHU_BAI' },
        role: 'commune_vice_chair',
        validFrom: '2016-06-01',
      },
      groups: ['association', 'commune_officials'],
    });
    expect((await officer.get('/api/trainees/NK_CB1').expect(200)).body.associationMember).toBe(
      null,
    );
    expect(
      (await upload('trainees', 'commune=HT_PHU_BAI&dryRun=false', file).expect(200)).body,
    ).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

    const moved = await fill(blank, [
      { ...people[0], 'Mã nơi đảm nhiệm': 'HT_PHU_BAI_T02', 'Đảm nhiệm từ ngày': '01/07/2019' },
      people[1],
    ]);
    expect(
      (await upload('trainees', 'commune=HT_PHU_BAI&dryRun=false', moved).expect(200)).body,
    ).toMatchObject({ updated: 1, unchanged: 1 });
    const history = (await officer.get('/api/trainees/NK_CB1').expect(200)).body.postings;
    expect(history).toEqual([
      expect.objectContaining({
        area: expect.objectContaining({ code: 'HT_PHU_BAI_T02' }),
        validTo: null,
      }),
      expect.objectContaining({ validFrom: '2017-01-01', validTo: '2019-06-30' }),
    ]);

    const wrong = await fill(blank, [
      {
        ...people[0],
        'Mã người': 'NK_CB3',
        'Vai trò': 'Trưởng thôn, tổ trưởng tổ dân phố',
        'Mã nơi đảm nhiệm': 'HT_PHU_BAI',
      },
      { ...people[0], 'Mã người': 'NK_CB4', 'Mã nơi đảm nhiệm': 'HT_THUY_CHAU_T01' },
      { ...people[0], 'Mã người': 'NK_CB5', 'Vai trò': 'Thị trưởng' },
    ]);
    const refused = (await upload('trainees', 'commune=HT_PHU_BAI&dryRun=false', wrong).expect(422))
      .body as { details: { report: Report } };
    expect(
      refused.details.report.problems.map((p) => [p.row, p.column.replace(/^[A-Z]+ \(|\)$/g, '')]),
    ).toEqual([
      [2, 'Vai trò'],
      [3, 'Mã nơi đảm nhiệm'],
      [4, 'Vai trò'],
    ]);
    await officer.get('/api/trainees/NK_CB3').expect(404);
  });

  it('imports evaluations with a column per criterion, and the commune workbook shows them', async () => {
    const path = '/api/imports/templates/evaluations.xlsx?commune=HT_PHU_BAI&kind=family&year=2020';
    const headers = (
      (await readWorkbook(await template(path))).getWorksheet('Dữ liệu') as ExcelJS.Worksheet
    ).getRow(1).values as string[];
    expect(headers.slice(1)).toEqual([
      'Mã',
      'Tên (để đối chiếu)',
      'Đăng ký',
      'Tiêu chí 1',
      'Tiêu chí 2',
      'Tiêu chí 3',
      'Tiêu chí 4',
    ]);
    const file = await fill(await template(path), [
      {
        Mã: 'NK_001',
        'Đăng ký': 'Có',
        'Tiêu chí 1': 28,
        'Tiêu chí 2': '27,5',
        'Tiêu chí 3': 18,
        'Tiêu chí 4': 17,
      },
      {
        Mã: 'NK_002',
        'Đăng ký': 'Có',
        'Tiêu chí 1': 25,
        'Tiêu chí 2': 7.5,
        'Tiêu chí 3': 19.5,
        'Tiêu chí 4': 17,
      },
      { Mã: 'NK_003', 'Đăng ký': 'Không' },
    ]);
    const report = (
      await upload(
        'evaluations',
        'commune=HT_PHU_BAI&kind=family&year=2020&dryRun=false',
        file,
      ).expect(200)
    ).body as Report;
    expect(report).toMatchObject({ created: 3, valid: true });
    expect(
      (await officer.get('/api/evaluations/family/NK_001/2020').expect(200)).body,
    ).toMatchObject({
      status: 'draft',
      total: 90.5,
      passed: true,
      scores: { '1': 28, '2': 27.5, '3': 18, '4': 17 },
    });
    expect(
      (await officer.get('/api/evaluations/family/NK_002/2020').expect(200)).body,
    ).toMatchObject({ total: 69, passed: false });
    const again = (
      await upload(
        'evaluations',
        'commune=HT_PHU_BAI&kind=family&year=2020&dryRun=false',
        file,
      ).expect(200)
    ).body as Report;
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3 });

    const workbook = await readWorkbook(
      await bytes(officer, '/api/reports/communes/HT_PHU_BAI.xlsx?year=2020'),
    );
    const values: unknown[] = [];
    for (const sheet of workbook.worksheets)
      sheet.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
    expect(values).toContain('Nguyễn Văn Nhập');
    // The clan and the unit active since 2016 are listed; the unit registered today is not, in 2020.
    expect(values).toContain('Họ Lê Văn');
    expect(values).toContain('Trường Mầm non Nhập');
    expect(values).not.toContain('Hợp tác xã Nhập');
    expect(values).toContain(27.5);
    // Text that looks like a formula goes back out as text Excel will not run.
    expect(values).toContain('\'=HYPERLINK("http://example.com","bấm vào")');
    expect(
      values.some(
        (value) =>
          typeof value === 'object' &&
          value !== null &&
          'formula' in value &&
          String((value as { formula: string }).formula).includes('HYPERLINK'),
      ),
    ).toBe(false);
  });

  it('imports the results of communities: the commune’s own hamlets only', async () => {
    const path =
      '/api/imports/templates/evaluations.xlsx?commune=HT_PHU_BAI&kind=community&year=2020';
    const query = 'commune=HT_PHU_BAI&kind=community&year=2020';
    const mixed = await fill(await template(path), [
      { Mã: 'HT_PHU_BAI_T01', 'Đăng ký': 'Có', 'Tiêu chí 1': 10 },
      { Mã: 'HT_THUY_CHAU_T01', 'Đăng ký': 'Có' },
    ]);
    const dry = (await upload('evaluations', query, mixed).expect(200)).body as Report;
    expect(dry).toMatchObject({ valid: false, created: 1 });
    expect(dry.problems).toEqual([
      {
        row: 3,
        column: 'A (Mã)',
        value: 'HT_THUY_CHAU_T01',
        message: 'Không có cộng đồng học tập mã HT_THUY_CHAU_T01 ở Phú Bài trong năm 2020',
      },
    ]);
    const own = await fill(await template(path), [
      { Mã: 'HT_PHU_BAI_T01', 'Đăng ký': 'Có', 'Tiêu chí 1': 10 },
    ]);
    expect(
      (await upload('evaluations', `${query}&dryRun=false`, own).expect(200)).body,
    ).toMatchObject({ valid: true, created: 1 });
    expect(
      (await officer.get('/api/evaluations/community/HT_PHU_BAI_T01/2020').expect(200)).body,
    ).toMatchObject({ status: 'draft', scores: { '1': 10 } });
  });

  it('reports every row problem by row, column and value, and a real run then writes nothing', async () => {
    const file = await fill(
      await template('/api/imports/templates/households.xlsx?commune=HT_PHU_BAI'),
      [
        {
          'Mã hộ': 'BAD_1',
          'Họ tên chủ hộ': 'Hộ Thôn Lạ',
          'Mã thôn': 'KHONG_CO',
          'Số nhân khẩu': 3,
        },
        {
          'Mã hộ': 'BAD_2',
          'Họ tên chủ hộ': 'Hộ Xã Khác',
          'Mã thôn': 'HT_THUY_CHAU_T01',
          'Số nhân khẩu': 3,
        },
        { 'Mã hộ': 'BAD_3', 'Mã thôn': 'HT_PHU_BAI_T01', 'Số nhân khẩu': 3 },
        {
          'Mã hộ': 'BAD_4',
          'Họ tên chủ hộ': 'Hộ Công Thức',
          'Mã thôn': 'HT_PHU_BAI_T01',
          'Số nhân khẩu': { formula: '1+2' },
        },
        {
          'Mã hộ': 'GOOD_1',
          'Họ tên chủ hộ': 'Hộ Hợp Lệ',
          'Mã thôn': 'HT_PHU_BAI_T01',
          'Số nhân khẩu': 3,
        },
        {
          'Mã hộ': 'GOOD_1',
          'Họ tên chủ hộ': 'Hộ Trùng Mã',
          'Mã thôn': 'HT_PHU_BAI_T01',
          'Số nhân khẩu': 3,
        },
      ],
    );
    const dry = (await upload('households', 'commune=HT_PHU_BAI', file).expect(200)).body as Report;
    expect(dry.valid).toBe(false);
    expect(dry.problems).toEqual([
      {
        row: 2,
        column: 'Mã thôn',
        value: 'KHONG_CO',
        message: 'Mã thôn KHONG_CO không thuộc phường Phú Bài',
      },
      {
        row: 3,
        column: 'Mã thôn',
        value: 'HT_THUY_CHAU_T01',
        message: 'Mã thôn HT_THUY_CHAU_T01 không thuộc phường Phú Bài',
      },
      { row: 4, column: 'B (Họ tên chủ hộ)', value: '', message: 'Thiếu Họ tên chủ hộ' },
      {
        row: 5,
        column: 'E (Số nhân khẩu)',
        value: '(công thức)',
        message: 'Số nhân khẩu: ô chứa công thức; hãy dán giá trị (Paste Values)',
      },
      { row: 7, column: 'A (Mã)', value: 'GOOD_1', message: 'Mã GOOD_1 trùng với dòng 6' },
    ]);
    const refused = await upload('households', 'commune=HT_PHU_BAI&dryRun=false', file).expect(422);
    expect(refused.body).toMatchObject({
      code: 'IMPORT_REJECTED',
      details: { report: { problemCount: 5 } },
    });
    await officer.get('/api/households/GOOD_1').expect(404);

    const points = await fill(
      await template(
        '/api/imports/templates/evaluations.xlsx?commune=HT_PHU_BAI&kind=family&year=2020',
      ),
      [
        { Mã: 'NK_001', 'Đăng ký': 'Có', 'Tiêu chí 1': 31 },
        { Mã: 'NO_SUCH', 'Đăng ký': 'Có' },
      ],
    );
    const pointsReport = (
      await upload('evaluations', 'commune=HT_PHU_BAI&kind=family&year=2020', points).expect(200)
    ).body as Report;
    expect(pointsReport.problems.map((problem) => problem.message)).toEqual([
      'Tiêu chí 1: 31 điểm vượt quá tối đa 30 điểm',
      'Không có gia đình học tập mã NO_SUCH ở Phú Bài trong năm 2020',
    ]);
  });

  it('refuses a commune outside the caller’s scope', async () => {
    const file = await fill(
      await template('/api/imports/templates/clans.xlsx?commune=HT_PHU_BAI'),
      [{ 'Mã dòng họ': 'NK_DH9', 'Tên dòng họ': 'Họ Phan' }],
    );
    await upload('clans', 'commune=HT_THUY_CHAU&dryRun=false', file).expect(403);
    await officer.get('/api/imports/templates/clans.xlsx?commune=HT_THUY_CHAU').expect(403);
    const viewer = await t.userAgent({
      username: 'lanhdao',
      role: 'viewer',
      scopeAreaCode: 'HUONG_THUY',
    });
    await viewer
      .post('/api/imports/clans?commune=HT_PHU_BAI')
      .attach('file', file, 'x.xlsx')
      .expect(403);
  });

  describe('hostile and broken files', () => {
    const refused = async (file: Buffer, code: string, message: RegExp, name = 'tep.xlsx') => {
      const before = await auditCount();
      const response = await upload(
        'households',
        'commune=HT_PHU_BAI&dryRun=false',
        file,
        name,
      ).expect(400);
      expect(response.body).toMatchObject({
        code,
        details: [{ field: 'file', message: expect.stringMatching(message) }],
      });
      expect(await auditCount()).toBe(before);
    };

    it('refuses what is not an xlsx', async () => {
      await refused(
        Buffer.from('Mã hộ,Họ tên\nA,B\n'),
        'UNREADABLE_FILE',
        /không phải tệp Excel/,
        'danh-sach.csv',
      );
      const zip = new JSZip();
      zip.file('readme.txt', 'không phải bảng tính');
      await refused(
        await zip.generateAsync({ type: 'nodebuffer' }),
        'UNREADABLE_FILE',
        /không phải tệp Excel/,
      );
    });

    it('refuses a zip bomb before decompressing it', async () => {
      const zip = new JSZip();
      zip.file('xl/workbook.xml', '<workbook/>');
      zip.file('xl/worksheets/sheet1.xml', ' '.repeat(30_000_000));
      const bomb = await zip.generateAsync({
        type: 'nodebuffer',
        compression: 'DEFLATE',
        compressionOptions: { level: 9 },
      });
      expect(bomb.length).toBeLessThan(200_000);
      await refused(bomb, 'UNREADABLE_FILE', /quá lớn/);
    });

    it('refuses a sheet beyond 200,000 rows, wrong headers and an empty sheet', async () => {
      const huge = new ExcelJS.Workbook();
      const sheet = huge.addWorksheet('Dữ liệu');
      sheet.addRow(['Mã hộ', 'Họ tên chủ hộ', 'Mã thôn', 'Số nhân khẩu']);
      sheet.getCell('A200005').value = 'X';
      await refused(
        Buffer.from(await huge.xlsx.writeBuffer()),
        'UNREADABLE_FILE',
        /quá 200\.000 dòng/,
      );

      const wrong = new ExcelJS.Workbook();
      wrong.addWorksheet('Dữ liệu').addRow(['Mã', 'Tên', 'Thôn']);
      await refused(
        Buffer.from(await wrong.xlsx.writeBuffer()),
        'WRONG_HEADERS',
        /cột A "Mã" không có trong mẫu/,
      );

      const empty = new ExcelJS.Workbook();
      empty.addWorksheet('Dữ liệu');
      await refused(Buffer.from(await empty.xlsx.writeBuffer()), 'EMPTY_SHEET', /trống/);

      const headerOnly = new ExcelJS.Workbook();
      headerOnly
        .addWorksheet('Dữ liệu')
        .addRow(['Mã hộ', 'Họ tên chủ hộ', 'Mã thôn', 'Số nhân khẩu']);
      await refused(
        Buffer.from(await headerOnly.xlsx.writeBuffer()),
        'EMPTY_SHEET',
        /không có dòng dữ liệu/,
      );
    });

    it('refuses a missing file and one above the 20 MB limit', async () => {
      const missing = await officer.post('/api/imports/households?commune=HT_PHU_BAI').expect(400);
      expect(missing.body.code).toBe('FILE_REQUIRED');
      const large = await upload(
        'households',
        'commune=HT_PHU_BAI',
        Buffer.alloc(21 * 1024 * 1024, 1),
      ).expect(413);
      expect(large.body.statusCode).toBe(413);
    });
  });
});
