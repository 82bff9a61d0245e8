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
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

export function fill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

export function headerStyle(cell: ExcelJS.Cell): void {
  cell.font = { name: FONT, bold: true, size: 10 };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  cell.fill = fill(COLOURS.header);
  cell.border = THIN_BORDER;
}

/** Numbers right-aligned in their format; text left-aligned, wrapped only where asked (names, reasons). */
export function bodyStyle(cell: ExcelJS.Cell, numFmt?: string, bold = false, wrap = false): void {
  cell.font = { name: FONT, size: 10, bold };
  cell.border = THIN_BORDER;
  if (numFmt) {
    cell.numFmt = numFmt;
    cell.alignment = { horizontal: 'right', vertical: 'middle' };
  } else {
    cell.alignment = { vertical: 'middle', wrapText: wrap };
  }
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
