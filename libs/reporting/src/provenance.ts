import { createHash } from 'node:crypto';
import type ExcelJS from 'exceljs';
import { MODEL_KINDS } from '@app/domain';
import { FONT, formatDateVi } from './format.js';
import type { Provenance, SummaryData } from './model.js';

/**
 * A short fingerprint of the figures a workbook reports, so two printouts can be told apart: the
 * same data always gives the same code, any changed count or target a different one.
 */
export function figuresChecksum(summary: SummaryData): string {
  const figures = [
    ...summary.rows.map((row) => [row.code, row.figures] as const),
    ['*', summary.total] as const,
  ].map(([code, byKind]) => [
    code,
    MODEL_KINDS.map((kind) => {
      const figure = byKind[kind];
      return figure
        ? [
            figure.total,
            figure.registered,
            figure.recognised,
            figure.target?.floor ?? null,
            figure.target?.stretch ?? null,
          ]
        : null;
    }),
  ]);
  const digest = createHash('sha256')
    .update(JSON.stringify({ year: summary.year, figures }))
    .digest('hex')
    .toUpperCase();
  return `${digest.slice(0, 4)}-${digest.slice(4, 8)}-${digest.slice(8, 12)}`;
}

export function writeProvenance(
  sheet: ExcelJS.Worksheet,
  provenance: Provenance,
  startRow: number,
): number {
  const lines: [string, string][] = [
    ['Lập lúc', formatDateVi(provenance.generatedAt)],
    [
      'Số liệu cập nhật đến',
      provenance.dataAsOf ? formatDateVi(provenance.dataAsOf) : 'chưa có thay đổi',
    ],
    ['Phạm vi', provenance.filters],
    ['Mã kiểm tra số liệu', provenance.checksum],
  ];
  lines.forEach(([label, value], index) => {
    const row = sheet.getRow(startRow + index);
    row.getCell(2).value = label;
    row.getCell(2).font = { name: FONT, size: 9, italic: true };
    row.getCell(3).value = value;
    row.getCell(3).font = { name: FONT, size: 9 };
    row.commit();
  });
  return startRow + lines.length + 1;
}
