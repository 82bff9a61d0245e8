import type ExcelJS from 'exceljs';

export const FONT = 'Times New Roman';

export const COLOURS = {
  below: 'FFF4CCCC',
  floor: 'FFFCE5CD',
  stretch: 'FFD9EAD3',
  header: 'FFDDE7F0',
  total: 'FFF2F2F2',
} as const;

export const NUMBER = '#,##0';
export const PERCENT = '0.0%';
export const POINTS = '0.0';

export const THIN_BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** Column letter of a 1-based column number (1 → A, 27 → AA). */
export { columnLetter } from '@app/domain';

export function fill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

export interface BodyStyle {
  numFmt?: string;
  bold?: boolean;
  /** Wrap long text (names, reasons); other text stays on one line. */
  wrap?: boolean;
  fill?: string;
  center?: boolean;
}

const styles = new Map<string, Partial<ExcelJS.Style>>();

/**
 * One style object per combination, shared by every cell that uses it: exceljs recognises a style
 * object it has seen, where an equal but new one costs a serialisation per cell.
 */
function shared(key: string, build: () => Partial<ExcelJS.Style>): Partial<ExcelJS.Style> {
  let style = styles.get(key);
  if (!style) {
    style = build();
    styles.set(key, style);
  }
  return style;
}

export function headerStyle(cell: ExcelJS.Cell): void {
  cell.style = shared('header', () => ({
    font: { name: FONT, bold: true, size: 10 },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    fill: fill(COLOURS.header),
    border: THIN_BORDER,
  }));
}

/** Numbers right-aligned in their format; text left-aligned. */
export function bodyStyle(cell: ExcelJS.Cell, options: BodyStyle = {}): void {
  cell.style = sharedBodyStyle(options);
}

/** The shared style itself, for writers that look it up once per column rather than per cell. */
export function sharedBodyStyle(options: BodyStyle = {}): Partial<ExcelJS.Style> {
  const { numFmt, bold = false, wrap = false, fill: background, center = false } = options;
  return shared(`body|${numFmt ?? ''}|${bold}|${wrap}|${background ?? ''}|${center}`, () => ({
    font: { name: FONT, size: 10, bold },
    border: THIN_BORDER,
    ...(numFmt ? { numFmt } : {}),
    ...(background ? { fill: fill(background) } : {}),
    alignment: {
      vertical: 'middle',
      horizontal: center ? 'center' : numFmt ? 'right' : 'left',
      wrapText: wrap,
    },
  }));
}

export function formatDateVi(date: Date): string {
  return new Intl.DateTimeFormat('vi-VN', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(date);
}

/** dd/mm/yyyy from an ISO date, as officials write decision dates. */
export function isoToVi(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}
