import { hasAtMostDecimals, POINT_DECIMALS, type CriterionRule } from './criteria.js';
import { isDateWithin } from './dates.js';
import { TRAINEE_ROLE_LABELS, UNIT_CATEGORY_LABELS } from './model.js';
import {
  foldForSearch,
  formatNumberVi,
  hasControlCharacter,
  hasUnstorableCharacter,
  hasVisibleCharacter,
  normalizeText,
} from './text.js';

export const IMPORT_KINDS = ['households', 'clans', 'units', 'trainees', 'evaluations'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** A cell as read from a sheet: its value, or the mark of a formula (never evaluated). */
export type CellInput = string | number | boolean | Date | null | { formula: true };

export type ColumnType = 'code' | 'text' | 'integer' | 'points' | 'yesno' | 'date' | 'category';

export interface ImportColumn {
  key: string;
  header: string;
  type: ColumnType;
  required: boolean;
  /** Points: the criterion's maximum; integer: the largest value; text: the longest. */
  max?: number;
  min?: number;
  /** Shown on the instructions sheet. */
  note: string;
  /** A category's values and the labels officials type, either of which is accepted. */
  options?: Record<string, string>;
}

export interface ImportProblem {
  /** The sheet's row number, as Excel shows it. */
  row: number;
  /** The column letter and header, "C (Mã thôn)"; empty for a problem of the whole row. */
  column: string;
  value: string;
  message: string;
}

export type ParsedValue = string | number | boolean | null;

const CODE = /^[A-Za-z0-9_.-]{1,64}$/;

const YES = new Set(['co', 'x', 'yes', 'true', '1', 'dat', 'da dang ky']);
const NO = new Set(['khong', 'no', 'false', '0', '']);

const ACTIVE_FROM: ImportColumn = {
  key: 'activeFrom',
  header: 'Hoạt động từ ngày',
  type: 'date',
  required: false,
  note: 'Ngày bắt đầu, dạng 15/03/2016 hoặc 2016-03-15; để trống: hôm nay. Chỉ dùng khi thêm mới.',
};

export const REGISTRY_COLUMNS: Record<Exclude<ImportKind, 'evaluations'>, ImportColumn[]> = {
  households: [
    {
      key: 'code',
      header: 'Mã hộ',
      type: 'code',
      required: true,
      note: 'Mã không trùng, chữ không dấu, số, dấu gạch, dấu chấm',
    },
    {
      key: 'headName',
      header: 'Họ tên chủ hộ',
      type: 'text',
      required: true,
      max: 200,
      note: 'Bắt buộc',
    },
    {
      key: 'hamletCode',
      header: 'Mã thôn',
      type: 'code',
      required: true,
      note: 'Chọn trong danh sách thôn, tổ dân phố của xã',
    },
    {
      key: 'clanCode',
      header: 'Mã dòng họ',
      type: 'code',
      required: false,
      note: 'Để trống nếu không thuộc dòng họ nào đã đăng ký',
    },
    {
      key: 'members',
      header: 'Số nhân khẩu',
      type: 'integer',
      required: true,
      min: 1,
      max: 99,
      note: 'Số nguyên từ 1 đến 99',
    },
    {
      key: 'address',
      header: 'Địa chỉ',
      type: 'text',
      required: false,
      max: 300,
      note: 'Không bắt buộc',
    },
    ACTIVE_FROM,
  ],
  clans: [
    { key: 'code', header: 'Mã dòng họ', type: 'code', required: true, note: 'Mã không trùng' },
    {
      key: 'name',
      header: 'Tên dòng họ',
      type: 'text',
      required: true,
      max: 200,
      note: 'Bắt buộc',
    },
    {
      key: 'headName',
      header: 'Trưởng họ',
      type: 'text',
      required: false,
      max: 200,
      note: 'Không bắt buộc',
    },
    ACTIVE_FROM,
  ],
  units: [
    { key: 'code', header: 'Mã đơn vị', type: 'code', required: true, note: 'Mã không trùng' },
    { key: 'name', header: 'Tên đơn vị', type: 'text', required: true, max: 200, note: 'Bắt buộc' },
    {
      key: 'category',
      header: 'Loại đơn vị',
      type: 'category',
      required: true,
      note: `Một trong: ${Object.values(UNIT_CATEGORY_LABELS).join(', ')}`,
      options: UNIT_CATEGORY_LABELS,
    },
    {
      key: 'headName',
      header: 'Thủ trưởng đơn vị',
      type: 'text',
      required: false,
      max: 200,
      note: 'Không bắt buộc',
    },
    ACTIVE_FROM,
  ],
  trainees: [
    { key: 'code', header: 'Mã người', type: 'code', required: true, note: 'Mã không trùng' },
    {
      key: 'fullName',
      header: 'Họ và tên',
      type: 'text',
      required: true,
      max: 200,
      note: 'Bắt buộc',
    },
    {
      key: 'role',
      header: 'Vai trò',
      type: 'category',
      required: true,
      note: `Một trong: ${Object.values(TRAINEE_ROLE_LABELS).join('; ')}`,
      options: TRAINEE_ROLE_LABELS,
    },
    {
      key: 'placeCode',
      header: 'Mã nơi đảm nhiệm',
      type: 'code',
      required: true,
      note: 'Mã của xã (vai trò cấp xã) hoặc của thôn, tổ dân phố (vai trò cấp thôn)',
    },
    {
      key: 'associationMember',
      header: 'Hội viên Hội Khuyến học',
      type: 'yesno',
      required: false,
      note: 'Có hoặc Không; để trống nếu chưa rõ',
    },
    {
      key: 'phone',
      header: 'Điện thoại',
      type: 'text',
      required: false,
      max: 20,
      note: 'Không bắt buộc',
    },
    {
      key: 'validFrom',
      header: 'Đảm nhiệm từ ngày',
      type: 'date',
      required: false,
      note: 'Dạng 15/03/2016 hoặc 2016-03-15; để trống: hôm nay. Dùng khi thêm mới hoặc đổi nơi, vai trò.',
    },
  ],
};

/** The columns of an evaluation sheet: the subject, the registration and one per criterion. */
export function evaluationColumns(criteria: CriterionRule[]): ImportColumn[] {
  return [
    {
      key: 'code',
      header: 'Mã',
      type: 'code',
      required: true,
      note: 'Mã hộ, dòng họ, thôn hoặc đơn vị',
    },
    {
      key: 'name',
      header: 'Tên (để đối chiếu)',
      type: 'text',
      required: false,
      max: 300,
      note: 'Không dùng khi nhập, chỉ để đối chiếu',
    },
    { key: 'registered', header: 'Đăng ký', type: 'yesno', required: true, note: 'Có hoặc Không' },
    ...criteria.map((criterion): ImportColumn => ({
      key: `scores.${criterion.code}`,
      header: `Tiêu chí ${criterion.code}`,
      type: 'points',
      required: false,
      max: criterion.maxPoints,
      note: `${criterion.title}: 0 đến ${formatNumberVi(criterion.maxPoints)} điểm${
        criterion.minPoints === null
          ? ''
          : `, tối thiểu để đạt ${formatNumberVi(criterion.minPoints)}`
      }; để trống: chưa chấm`,
    })),
  ];
}

/** Excel's name of a column from its number, 1 being A. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

export function cellText(input: CellInput): string {
  if (input === null) return '';
  if (input instanceof Date) return input.toISOString().slice(0, 10);
  if (typeof input === 'object') return '(công thức)';
  return String(input);
}

/**
 * Maps the header row to the columns expected: each expected header found once, nothing unknown.
 * Headers are compared without accents, case or extra spaces, so "ma ho" matches "Mã hộ".
 */
export function matchHeaders(
  expected: ImportColumn[],
  headers: CellInput[],
): { positions: Map<string, number> } | { problems: string[] } {
  const wanted = new Map(expected.map((column) => [foldForSearch(column.header), column]));
  const positions = new Map<string, number>();
  const problems: string[] = [];
  headers.forEach((header, index) => {
    const text = cellText(header).trim();
    if (text === '') return;
    const column = wanted.get(foldForSearch(text));
    if (!column) {
      problems.push(`cột ${columnLetter(index + 1)} "${text}" không có trong mẫu`);
    } else if (positions.has(column.key)) {
      problems.push(`cột "${column.header}" xuất hiện hai lần`);
    } else {
      positions.set(column.key, index);
    }
  });
  for (const column of expected) {
    if (column.required && !positions.has(column.key))
      problems.push(`thiếu cột bắt buộc "${column.header}"`);
  }
  return problems.length > 0 ? { problems } : { positions };
}

function parseDate(input: CellInput): string | null {
  if (input instanceof Date) return input.toISOString().slice(0, 10);
  if (typeof input !== 'string') return null;
  const text = input.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const vietnamese = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [year, month, day] = iso
    ? [iso[1], iso[2], iso[3]]
    : vietnamese
      ? [vietnamese[3], vietnamese[2].padStart(2, '0'), vietnamese[1].padStart(2, '0')]
      : [];
  if (!year) return null;
  const date = new Date(`${year}-${month}-${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 10) !== `${year}-${month}-${day}`
    ? null
    : `${year}-${month}-${day}`;
}

function parseNumber(input: CellInput): number | null {
  if (typeof input === 'number') return Number.isFinite(input) ? input : null;
  if (typeof input !== 'string') return null;
  const text = input.trim().replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : null;
}

/** One cell against its column: the value to store, or what is wrong with it, in Vietnamese. */
export function parseCell(
  column: ImportColumn,
  input: CellInput,
): { value: ParsedValue } | { message: string } {
  if (input !== null && typeof input === 'object' && !(input instanceof Date)) {
    return { message: `${column.header}: ô chứa công thức; hãy dán giá trị (Paste Values)` };
  }
  // A cell of spaces or zero-width characters is as empty as a blank one.
  const blank = input === null || (typeof input === 'string' && !hasVisibleCharacter(input));
  if (blank) {
    return column.required ? { message: `Thiếu ${column.header}` } : { value: null };
  }
  switch (column.type) {
    case 'code': {
      const text = cellText(input).trim();
      return CODE.test(text)
        ? { value: text }
        : {
            message: `${column.header}: chỉ gồm chữ không dấu, số, dấu gạch và dấu chấm (tối đa 64 ký tự)`,
          };
    }
    case 'text': {
      // Kept as typed, even when it starts with =, +, - or @: it is text, and exports mark it so.
      // Line breaks typed in a cell become spaces; other control characters are refused.
      const text = normalizeText(cellText(input));
      if (hasControlCharacter(text) || hasUnstorableCharacter(text)) {
        return { message: `${column.header}: chứa ký tự điều khiển hoặc ký tự không đọc được` };
      }
      return text.length > (column.max ?? 200)
        ? { message: `${column.header}: tối đa ${column.max ?? 200} ký tự` }
        : { value: text };
    }
    case 'integer': {
      const value = parseNumber(input);
      if (value === null || !Number.isInteger(value))
        return { message: `${column.header}: phải là số nguyên` };
      if (
        (column.min !== undefined && value < column.min) ||
        (column.max !== undefined && value > column.max)
      )
        return { message: `${column.header}: phải từ ${column.min} đến ${column.max}` };
      return { value };
    }
    case 'points': {
      const value = parseNumber(input);
      if (value === null) return { message: `${column.header}: điểm phải là một số` };
      if (value < 0) return { message: `${column.header}: điểm không được âm` };
      if (column.max !== undefined && value > column.max)
        return {
          message: `${column.header}: ${formatNumberVi(value)} điểm vượt quá tối đa ${formatNumberVi(column.max)} điểm`,
        };
      if (!hasAtMostDecimals(value, POINT_DECIMALS))
        return { message: `${column.header}: điểm chỉ được có tối đa một chữ số thập phân` };
      return { value };
    }
    case 'yesno': {
      if (typeof input === 'boolean') return { value: input };
      const folded = foldForSearch(cellText(input));
      if (YES.has(folded)) return { value: true };
      if (NO.has(folded)) return { value: false };
      return { message: `${column.header}: ghi "Có" hoặc "Không"` };
    }
    case 'date': {
      const value = parseDate(input);
      if (value === null) {
        return { message: `${column.header}: ngày dạng 15/03/2016 hoặc 2016-03-15` };
      }
      return isDateWithin(value)
        ? { value }
        : { message: `${column.header}: ngày phải từ 01/01/1900 đến 31/12/2100` };
    }
    case 'category': {
      const options = Object.entries(column.options ?? {});
      const typed = foldForSearch(cellText(input));
      const found = options.find(
        ([value, label]) => typed === value || typed === foldForSearch(label),
      );
      return found
        ? { value: found[0] }
        : {
            message: `${column.header}: một trong ${options.map(([, label]) => label).join('; ')}`,
          };
    }
  }
}

export interface ParsedRow {
  row: number;
  values: Record<string, ParsedValue>;
}

/**
 * Every cell of a data row against its column; a row whose cells are all empty is skipped (null).
 * Problems name the row, the column letter and header, and the value as typed.
 */
export function parseRow(
  columns: ImportColumn[],
  positions: Map<string, number>,
  row: number,
  cells: CellInput[],
): { parsed: ParsedRow | null; problems: ImportProblem[] } {
  if (cells.every((cell) => cell === null || (typeof cell === 'string' && cell.trim() === ''))) {
    return { parsed: null, problems: [] };
  }
  const values: Record<string, ParsedValue> = {};
  const problems: ImportProblem[] = [];
  for (const column of columns) {
    const index = positions.get(column.key);
    const input = index === undefined ? null : (cells[index] ?? null);
    const result = parseCell(column, input);
    if ('message' in result) {
      problems.push({
        row,
        column:
          index === undefined ? column.header : `${columnLetter(index + 1)} (${column.header})`,
        value: cellText(input),
        message: result.message,
      });
    } else {
      values[column.key] = result.value;
    }
  }
  return { parsed: problems.length === 0 ? { row, values } : null, problems };
}

/** Text a spreadsheet could take for a formula gets a leading apostrophe, as OWASP advises. */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
