import type ExcelJS from 'exceljs';
import { MODEL_KIND_LABELS, MODEL_KINDS, type KindProgress, type ModelKind } from '@app/domain';
import {
  bodyStyle,
  COLOURS,
  columnLetter,
  fill,
  FONT,
  headerStyle,
  NUMBER,
  PERCENT,
} from './format.js';
import type { SummaryData, SummaryRow } from './model.js';

export const SUB_HEADERS = [
  'Tổng số',
  'Đăng ký',
  '% đăng ký',
  'Được công nhận',
  '% công nhận',
  'Chỉ tiêu tối thiểu',
  'Chỉ tiêu phấn đấu',
  'Đạt chỉ tiêu',
  'Còn thiếu',
] as const;

const GROUP_WIDTH = SUB_HEADERS.length;
const FIRST_KIND_COLUMN = 3;

/** Where each kind's columns start, so tests and readers can find a figure. */
export function kindColumn(kind: ModelKind, offset: number): number {
  return FIRST_KIND_COLUMN + MODEL_KINDS.indexOf(kind) * GROUP_WIDTH + offset;
}

export const LAST_SUMMARY_COLUMN = FIRST_KIND_COLUMN + MODEL_KINDS.length * GROUP_WIDTH - 1;

export interface SummaryLayout {
  headerRows: [number, number];
  firstDataRow: number;
  totalRow: number;
  /** The first free row below the table. */
  nextRow: number;
}

function needed(floorCell: string, totalCell: string): string {
  // ROUND first: 0.8 × 25 is 20.000000000000004 in floating point, and ROUNDUP would make it 21.
  return `ROUNDUP(ROUND(${floorCell}*${totalCell},6),0)`;
}

function percentResult(part: number, whole: number): number | string {
  return whole > 0 ? part / whole : '';
}

function writeKindCells(
  row: ExcelJS.Row,
  rowNumber: number,
  kind: ModelKind,
  figures: KindProgress,
  sums: { from: number; to: number } | null,
  bold: boolean,
): void {
  const col = (offset: number) => kindColumn(kind, offset);
  const ref = (offset: number) => `${columnLetter(col(offset))}${rowNumber}`;
  const sumOf = (offset: number, result: number) =>
    sums
      ? {
          formula: `SUM(${columnLetter(col(offset))}${sums.from}:${columnLetter(col(offset))}${sums.to})`,
          result,
        }
      : result;
  const cells: [number, ExcelJS.CellValue, string | undefined][] = [
    [0, sumOf(0, figures.total), NUMBER],
    [1, sumOf(1, figures.registered), NUMBER],
    [
      2,
      {
        formula: `IF(${ref(0)}>0,${ref(1)}/${ref(0)},"")`,
        result: percentResult(figures.registered, figures.total),
      },
      PERCENT,
    ],
    [3, sumOf(3, figures.recognised), NUMBER],
    [
      4,
      {
        formula: `IF(${ref(0)}>0,${ref(3)}/${ref(0)},"")`,
        result: percentResult(figures.recognised, figures.total),
      },
      PERCENT,
    ],
  ];
  const target = figures.target;
  cells.push(
    [
      5,
      target ? target.floor / 100 : null,
      target && Number.isInteger(target.floor) ? '0%' : PERCENT,
    ],
    [
      6,
      target?.stretch != null ? target.stretch / 100 : null,
      target?.stretch != null && Number.isInteger(target.stretch) ? '0%' : PERCENT,
    ],
    [
      7,
      {
        formula: `IF(${ref(5)}="","",IF(${ref(3)}>=${needed(ref(5), ref(0))},"Đạt","Chưa đạt"))`,
        result: figures.met === null ? '' : figures.met ? 'Đạt' : 'Chưa đạt',
      },
      undefined,
    ],
    [
      8,
      {
        formula: `IF(${ref(5)}="","",MAX(0,${needed(ref(5), ref(0))}-${ref(3)}))`,
        result: figures.shortfall ?? '',
      },
      NUMBER,
    ],
  );
  for (const [offset, value, numFmt] of cells) {
    const cell = row.getCell(col(offset));
    cell.value = value;
    bodyStyle(cell, { numFmt, bold, fill: bold ? COLOURS.total : undefined, center: offset === 7 });
  }
}

function writeEmptyKind(row: ExcelJS.Row, kind: ModelKind): void {
  for (let offset = 0; offset < GROUP_WIDTH; offset++) {
    const cell = row.getCell(kindColumn(kind, offset));
    cell.value = null;
    bodyStyle(cell, { fill: COLOURS.total });
  }
}

function colourRules(
  kind: ModelKind,
  from: number,
  to: number,
): ExcelJS.ConditionalFormattingOptions {
  const letter = (offset: number) => `$${columnLetter(kindColumn(kind, offset))}`;
  const total = `${letter(0)}${from}`;
  const recognised = `${letter(3)}${from}`;
  const floor = `${letter(5)}${from}`;
  const stretch = `${letter(6)}${from}`;
  const reachesFloor = `${recognised}>=${needed(floor, total)}`;
  const reachesStretch = `${recognised}>=${needed(stretch, total)}`;
  const range = `${columnLetter(kindColumn(kind, 4))}${from}:${columnLetter(kindColumn(kind, 4))}${to}`;
  return {
    ref: range,
    rules: [
      {
        type: 'expression',
        priority: 1,
        formulae: [`AND(ISNUMBER(${floor}),NOT(${reachesFloor}))`],
        style: { fill: fill(COLOURS.below) },
      },
      {
        type: 'expression',
        priority: 2,
        formulae: [
          `AND(ISNUMBER(${floor}),ISNUMBER(${stretch}),${reachesFloor},NOT(${reachesStretch}))`,
        ],
        style: { fill: fill(COLOURS.floor) },
      },
      {
        type: 'expression',
        priority: 3,
        formulae: [
          `AND(ISNUMBER(${floor}),${reachesFloor},OR(NOT(ISNUMBER(${stretch})),${reachesStretch}))`,
        ],
        style: { fill: fill(COLOURS.stretch) },
      },
    ],
  };
}

