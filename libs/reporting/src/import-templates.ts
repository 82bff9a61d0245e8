import ExcelJS from 'exceljs';
import {
  importList,
  MODEL_KIND_LABELS,
  TRAINEE_ROLE_LABELS,
  TRAINEE_ROLE_LEVELS,
  TRAINEE_ROLES,
  UNIT_CATEGORIES,
  UNIT_CATEGORY_LABELS,
  type ImportColumn,
  type ImportSheet,
} from '@app/domain';
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

/** What a template is for: the sheet, the commune and the places its rows may name. */
export type TemplateSetting = ImportSheet & {
  commune: { code: string; name: string; typeLabel: string };
  columns: ImportColumn[];
  hamlets: { code: string; name: string }[];
  clans: { code: string; name: string }[];
};

const YES_NO = (yes: string, no: string) => [
  { value: 'Có', label: yes },
  { value: 'Không', label: no },
];

/** The drop-down lists of each sheet, drawn from the commune's places and the fixed choices. */
function listsOf(setting: TemplateSetting): TemplateList[] {
  const { commune, hamlets, clans } = setting;
  const hamletValues = hamlets.map((h) => ({ value: h.code, label: h.name }));
  switch (setting.what) {
    case 'households':
      return [
        { title: 'Mã thôn', columnKey: 'hamletCode', values: hamletValues },
        {
          title: 'Mã dòng họ',
          columnKey: 'clanCode',
          values: clans.map((c) => ({ value: c.code, label: c.name })),
        },
      ];
    case 'clans':
      return [];
    case 'units':
      return [
        {
          title: 'Loại đơn vị',
          columnKey: 'category',
          values: UNIT_CATEGORIES.map((c) => ({
            value: UNIT_CATEGORY_LABELS[c],
            label: UNIT_CATEGORY_LABELS[c],
          })),
        },
      ];
    case 'trainees':
      return [
        {
          title: 'Vai trò',
          columnKey: 'role',
          values: TRAINEE_ROLES.map((role) => ({
            value: TRAINEE_ROLE_LABELS[role],
            label: TRAINEE_ROLE_LEVELS[role].includes('hamlet') ? 'cấp thôn' : 'cấp xã',
          })),
        },
        {
          title: 'Mã nơi đảm nhiệm',
          columnKey: 'placeCode',
          values: [
            { value: commune.code, label: `${commune.typeLabel} ${commune.name}` },
            ...hamletValues,
          ],
        },
        {
          title: 'Hội viên',
          columnKey: 'associationMember',
          values: YES_NO('là hội viên', 'không là hội viên'),
        },
      ];
    case 'evaluations':
      return [
        {
          title: 'Đăng ký',
          columnKey: 'registered',
          values: YES_NO('đã đăng ký', 'chưa đăng ký'),
        },
      ];
  }
}

/** The example row of each sheet, named after the commune's first hamlet and clan. */
function exampleOf(setting: TemplateSetting): Record<string, string | number | null> {
  const { commune } = setting;
  const firstHamlet = setting.hamlets[0]?.code ?? '';
  switch (setting.what) {
    case 'households':
      return {
        code: `${firstHamlet}_H9001`,
        headName: 'Nguyễn Văn Mẫu',
        hamletCode: firstHamlet,
        clanCode: setting.clans[0]?.code ?? null,
        members: 4,
        address: 'Số 1, đường Mẫu',
        activeFrom: '01/01/2016',
      };
    case 'clans':
      return {
        code: `${commune.code}_DH90`,
        name: 'Họ Nguyễn Văn (chi Mẫu)',
        headName: 'Nguyễn Văn Trưởng',
        activeFrom: '01/01/2016',
      };
    case 'units':
      return {
        code: `${commune.code}_DV90`,
        name: 'Trường Tiểu học Mẫu',
        category: UNIT_CATEGORY_LABELS.school,
        headName: 'Trần Thị Hiệu',
        activeFrom: '01/01/2016',
      };
    case 'trainees':
      return {
        code: `${firstHamlet}_CB01`,
        fullName: 'Lê Thị Mẫu',
        role: TRAINEE_ROLE_LABELS.hamlet_head,
        placeCode: firstHamlet,
        associationMember: 'Có',
        phone: null,
        validFrom: '01/01/2016',
      };
    case 'evaluations':
      return {
        code: 'MA_CUA_DOI_TUONG',
        name: 'Tên để đối chiếu',
        registered: 'Có',
        ...Object.fromEntries(
          setting.results.set.rules.criteria.map((c) => [`scores.${c.code}`, c.maxPoints]),
        ),
      };
  }
}

const INSTRUCTIONS = [
  'Điền mỗi đối tượng một dòng trong trang "Dữ liệu", từ dòng 2; xóa dòng mẫu trước khi nhập.',
  'Giữ nguyên dòng tiêu đề. Các cột có thể đổi thứ tự, không thêm cột lạ.',
  'Đối tượng được nhận ra theo mã: nhập lại cùng một tệp không thay đổi gì; mã đã có thì được cập nhật.',
  'Ô phải là giá trị, không phải công thức (dùng Dán giá trị nếu chép từ bảng khác).',
  'Thử trước bằng "Kiểm tra" (không ghi gì); khi tệp có lỗi thì không dòng nào được nhập.',
];

/** The sheet to fill for a commune: its columns, drop-downs of its places, an example row. */
export function templateFor(setting: TemplateSetting): Promise<Buffer> {
  const place = `${setting.commune.typeLabel} ${setting.commune.name}`;
  return writeImportTemplate({
    title:
      setting.what === 'evaluations'
        ? `Mẫu nhập kết quả đánh giá ${MODEL_KIND_LABELS[setting.results.kind].toLowerCase()} năm ${setting.results.year}, ${place}`
        : `Mẫu nhập danh sách ${importList(setting.what).noun}, ${place}`,
    columns: setting.columns,
    examples: [exampleOf(setting)],
    lists: listsOf(setting),
    instructions: INSTRUCTIONS,
  });
}
