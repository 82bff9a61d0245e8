import ExcelJS from 'exceljs';
import type { ImportColumn } from '@app/domain';
import { columnLetter, fill, FONT, headerStyle } from './format.js';

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
