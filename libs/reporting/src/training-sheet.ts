import type ExcelJS from 'exceljs';
import {
  TRAINEE_GROUP_LABELS,
  TRAINEE_GROUPS,
  type TraineeGroup,
  type TrainingProgress,
} from '@app/domain';
import { bodyStyle, COLOURS, columnLetter, headerStyle, NUMBER, PERCENT } from './format.js';
import { writeTitle } from './summary-sheet.js';
import { LANDSCAPE_A4 } from './workbook-parts.js';

export interface TrainingSheetData {
  areaLabel: string;
  totalLabel: string;
  year: number;
  /** Training since this year counts towards the target. */
  periodFrom: number;
  rows: { name: string; typeLabel: string; groups: Record<TraineeGroup, TrainingProgress> }[];
  total: Record<TraineeGroup, TrainingProgress>;
}

const FIRST_GROUP_COLUMN = 3;

const subHeaders = (year: number, periodFrom: number) => [
  'Tổng số',
  `Tập huấn năm ${year}`,
  `Đã tập huấn từ ${periodFrom}`,
  '% đã tập huấn',
  'Chỉ tiêu',
  'Còn thiếu',
];

/** Where each group's columns start, so tests and readers can find a figure. */
export function trainingColumn(group: TraineeGroup, offset: number): number {
  return FIRST_GROUP_COLUMN + TRAINEE_GROUPS.indexOf(group) * 6 + offset;
}

/**
 * The trained share of each group per commune, with the area's total: counts as numbers, the
 * share as a formula over them, so a reader who corrects a count sees the share follow.
 */
export function writeTrainingSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  data: TrainingSheetData,
): void {
  const headers = subHeaders(data.year, data.periodFrom);
  const lastColumn = trainingColumn(TRAINEE_GROUPS[TRAINEE_GROUPS.length - 1], headers.length - 1);
  const sheet = workbook.addWorksheet('Tập huấn', {
    pageSetup: { ...LANDSCAPE_A4, printTitlesRow: '4:5' },
    views: [{ state: 'frozen', xSplit: 2, ySplit: 5 }],
  });
  sheet.getColumn(1).width = 4;
  sheet.getColumn(2).width = 20;
  for (let column = FIRST_GROUP_COLUMN; column <= lastColumn; column++) {
    sheet.getColumn(column).width = 8.5;
  }
  const start = writeTitle(
    sheet,
    [
      `KẾT QUẢ TẬP HUẤN CÁN BỘ, HỘI VIÊN NĂM ${data.year}`,
      `Địa bàn: ${data.areaLabel}. Người đang đảm nhiệm tại địa bàn ngày 31/12/${data.year}; ` +
        `tập huấn tính khi dự đủ các ngày của lớp, mỗi người tính một lần.`,
    ],
    lastColumn,
  );
  const group = sheet.getRow(start);
  const sub = sheet.getRow(start + 1);
  (['STT', 'Xã, phường, thị trấn'] as const).forEach((label, index) => {
    group.getCell(index + 1).value = label;
    headerStyle(group.getCell(index + 1));
    headerStyle(sub.getCell(index + 1));
    sheet.mergeCells(start, index + 1, start + 1, index + 1);
  });
  for (const traineeGroup of TRAINEE_GROUPS) {
    const first = trainingColumn(traineeGroup, 0);
    group.getCell(first).value = TRAINEE_GROUP_LABELS[traineeGroup];
    headers.forEach((label, offset) => {
      headerStyle(group.getCell(first + offset));
      sub.getCell(first + offset).value = label;
      headerStyle(sub.getCell(first + offset));
    });
    sheet.mergeCells(start, first, start, first + headers.length - 1);
  }
  sub.height = 42;
  group.commit();
  sub.commit();

  const writeRow = (
    rowNumber: number,
    label: [number | string, string],
    groups: Record<TraineeGroup, TrainingProgress>,
    bold: boolean,
  ) => {
    const row = sheet.getRow(rowNumber);
    const background = bold ? COLOURS.total : undefined;
    label.forEach((value, index) => {
      row.getCell(index + 1).value = value;
      bodyStyle(row.getCell(index + 1), { bold, fill: background, center: index === 0 });
    });
    for (const traineeGroup of TRAINEE_GROUPS) {
      const figures = groups[traineeGroup];
      const col = (offset: number) => trainingColumn(traineeGroup, offset);
      const ref = (offset: number) => `${columnLetter(col(offset))}${rowNumber}`;
      const cells: [ExcelJS.CellValue, string][] = [
        [figures.total, NUMBER],
        [figures.trainedInYear, NUMBER],
        [figures.trainedInPeriod, NUMBER],
        [
          {
            formula: `IF(${ref(0)}>0,${ref(2)}/${ref(0)},"")`,
            result: figures.total > 0 ? figures.trainedInPeriod / figures.total : '',
          },
          PERCENT,
        ],
        [figures.target ? figures.target.floor / 100 : null, '0%'],
        [figures.shortfall, NUMBER],
      ];
      cells.forEach(([value, numFmt], offset) => {
        const cell = row.getCell(col(offset));
        cell.value = value;
        const missed = offset === 5 && figures.met === false;
        bodyStyle(cell, { numFmt, bold, fill: missed ? COLOURS.below : background });
      });
    }
    row.commit();
  };

  const firstDataRow = start + 2;
  data.rows.forEach((row, index) => {
    writeRow(firstDataRow + index, [index + 1, `${row.typeLabel} ${row.name}`], row.groups, false);
  });
  writeRow(firstDataRow + data.rows.length, ['', data.totalLabel], data.total, true);
  sheet.commit();
}
