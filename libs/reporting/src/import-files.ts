import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import type { CellInput, ImportColumn } from '@app/domain';
import { columnLetter, fill, FONT, headerStyle } from './format.js';

/** What an uploaded workbook may be: documented in the README, enforced before anything is read. */
export const IMPORT_LIMITS = {
  fileBytes: 20 * 1024 * 1024,
  /** The workbook's parts once decompressed: a 100,000-row sheet is about 40 MB. */
  unzippedBytes: 300 * 1024 * 1024,
  /** A part may compress 200 to 1 at the most; zip bombs compress thousands to one. */
  ratio: 200,
  rows: 200_000,
  columns: 60,
} as const;

/** The file cannot be read as a workbook; the message says why, in Vietnamese. */
export class UnreadableWorkbookError extends Error {}

/**
 * Checks the zip's directory before anything is decompressed: it must be a workbook, and neither
 * its parts' declared sizes nor their compression ratios may exceed the limits.
 */
export async function inspectWorkbookArchive(buffer: Buffer): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, file) =>
      error || !file
        ? reject(new UnreadableWorkbookError('không phải tệp Excel .xlsx'))
        : resolve(file),
    ),
  );
  let unzipped = 0;
  let hasWorkbook = false;
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      unzipped += entry.uncompressedSize;
      if (entry.fileName === 'xl/workbook.xml') hasWorkbook = true;
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (unzipped > IMPORT_LIMITS.unzippedBytes || ratio > IMPORT_LIMITS.ratio) {
        zip.close();
        reject(new UnreadableWorkbookError('tệp giải nén ra quá lớn (nghi là tệp độc hại)'));
        return;
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', () => reject(new UnreadableWorkbookError('tệp .xlsx bị hỏng')));
    zip.readEntry();
  });
  if (!hasWorkbook) throw new UnreadableWorkbookError('không phải tệp Excel .xlsx');
}

type RawValue = ExcelJS.CellValue | undefined;

function toInput(value: RawValue): CellInput {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  if (value instanceof Date) return value;
  if ('formula' in value || 'sharedFormula' in value) return { formula: true };
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return null;
}

export interface SheetRow {
  /** As Excel numbers it. */
  row: number;
  cells: CellInput[];
}

/**
 * The rows of the workbook's first sheet, one at a time, through exceljs's streaming reader: a
 * 100,000-row file never sits in memory as a workbook.
 */
export async function* readFirstSheet(buffer: Buffer): AsyncGenerator<SheetRow> {
  await inspectWorkbookArchive(buffer);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buffer), {
    sharedStrings: 'cache',
    worksheets: 'emit',
    styles: 'ignore',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let sheets = 0;
  try {
    for await (const worksheet of reader) {
      if (sheets++ > 0) {
        // Read to the end all the same: exceljs may have parked a sheet in a temporary file, and
        // one left unread is removed under a stream that still points at it.
        for await (const _row of worksheet) {
          // Only the first sheet holds data.
        }
        continue;
      }
      for await (const row of worksheet) {
        if (row.number > IMPORT_LIMITS.rows + 1) {
          throw new UnreadableWorkbookError(
            `trang tính có quá ${IMPORT_LIMITS.rows.toLocaleString('vi-VN')} dòng; hãy chia thành nhiều tệp`,
          );
        }
        const values = row.values as RawValue[];
        if (values.length > IMPORT_LIMITS.columns + 1) {
          throw new UnreadableWorkbookError(
            `dòng ${row.number} có quá ${IMPORT_LIMITS.columns} cột`,
          );
        }
        yield { row: row.number, cells: values.slice(1).map(toInput) };
      }
    }
  } catch (error) {
    if (error instanceof UnreadableWorkbookError) throw error;
    throw new UnreadableWorkbookError('không đọc được nội dung tệp .xlsx');
  }
}

export interface TemplateList {
  /** Shown above the list on the "Danh mục" sheet. */
  title: string;
  /** The column key whose cells must come from this list. */
  columnKey: string;
  values: { value: string; label: string }[];
}

export interface ImportTemplate {
  title: string;
  columns: ImportColumn[];
  examples: Record<string, string | number | null>[];
  lists: TemplateList[];
  instructions: string[];
}

/** Rows given a drop-down list on the data sheet. */
const VALIDATED_ROWS = 5000;

/**
 * The sheet an official fills: "Dữ liệu" first (the import reads the first sheet), then the
 * instructions, then the lists the drop-downs draw from.
 */
export async function writeImportTemplate(template: ImportTemplate): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Theo dõi mô hình học tập';
  const data = workbook.addWorksheet('Dữ liệu', { views: [{ state: 'frozen', ySplit: 1 }] });
  const guide = workbook.addWorksheet('Hướng dẫn');
  const lists = workbook.addWorksheet('Danh mục');

  data.columns = template.columns.map((column) => ({
    header: column.header,
    key: column.key,
    width: Math.max(14, column.header.length + 4),
  }));
  data.getRow(1).eachCell((cell) => headerStyle(cell));
  for (const example of template.examples) data.addRow(example);
  data.getColumn(1).numFmt = '@';

  lists.getColumn(1).width = 28;
  template.lists.forEach((list, index) => {
    const column = index * 3 + 1;
    lists.getCell(1, column).value = list.title;
    lists.getCell(1, column).font = { name: FONT, bold: true };
    lists.getColumn(column).width = 26;
    lists.getColumn(column + 1).width = 36;
    list.values.forEach((item, at) => {
      lists.getCell(at + 2, column).value = item.value;
      lists.getCell(at + 2, column + 1).value = item.label;
    });
    const target = template.columns.findIndex((candidate) => candidate.key === list.columnKey);
    if (target < 0 || list.values.length === 0) return;
    const letter = columnLetter(target + 1);
    const source = `'Danh mục'!$${columnLetter(column)}$2:$${columnLetter(column)}$${list.values.length + 1}`;
    // exceljs accepts ranges here at run time; its type declarations leave the collection out.
    (
      data as unknown as {
        dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void };
      }
    ).dataValidations.add(`${letter}2:${letter}${VALIDATED_ROWS}`, {
      type: 'list',
      allowBlank: true,
      formulae: [source],
      showErrorMessage: true,
      errorTitle: 'Giá trị không có trong danh mục',
      error: `Chọn ${list.title.toLowerCase()} trong danh sách`,
    });
  });

  guide.getColumn(1).width = 28;
  guide.getColumn(2).width = 14;
  guide.getColumn(3).width = 90;
  guide.addRow([template.title]).font = { name: FONT, bold: true, size: 14 };
  for (const line of template.instructions) guide.addRow([line]);
  guide.addRow([]);
  const head = guide.addRow(['Cột', 'Bắt buộc', 'Cách ghi']);
  head.eachCell((cell) => headerStyle(cell));
  for (const column of template.columns) {
    const row = guide.addRow([column.header, column.required ? 'Có' : '', column.note]);
    row.getCell(3).alignment = { wrapText: true };
    if (column.required) row.getCell(2).fill = fill('FFFCE5CD');
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
