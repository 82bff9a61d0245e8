import type ExcelJS from 'exceljs';
import { formatNumberVi, MODEL_KIND_LABELS, spreadsheetSafe, type ModelKind } from '@app/domain';
import type { FocusFigures, NearMissRow } from '@app/contracts';
import { bodyStyle, COLOURS, headerStyle, NUMBER, PERCENT, POINTS } from './format.js';
import { writeTitle } from './summary-sheet.js';
import { LANDSCAPE_A4 } from './workbook-parts.js';

export interface FocusBlock {
  kind: ModelKind;
  rows: { name: string; typeLabel: string; figures: FocusFigures }[];
  total: FocusFigures;
}

export interface FocusSheetData {
  areaLabel: string;
  year: number;
  /** "Xã, phường, thị trấn" or "Thôn, tổ dân phố". */
  rowHeader: string;
  totalLabel: string;
  /** Points below the threshold still counted as a near miss. */
  margin: number;
  blocks: FocusBlock[];
}

export interface NearMissSheetData {
  areaLabel: string;
  year: number;
  margin: number;
  lists: { kind: ModelKind; items: NearMissRow[] }[];
}

const FOCUS_COLUMNS: { header: string; width: number }[] = [
  { header: 'STT', width: 4 },
  { header: '', width: 18 },
  { header: '% công nhận', width: 8 },
  { header: 'Chỉ tiêu tối thiểu', width: 8 },
  { header: 'Còn thiếu', width: 7 },
  { header: 'Chưa đạt tiêu chí', width: 7 },
  { header: 'Đạt, chờ công nhận', width: 8 },
  { header: 'Sát ngưỡng', width: 7 },
  { header: 'Đủ chỉ tiêu nếu công nhận cả sát ngưỡng', width: 10 },
  { header: 'Lý do chưa đạt nhiều nhất (số trường hợp)', width: 30 },
  { header: 'Xu hướng (điểm %/năm)', width: 9 },
  { header: 'Dự báo đến năm mốc', width: 42 },
];

function verdictCell(figures: FocusFigures): [string, string | undefined] {
  if (figures.progress.met) return ['Đã đạt', COLOURS.stretch];
  if (figures.whatIf.wouldMeet === null) return ['—', undefined];
  return figures.whatIf.wouldMeet ? ['Có', COLOURS.floor] : ['Không', COLOURS.below];
}

/**
 * "Cần tập trung": per kind, each row's shortfall, what stands between it and the floor (the
 * decisions pending, the near misses, the reason holding most back) and its pace to the milestone.
 */
export function writeFocusSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  data: FocusSheetData,
): void {
  const sheet = workbook.addWorksheet('Cần tập trung', { pageSetup: { ...LANDSCAPE_A4 } });
  FOCUS_COLUMNS.forEach((column, index) => (sheet.getColumn(index + 1).width = column.width));
  let rowNumber = writeTitle(
    sheet,
    [
      `CẦN TẬP TRUNG NĂM ${data.year}`,
      `Địa bàn: ${data.areaLabel}. Sát ngưỡng: chưa đạt nhưng thiếu không quá ${formatNumberVi(data.margin)} điểm, hoặc chỉ vướng một tiêu chí hay một quy định.`,
    ],
    FOCUS_COLUMNS.length,
  );
  for (const block of data.blocks) {
    const title = sheet.getRow(rowNumber);
    title.getCell(1).value = MODEL_KIND_LABELS[block.kind].toUpperCase();
    title.getCell(1).font = { name: 'Times New Roman', bold: true, size: 11 };
    title.commit();
    const header = sheet.getRow(rowNumber + 1);
    FOCUS_COLUMNS.forEach((column, index) => {
      header.getCell(index + 1).value = index === 1 ? data.rowHeader : column.header;
      headerStyle(header.getCell(index + 1));
    });
    header.height = 44;
    header.commit();
    rowNumber += 2;
    const lines: [number | string, string, FocusFigures, boolean][] = [
      ...block.rows.map(
        (row, index) =>
          [index + 1, `${row.typeLabel} ${row.name}`, row.figures, false] as [
            number,
            string,
            FocusFigures,
            boolean,
          ],
      ),
      ['', data.totalLabel, block.total, true],
    ];
    for (const [index, name, figures, bold] of lines) {
      writeFocusRow(sheet.getRow(rowNumber), index, name, figures, bold);
      rowNumber++;
    }
    rowNumber++;
  }
  sheet.commit();
}

