import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { MODEL_KIND_LABELS, MODEL_KINDS } from '@app/domain';
import { renderTrendChart } from './charts.js';
import { bodyStyle, columnLetter, headerStyle, NUMBER, PERCENT } from './format.js';
import type { Provenance, SummaryData, TrendPoint } from './model.js';
import { writeFocusSheet, type FocusSheetData } from './focus-sheet.js';
import { addStreamedImage } from './streamed-image.js';
import { writeTrainingSheet, type TrainingSheetData } from './training-sheet.js';
import { writeTitle } from './summary-sheet.js';
import { createWorkbook, LANDSCAPE_A4, writeSummarySheet } from './workbook-parts.js';

export interface AreaReport {
  summary: SummaryData;
  plans: string[];
  trend: TrendPoint[];
  focus: FocusSheetData;
  training: TrainingSheetData;
  provenance: Provenance;
}

const TREND_HEADERS = ['Tổng số', 'Được công nhận', '% công nhận', 'Chỉ tiêu tối thiểu'] as const;

/** The district (or any area) summary that leaders print and file, written as a stream. */
export async function writeAreaWorkbook(report: AreaReport, output: Writable): Promise<void> {
  const workbook = createWorkbook(output, report.provenance.generatedAt, true);
  await writeSummarySheet(workbook, report);
  await writeTrendSheet(workbook, report);
  writeFocusSheet(workbook, report.focus);
  writeTrainingSheet(workbook, report.training);
  await workbook.commit();
}

async function writeTrendSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  report: AreaReport,
): Promise<void> {
  const sheet = workbook.addWorksheet('Xu hướng', {
    pageSetup: { ...LANDSCAPE_A4, printTitlesRow: '4:5' },
    views: [{ state: 'frozen', xSplit: 1, ySplit: 5 }],
  });
  const width = 1 + MODEL_KINDS.length * TREND_HEADERS.length;
  sheet.getColumn(1).width = 10;
  for (let column = 2; column <= width; column++) sheet.getColumn(column).width = 12;
  const years = report.trend.map((point) => point.year);
  const span = years.length > 0 ? `${Math.min(...years)}–${Math.max(...years)}` : '';
  const start = writeTitle(
    sheet,
    [`TỶ LỆ ĐƯỢC CÔNG NHẬN QUA CÁC NĂM ${span}`.trim(), `Địa bàn: ${report.summary.areaLabel}`],
    width,
  );
  const group = sheet.getRow(start);
  const sub = sheet.getRow(start + 1);
  group.getCell(1).value = 'Năm';
  headerStyle(group.getCell(1));
  headerStyle(sub.getCell(1));
  sheet.mergeCells(start, 1, start + 1, 1);
  MODEL_KINDS.forEach((kind, index) => {
    const first = 2 + index * TREND_HEADERS.length;
    group.getCell(first).value = MODEL_KIND_LABELS[kind];
    TREND_HEADERS.forEach((label, offset) => {
      headerStyle(group.getCell(first + offset));
      sub.getCell(first + offset).value = label;
      headerStyle(sub.getCell(first + offset));
    });
    sheet.mergeCells(start, first, start, first + TREND_HEADERS.length - 1);
  });
  group.commit();
  sub.commit();
  report.trend.forEach((point, rowIndex) => {
    const rowNumber = start + 2 + rowIndex;
    const row = sheet.getRow(rowNumber);
    row.getCell(1).value = point.year;
    bodyStyle(row.getCell(1), { numFmt: '0' });
    MODEL_KINDS.forEach((kind, index) => {
      const first = 2 + index * TREND_HEADERS.length;
      const figures = point.total[kind];
      const totalRef = `${columnLetter(first)}${rowNumber}`;
      const recognisedRef = `${columnLetter(first + 1)}${rowNumber}`;
      const values: [ExcelJS.CellValue, string][] = [
        [figures.total, NUMBER],
        [figures.recognised, NUMBER],
        [
          {
            formula: `IF(${totalRef}>0,${recognisedRef}/${totalRef},"")`,
            result: figures.total > 0 ? figures.recognised / figures.total : '',
          },
          PERCENT,
        ],
        [figures.target ? figures.target.floor / 100 : null, '0%'],
      ];
      values.forEach(([value, format], offset) => {
        const cell = row.getCell(first + offset);
        cell.value = value;
        bodyStyle(cell, { numFmt: format });
      });
    });
    row.commit();
  });
  if (report.trend.length > 0) {
    const chart = await renderTrendChart({
      title: `Tỷ lệ được công nhận — ${report.summary.areaLabel}`,
      years,
      series: MODEL_KINDS.map((kind) => ({
        label: MODEL_KIND_LABELS[kind],
        values: report.trend.map((point) => point.total[kind].percentOfTotal),
      })),
    });
    addStreamedImage(workbook, sheet, chart, {
      col: 0,
      row: start + report.trend.length + 3,
      widthPx: 960,
      heightPx: 540,
      name: 'Biểu đồ xu hướng',
    });
  }
  sheet.commit();
}