/**
 * The table officials file: one row per commune (or hamlet) and the total row, a column group per
 * kind. Counts are values; percentages, totals, "met" and shortfall are formulas over them, with
 * the API's figures cached, so a corrected cell updates the rest.
 */
export function writeSummaryTable(
  sheet: ExcelJS.Worksheet,
  data: SummaryData,
  startRow: number,
): SummaryLayout {
  const [groupRow, subRow] = [startRow, startRow + 1];
  const group = sheet.getRow(groupRow);
  const sub = sheet.getRow(subRow);
  for (const [column, label] of [
    [1, 'STT'],
    [2, data.rowHeader],
  ] as const) {
    group.getCell(column).value = label;
    headerStyle(group.getCell(column));
    headerStyle(sub.getCell(column));
    sheet.mergeCells(groupRow, column, subRow, column);
  }
  for (const kind of MODEL_KINDS) {
    const first = kindColumn(kind, 0);
    group.getCell(first).value = MODEL_KIND_LABELS[kind];
    for (let offset = 0; offset < GROUP_WIDTH; offset++) {
      headerStyle(group.getCell(first + offset));
      sub.getCell(first + offset).value = SUB_HEADERS[offset];
      headerStyle(sub.getCell(first + offset));
    }
    sheet.mergeCells(groupRow, first, groupRow, first + GROUP_WIDTH - 1);
  }
  group.height = 22;
  sub.height = 56;
  group.commit();
  sub.commit();

  const firstDataRow = subRow + 1;
  data.rows.forEach((summaryRow: SummaryRow, index) => {
    const rowNumber = firstDataRow + index;
    const row = sheet.getRow(rowNumber);
    row.getCell(1).value = index + 1;
    bodyStyle(row.getCell(1), { numFmt: '0' });
    row.getCell(2).value = `${summaryRow.typeLabel} ${summaryRow.name}`;
    bodyStyle(row.getCell(2), { wrap: true });
    for (const kind of MODEL_KINDS) {
      const figures = summaryRow.figures[kind];
      if (figures) writeKindCells(row, rowNumber, kind, figures, null, false);
      else writeEmptyKind(row, kind);
    }
    row.commit();
  });

  const lastDataRow = firstDataRow + data.rows.length - 1;
  const totalRow = lastDataRow + 1;
  const total = sheet.getRow(totalRow);
  total.getCell(1).value = '';
  bodyStyle(total.getCell(1), { bold: true, fill: COLOURS.total });
  total.getCell(2).value = data.totalLabel;
  bodyStyle(total.getCell(2), { bold: true, fill: COLOURS.total });
  for (const kind of MODEL_KINDS) {
    // Kinds the rows do not carry (clans and units under hamlets) are totalled by value.
    const summed = data.rows.length > 0 && data.rows.every((row) => row.figures[kind] !== null);
    writeKindCells(
      total,
      totalRow,
      kind,
      data.total[kind],
      summed ? { from: firstDataRow, to: lastDataRow } : null,
      true,
    );
  }
  total.commit();

  for (const kind of MODEL_KINDS)
    sheet.addConditionalFormatting(colourRules(kind, firstDataRow, totalRow));
  return { headerRows: [groupRow, subRow], firstDataRow, totalRow, nextRow: totalRow + 2 };
}

export function writeTitle(sheet: ExcelJS.Worksheet, lines: string[], lastColumn: number): number {
  lines.forEach((line, index) => {
    const row = sheet.getRow(index + 1);
    const cell = row.getCell(1);
    cell.value = line;
    cell.font = { name: FONT, bold: index === 0, size: index === 0 ? 14 : 11 };
    cell.alignment = { horizontal: index === 0 ? 'center' : 'left', vertical: 'middle' };
    sheet.mergeCells(index + 1, 1, index + 1, lastColumn);
    row.height = index === 0 ? 24 : 18;
    row.commit();
  });
  return lines.length + 2;
}

/** Narrow columns: the 38-column table has to stay legible on one A4 landscape page. */
const KIND_COLUMN_WIDTHS = [7.5, 7.5, 6.5, 7.5, 6.5, 6.5, 6.5, 7.5, 6.5];

export function setSummaryColumns(sheet: ExcelJS.Worksheet): void {
  sheet.getColumn(1).width = 4;
  sheet.getColumn(2).width = 18;
  for (let column = FIRST_KIND_COLUMN; column <= LAST_SUMMARY_COLUMN; column++) {
    sheet.getColumn(column).width = KIND_COLUMN_WIDTHS[(column - FIRST_KIND_COLUMN) % GROUP_WIDTH];
  }
}
