import type ExcelJS from 'exceljs';
import { MODEL_KIND_LABELS, MODEL_KINDS } from '@app/domain';
import type { ProgressChartInput } from './charts.js';
import { formatDateVi } from './format.js';
import type { Provenance, SummaryData } from './model.js';

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
