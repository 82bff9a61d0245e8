import {
  columnLetter,
  evaluationColumns,
  matchHeaders,
  parseCell,
  parseRow,
  REGISTRY_COLUMNS,
  spreadsheetSafe,
  type ImportColumn,
} from './imports.js';

const households = REGISTRY_COLUMNS.households;
const column = (key: string, columns: ImportColumn[] = households) =>
  columns.find((candidate) => candidate.key === key) as ImportColumn;
const points = column(
  'scores.1',
  evaluationColumns([{ code: '1', title: 'Học tập', maxPoints: 30, minPoints: 15 }]),
);

describe('reading an import sheet', () => {
  it('names columns as Excel does', () => {
    expect([1, 26, 27, 28, 702, 703].map(columnLetter)).toEqual([
      'A',
      'Z',
      'AA',
      'AB',
      'ZZ',
      'AAA',
    ]);
  });

  it('matches headers without accents or case, and names what is missing, unknown or twice', () => {
    const matched = matchHeaders(households, ['ma ho', 'HỌ TÊN CHỦ HỘ', 'Mã thôn', 'Số nhân khẩu']);
    expect(matched).toEqual({
      positions: new Map([
        ['code', 0],
        ['headName', 1],
        ['hamletCode', 2],
        ['members', 3],
      ]),
    });
    expect(matchHeaders(households, ['Mã hộ', 'Tên', 'Mã hộ'])).toEqual({
      problems: [
        'cột B "Tên" không có trong mẫu',
        'cột "Mã hộ" xuất hiện hai lần',
        'thiếu cột bắt buộc "Họ tên chủ hộ"',
        'thiếu cột bắt buộc "Mã thôn"',
        'thiếu cột bắt buộc "Số nhân khẩu"',
      ],
    });
  });

  it('refuses formulas and keeps text that merely looks like one', () => {
    expect(parseCell(column('headName'), { formula: true })).toEqual({
      message: 'Họ tên chủ hộ: ô chứa công thức; hãy dán giá trị (Paste Values)',
    });
    expect(parseCell(column('headName'), '=HYPERLINK("http://x","y")')).toEqual({
      value: '=HYPERLINK("http://x","y")',
    });
    expect(spreadsheetSafe('=1+1')).toBe("'=1+1");
    expect(spreadsheetSafe('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(spreadsheetSafe('Nguyễn Văn An')).toBe('Nguyễn Văn An');
  });

  it('reads points with a comma or a dot, within the criterion', () => {
    expect(parseCell(points, '27,5')).toEqual({ value: 27.5 });
    expect(parseCell(points, 28)).toEqual({ value: 28 });
    expect(parseCell(points, 31)).toEqual({
      message: 'Tiêu chí 1: 31 điểm vượt quá tối đa 30 điểm',
    });
    expect(parseCell(points, -1)).toEqual({ message: 'Tiêu chí 1: điểm không được âm' });
    expect(parseCell(points, '7,25')).toEqual({
      message: 'Tiêu chí 1: điểm chỉ được có tối đa một chữ số thập phân',
    });
    expect(parseCell(points, 'mười')).toEqual({ message: 'Tiêu chí 1: điểm phải là một số' });
    expect(parseCell(points, null)).toEqual({ value: null });
    // Floating-point noise in a number cell passed a tolerance of 1e-6 and was stored as it came.
    for (const noise of [0.1 + 0.2, 5e-324]) {
      expect(parseCell(points, noise)).toEqual({
        message: 'Tiêu chí 1: điểm chỉ được có tối đa một chữ số thập phân',
      });
    }
  });

  it('reads a cell of invisible characters as empty, and refuses control characters in text', () => {
    expect(parseCell(column('headName'), '\u200b\u00a0')).toEqual({
      message: 'Thiếu Họ tên chủ hộ',
    });
    expect(parseCell(column('address'), '\u200b')).toEqual({ value: null });
    expect(parseCell(column('headName'), 'Lê\nVăn  An')).toEqual({ value: 'Lê Văn An' });
    expect(parseCell(column('headName'), 'Lê\u0000An')).toEqual({
      message: 'Họ tên chủ hộ: chứa ký tự điều khiển hoặc ký tự không đọc được',
    });
  });

  it('keeps dates within 1900 and 2100', () => {
    expect(parseCell(column('activeFrom'), '01/01/0001')).toEqual({
      message: 'Hoạt động từ ngày: ngày phải từ 01/01/1900 đến 31/12/2100',
    });
    expect(parseCell(column('activeFrom'), '9999-12-31')).toEqual({
      message: 'Hoạt động từ ngày: ngày phải từ 01/01/1900 đến 31/12/2100',
    });
  });

  it('reads yes or no, dates in both forms, integers in range and unit categories by name', () => {
    const registered = column(
      'registered',
      evaluationColumns([{ code: '1', title: 'x', maxPoints: 30, minPoints: null }]),
    );
    expect(parseCell(registered, 'Có')).toEqual({ value: true });
    expect(parseCell(registered, 'không')).toEqual({ value: false });
    expect(parseCell(registered, 'có lẽ')).toEqual({
      message: 'Đăng ký: ghi "Có" hoặc "Không"',
    });
    expect(parseCell(column('activeFrom'), '15/3/2016')).toEqual({ value: '2016-03-15' });
    expect(parseCell(column('activeFrom'), new Date('2016-03-15T00:00:00Z'))).toEqual({
      value: '2016-03-15',
    });
    expect(parseCell(column('activeFrom'), '31/02/2016')).toEqual({
      message: 'Hoạt động từ ngày: ngày dạng 15/03/2016 hoặc 2016-03-15',
    });
    expect(parseCell(column('members'), '4')).toEqual({ value: 4 });
    expect(parseCell(column('members'), 0)).toEqual({ message: 'Số nhân khẩu: phải từ 1 đến 99' });
    expect(parseCell(column('members'), 2.5)).toEqual({
      message: 'Số nhân khẩu: phải là số nguyên',
    });
    const category = column('category', REGISTRY_COLUMNS.units);
    expect(parseCell(category, 'Trường học')).toEqual({ value: 'school' });
    expect(parseCell(category, 'truong hoc')).toEqual({ value: 'school' });
  });

  it('names the row, the column and the value of every problem, and skips empty rows', () => {
    const positions = new Map([
      ['code', 0],
      ['headName', 1],
      ['hamletCode', 2],
      ['members', 3],
    ]);
    expect(parseRow(households, positions, 7, [null, '  ', null, null])).toEqual({
      parsed: null,
      problems: [],
    });
    expect(parseRow(households, positions, 7, ['HH 1', '', 'T01', 'bốn'])).toEqual({
      parsed: null,
      problems: [
        {
          row: 7,
          column: 'A (Mã hộ)',
          value: 'HH 1',
          message: 'Mã hộ: chỉ gồm chữ không dấu, số, dấu gạch và dấu chấm (tối đa 64 ký tự)',
        },
        { row: 7, column: 'B (Họ tên chủ hộ)', value: '', message: 'Thiếu Họ tên chủ hộ' },
        {
          row: 7,
          column: 'D (Số nhân khẩu)',
          value: 'bốn',
          message: 'Số nhân khẩu: phải là số nguyên',
        },
      ],
    });
    expect(parseRow(households, positions, 8, ['HH1', 'Lê  Văn   An', 'T01', 4]).parsed).toEqual({
      row: 8,
      values: {
        code: 'HH1',
        headName: 'Lê Văn An',
        hamletCode: 'T01',
        clanCode: null,
        members: 4,
        address: null,
        activeFrom: null,
      },
    });
  });
});
