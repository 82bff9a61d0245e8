import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { MODEL_KIND_LABELS, MODEL_KINDS } from '@app/domain';
import { renderProgressChart, type ProgressChartInput } from './charts.js';
import { formatDateVi } from './format.js';
import type { Provenance, SummaryData } from './model.js';
import { writeProvenance } from './provenance.js';
import { addStreamedImage } from './streamed-image.js';
import {
  LAST_SUMMARY_COLUMN,
  setSummaryColumns,
  writeSummaryTable,
  writeTitle,
} from './summary-sheet.js';

/** A4 landscape, as wide as the page, as many pages long as it takes. */
export const LANDSCAPE_A4: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: true,
  margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
};

export function titleLines(
  summary: SummaryData,
  plans: string[],
  provenance: Provenance,
): string[] {
  return [
    `BÁO CÁO KẾT QUẢ XÂY DỰNG MÔ HÌNH HỌC TẬP NĂM ${summary.year}`,
    `Địa bàn: ${summary.areaLabel}`,
    `Chỉ tiêu áp dụng: ${plans.length > 0 ? plans.join('; ') : 'chưa có kế hoạch chỉ tiêu'}`,
    `Ngày lập: ${formatDateVi(provenance.generatedAt)}`,
  ];
}

export function chartInput(summary: SummaryData): ProgressChartInput {
  return {
    title: `Tỷ lệ được công nhận năm ${summary.year} — ${summary.areaLabel}`,
    categories: summary.rows.map((row) => row.name),
    panels: MODEL_KINDS.filter((kind) =>
      summary.rows.some((row) => row.figures[kind] !== null),
    ).map((kind) => {
      const target = summary.total[kind].target;
      return {
        kind,
        title: MODEL_KIND_LABELS[kind],
        values: summary.rows.map((row) => row.figures[kind]?.percentOfTotal ?? null),
        target: target ? { floor: target.floor, stretch: target.stretch } : null,
      };
    }),
  };
}

export function createWorkbook(
  output: Writable,
  generatedAt: Date,
  useSharedStrings: boolean,
): ExcelJS.stream.xlsx.WorkbookWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings,
  });
  workbook.creator = 'Theo dõi mô hình học tập';
  workbook.created = generatedAt;
  return workbook;
}

export interface SummarySheetInput {
  summary: SummaryData;
  plans: string[];
  provenance: Provenance;
}

/**
 * The "Tổng hợp" sheet both workbooks open with: title, the table, what `below` adds under it,
 * the provenance block and the chart.
 */
export async function writeSummarySheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  report: SummarySheetInput,
  below: (sheet: ExcelJS.Worksheet, row: number) => number = (_sheet, row) => row,
): Promise<void> {
  const { summary } = report;
  const sheet = workbook.addWorksheet('Tổng hợp', {
    pageSetup: { ...LANDSCAPE_A4, printTitlesRow: '6:7' },
    views: [{ state: 'frozen', xSplit: 2, ySplit: 7 }],
  });
  setSummaryColumns(sheet);
  const tableStart = writeTitle(
    sheet,
    titleLines(summary, report.plans, report.provenance),
    LAST_SUMMARY_COLUMN,
  );
  const layout = writeSummaryTable(sheet, summary, tableStart);
  sheet.autoFilter = {
    from: { row: layout.headerRows[1], column: 1 },
    to: { row: Math.max(layout.firstDataRow, layout.totalRow - 1), column: LAST_SUMMARY_COLUMN },
  };
  const chartRow = writeProvenance(sheet, report.provenance, below(sheet, layout.nextRow));
  const chart = await renderProgressChart(chartInput(summary));
  addStreamedImage(workbook, sheet, chart, {
    col: 1,
    row: chartRow - 1,
    widthPx: 1200,
    heightPx: 750,
    name: 'Biểu đồ tỷ lệ công nhận',
  });
  sheet.commit();
}
