import type { KindProgress, ModelKind } from '@app/domain';
import { AreaYearQuery } from '../../common/year.js';

export class ProgressQuery extends AreaYearQuery {}

export interface AreaBrief {
  code: string;
  name: string;
  level: string;
  typeLabel: string;
  difficult: boolean;
}

/** Clans and units belong to a commune, not to a hamlet: hamlet rows have null there. */
export type ProgressByKind = Record<ModelKind, KindProgress | null>;

export interface ProgressRow extends ProgressByKind {
  area: AreaBrief;
}

export interface ProgressView {
  area: AreaBrief;
  year: number;
  rowLevel: 'commune' | 'hamlet';
  rows: ProgressRow[];
  total: Record<ModelKind, KindProgress>;
}
