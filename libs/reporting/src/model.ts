import type { KindProgress, ModelKind } from '@app/domain';

export interface SummaryRow {
  code: string;
  name: string;
  typeLabel: string;
  /** Null where the kind does not exist at this row's level (clans and units of a hamlet). */
  figures: Record<ModelKind, KindProgress | null>;
}

export interface SummaryData {
  /** e.g. "thị xã Hương Thủy" */
  areaLabel: string;
  year: number;
  /** Header of the name column: "Xã, phường, thị trấn" or "Thôn, tổ dân phố". */
  rowHeader: string;
  /** "Toàn thị xã", or the area's own name. */
  totalLabel: string;
  rows: SummaryRow[];
  total: Record<ModelKind, KindProgress>;
  /** The same totals a year earlier, for the change column; null when not shown. */
  previousTotal?: Record<ModelKind, KindProgress> | null;
}

export interface TrendPoint {
  year: number;
  total: Record<ModelKind, KindProgress>;
}

export interface Provenance {
  generatedAt: Date;
  /** The latest change to the figures counted; null when nothing was ever changed. */
  dataAsOf: Date | null;
  filters: string;
  checksum: string;
}

export interface SubjectListRow {
  code: string;
  name: string;
  hamlet: string | null;
  registered: boolean | null;
  scores: Record<string, number> | null;
  total: number | null;
  /** null: not evaluated this year. */
  passed: boolean | null;
  reasons: string[];
  decisionNumber: string | null;
  decisionDate: string | null;
}

export interface ListCriterion {
  code: string;
  title: string;
  maxPoints: number;
}
