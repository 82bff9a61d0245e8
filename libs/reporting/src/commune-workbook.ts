import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { MODEL_KIND_LABELS, MODEL_KINDS, type ModelKind, spreadsheetSafe } from '@app/domain';
import {
  bodyStyle,
  columnLetter,
  headerStyle,
  isoToVi,
  NUMBER,
  PERCENT,
  POINTS,
  sharedBodyStyle,
} from './format.js';
import type { ListCriterion, Provenance, SubjectListRow, SummaryData } from './model.js';
import {
  writeFocusSheet,
  writeNearMissSheet,
  type FocusSheetData,
  type NearMissSheetData,
} from './focus-sheet.js';
import { writeTitle } from './summary-sheet.js';
import { createWorkbook, LANDSCAPE_A4, writeSummarySheet } from './workbook-parts.js';

export interface SubjectList {
  kind: ModelKind;
  criteria: ListCriterion[];
  /** Opened only when its sheet is written, so one list at a time is read from the database. */
  rows: () => AsyncIterable<SubjectListRow>;
}

export interface CommuneReport {
  summary: SummaryData;
  plans: string[];
  provenance: Provenance;
  focus: FocusSheetData;
  nearMisses: NearMissSheetData;
  lists: SubjectList[];
}

const SHEET_NAMES: Record<ModelKind, string> = {
  family: 'Gia đình',
  clan: 'Dòng họ',
  community: 'Cộng đồng',
  unit: 'Đơn vị',
};

const NAME_HEADERS: Record<ModelKind, string> = {
  family: 'Chủ hộ',
  clan: 'Tên dòng họ',
  community: 'Thôn, tổ dân phố',
  unit: 'Tên đơn vị',
};

/** The commune's own workbook: its summary against the targets, then every subject of each kind. */
export async function writeCommuneWorkbook(report: CommuneReport, output: Writable): Promise<void> {
  const workbook = createWorkbook(output, report.provenance.generatedAt, false);
  await writeSummarySheet(workbook, report, (sheet, row) =>
    writeChangeTable(sheet, report.summary, row),
  );
  writeFocusSheet(workbook, report.focus);
  writeNearMissSheet(workbook, report.nearMisses);
  for (const list of report.lists) await writeListSheet(workbook, report, list);
  await workbook.commit();
}

/** Percent recognised this year against the previous one, per kind, with the change as a formula. */
function writeChangeTable(
  sheet: ExcelJS.Worksheet,
  summary: SummaryData,
  startRow: number,
): number {
  const previous = summary.previousTotal;
  const header = sheet.getRow(startRow);
  const labels = [
    'So với năm trước',
    `Được công nhận ${summary.year - 1}`,
    `% công nhận ${summary.year - 1}`,
    `Được công nhận ${summary.year}`,
    `% công nhận ${summary.year}`,
    'Tăng, giảm (điểm %)',
  ];
  labels.forEach((label, index) => {
    header.getCell(2 + index).value = label;
    headerStyle(header.getCell(2 + index));
  });
  header.height = 32;
  header.commit();
  MODEL_KINDS.forEach((kind, index) => {
    const rowNumber = startRow + 1 + index;
    const row = sheet.getRow(rowNumber);
    const now = summary.total[kind];
    const before = previous?.[kind] ?? null;
    const percentOf = (figures: { recognised: number; total: number } | null) =>
      figures && figures.total > 0 ? figures.recognised / figures.total : null;
    const values: [ExcelJS.CellValue, string | undefined][] = [
      [MODEL_KIND_LABELS[kind], undefined],
      [before ? before.recognised : null, NUMBER],
      [percentOf(before), PERCENT],
      [now.recognised, NUMBER],
      [percentOf(now), PERCENT],
      [
        {
          formula: `IF(AND(ISNUMBER(${columnLetter(4)}${rowNumber}),ISNUMBER(${columnLetter(6)}${rowNumber})),(${columnLetter(6)}${rowNumber}-${columnLetter(4)}${rowNumber})*100,"")`,
          result:
            percentOf(before) !== null && percentOf(now) !== null
              ? ((percentOf(now) as number) - (percentOf(before) as number)) * 100
              : '',
        },
        '+0.0;-0.0;0.0',
      ],
    ];
    values.forEach(([value, format], offset) => {
      const cell = row.getCell(2 + offset);
      cell.value = value;
      bodyStyle(cell, { numFmt: format });
    });
    row.commit();
  });
  return startRow + MODEL_KINDS.length + 2;
}