function writeFocusRow(
  row: ExcelJS.Row,
  index: number | string,
  name: string,
  figures: FocusFigures,
  bold: boolean,
): void {
  const background = bold ? COLOURS.total : undefined;
  const { progress, whatIf, topReason, pace } = figures;
  const [meets, meetsFill] = verdictCell(figures);
  const forecast =
    pace.verdict?.message ?? (pace.trend.years.length > 0 ? 'Chưa có chỉ tiêu' : 'Chưa có số liệu');
  const cells: [ExcelJS.CellValue, { numFmt?: string; wrap?: boolean; fill?: string }][] = [
    [index, {}],
    [name, { wrap: true }],
    [progress.percentOfTotal === null ? null : progress.percentOfTotal / 100, { numFmt: PERCENT }],
    [progress.target ? progress.target.floor / 100 : null, { numFmt: '0%' }],
    [
      progress.shortfall,
      { numFmt: NUMBER, fill: progress.met === false ? COLOURS.below : undefined },
    ],
    [figures.failed, { numFmt: NUMBER }],
    [whatIf.pending, { numFmt: NUMBER }],
    [figures.nearMisses, { numFmt: NUMBER }],
    [meets, { fill: meetsFill }],
    [topReason ? `${topReason.label} (${formatNumberVi(topReason.blocked)})` : '—', { wrap: true }],
    [pace.trend.pointsPerYear, { numFmt: `+${POINTS};-${POINTS};0` }],
    [forecast, { wrap: true }],
  ];
  cells.forEach(([value, style], offset) => {
    const cell = row.getCell(offset + 1);
    cell.value = value;
    bodyStyle(cell, {
      ...style,
      bold,
      fill: style.fill ?? background,
      center: offset === 0 || offset === 8,
    });
  });
  row.height = wrappedHeight(
    cells.map(([value], offset) => [
      typeof value === 'string' ? value : '',
      FOCUS_COLUMNS[offset].width,
    ]),
  );
  row.commit();
}

/**
 * A streamed sheet cannot size rows to wrapped text when opened, so the height is set from the
 * longest cell: about 1.2 characters of 10-point Times per unit of column width, 13 points a line.
 */
function wrappedHeight(cells: [text: string, width: number][]): number {
  const lines = Math.max(
    1,
    ...cells.map(([text, width]) => Math.ceil(text.length / Math.max(1, width * 1.2))),
  );
  return Math.max(15, lines * 13);
}

const NEAR_MISS_COLUMNS: { header: string; width: number }[] = [
  { header: 'STT', width: 5 },
  { header: 'Mã', width: 22 },
  { header: 'Tên', width: 24 },
  { header: 'Thôn, tổ dân phố', width: 16 },
  { header: 'Tổng điểm', width: 8 },
  { header: 'Còn thiếu (điểm)', width: 8 },
  { header: 'Cần bổ sung', width: 48 },
];

/** The commune's near misses, closest first, each with what it lacks: the list to visit. */
export function writeNearMissSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  data: NearMissSheetData,
): void {
  const sheet = workbook.addWorksheet('Sát ngưỡng', { pageSetup: { ...LANDSCAPE_A4 } });
  NEAR_MISS_COLUMNS.forEach((column, index) => (sheet.getColumn(index + 1).width = column.width));
  let rowNumber = writeTitle(
    sheet,
    [
      `DANH SÁCH SÁT NGƯỠNG NĂM ${data.year}`,
      `Địa bàn: ${data.areaLabel}. Chưa đạt nhưng thiếu không quá ${formatNumberVi(data.margin)} điểm, hoặc chỉ vướng một tiêu chí hay một quy định; gần đạt nhất xếp trước.`,
    ],
    NEAR_MISS_COLUMNS.length,
  );
  for (const list of data.lists) {
    const title = sheet.getRow(rowNumber);
    title.getCell(1).value =
      `${MODEL_KIND_LABELS[list.kind].toUpperCase()}: ${formatNumberVi(list.items.length)} trường hợp`;
    title.getCell(1).font = { name: 'Times New Roman', bold: true, size: 11 };
    title.commit();
    rowNumber++;
    if (list.items.length === 0) {
      rowNumber++;
      continue;
    }
    const header = sheet.getRow(rowNumber);
    NEAR_MISS_COLUMNS.forEach((column, index) => {
      header.getCell(index + 1).value = column.header;
      headerStyle(header.getCell(index + 1));
    });
    header.height = 30;
    header.commit();
    rowNumber++;
    list.items.forEach((item, index) => {
      const row = sheet.getRow(rowNumber);
      const values: [ExcelJS.CellValue, { numFmt?: string; wrap?: boolean }][] = [
        [index + 1, {}],
        [item.code, {}],
        [spreadsheetSafe(item.name), { wrap: true }],
        [item.hamlet?.name ?? '', {}],
        [item.total, { numFmt: POINTS }],
        [item.pointsShort, { numFmt: POINTS }],
        [item.shortfalls.map((s) => s.message).join('; '), { wrap: true }],
      ];
      values.forEach(([value, style], offset) => {
        const cell = row.getCell(offset + 1);
        cell.value = value;
        bodyStyle(cell, { ...style, center: offset === 0 });
      });
      row.height = wrappedHeight(
        values.map(([value], offset) => [
          typeof value === 'string' ? value : '',
          NEAR_MISS_COLUMNS[offset].width,
        ]),
      );
      row.commit();
      rowNumber++;
    });
    rowNumber++;
  }
  sheet.commit();
}