async function writeListSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  report: CommuneReport,
  list: SubjectList,
): Promise<void> {
  const headers = [
    'STT',
    'Mã',
    NAME_HEADERS[list.kind],
    ...(list.kind === 'family' ? ['Thôn, tổ dân phố'] : []),
    'Đăng ký',
    ...list.criteria.map(
      (criterion) => `Tiêu chí ${criterion.code} (tối đa ${criterion.maxPoints})`,
    ),
    'Tổng điểm',
    'Kết quả',
    'Lý do chưa đạt',
    'Số quyết định',
    'Ngày quyết định',
  ];
  const sheet = workbook.addWorksheet(SHEET_NAMES[list.kind], {
    pageSetup: { ...LANDSCAPE_A4, printTitlesRow: '3:3' },
    views: [{ state: 'frozen', xSplit: 3, ySplit: 3 }],
  });
  const widths = [
    6,
    24,
    26,
    ...(list.kind === 'family' ? [16] : []),
    12,
    ...list.criteria.map(() => 9),
    9,
    13,
    46,
    15,
    12,
  ];
  const wrapped = new Set([3, headers.indexOf('Lý do chưa đạt') + 1]);
  widths.forEach((width, index) => (sheet.getColumn(index + 1).width = width));
  writeTitle(
    sheet,
    [
      `DANH SÁCH ${MODEL_KIND_LABELS[list.kind].toUpperCase()} NĂM ${report.summary.year} — ${report.summary.areaLabel}`,
    ],
    headers.length,
  );
  const headerRow = sheet.getRow(3);
  headers.forEach((label, index) => {
    headerRow.getCell(index + 1).value = label;
    headerStyle(headerRow.getCell(index + 1));
  });
  headerRow.height = 44;
  headerRow.commit();

  const formats = [
    '0',
    undefined,
    undefined,
    ...(list.kind === 'family' ? [undefined] : []),
    undefined,
    ...list.criteria.map(() => POINTS),
    POINTS,
    undefined,
    undefined,
    undefined,
    undefined,
  ];
  const columnStyles = formats.map((numFmt, index) =>
    sharedBodyStyle({ numFmt, wrap: wrapped.has(index + 1) }),
  );
  const family = list.kind === 'family';
  let rowNumber = 3;
  for await (const subject of list.rows()) {
    rowNumber += 1;
    // Names come from officials' files: one that starts like a formula stays text in Excel too.
    const values: ExcelJS.CellValue[] = [
      rowNumber - 3,
      subject.code,
      spreadsheetSafe(subject.name),
    ];
    if (family) values.push(subject.hamlet);
    values.push(subject.registered === null ? 'Chưa đăng ký' : subject.registered ? 'Có' : 'Không');
    for (const criterion of list.criteria) values.push(subject.scores?.[criterion.code] ?? null);
    values.push(
      subject.total,
      subject.passed === null ? 'Chưa đánh giá' : subject.passed ? 'Đạt' : 'Chưa đạt',
      subject.reasons.length > 0 ? subject.reasons.join('; ') : null,
      subject.decisionNumber,
      subject.decisionDate ? isoToVi(subject.decisionDate) : null,
    );
    const row = sheet.addRow(values);
    columnStyles.forEach((style, column) => (row.getCell(column + 1).style = style));
    row.commit();
  }
  sheet.autoFilter = {
    from: { row: 3, column: 1 },
    to: { row: Math.max(rowNumber, 4), column: headers.length },
  };
  sheet.commit();
}
