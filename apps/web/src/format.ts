import {
  formatNumberVi,
  MODEL_KIND_LABELS,
  ROLE_LABELS,
  STATUS_LABELS,
  UNIT_CATEGORY_LABELS,
  type KindProgress,
  type ModelKind,
  type UnitCategory,
} from '@app/domain';
import type { WorklistResult, WorklistStatus } from './types';

export { MODEL_KIND_LABELS, ROLE_LABELS, UNIT_CATEGORY_LABELS };

export const KIND_ORDER: ModelKind[] = ['family', 'clan', 'community', 'unit'];

export const KIND_SHORT: Record<ModelKind, string> = {
  family: 'Gia đình',
  clan: 'Dòng họ',
  community: 'Cộng đồng',
  unit: 'Đơn vị',
};

/** What one subject of each kind is called in lists. */
export const SUBJECT_NOUN: Record<ModelKind, string> = {
  family: 'hộ',
  clan: 'dòng họ',
  community: 'thôn, tổ dân phố',
  unit: 'đơn vị',
};

export const WORKLIST_STATUS_LABELS: Record<WorklistStatus, string> = {
  none: 'chưa đánh giá',
  ...STATUS_LABELS,
};

export const RESULT_LABELS: Record<WorklistResult, string> = {
  passed: 'đạt',
  failed: 'chưa đạt',
  none: 'chưa chấm',
};

export function formatCount(value: number): string {
  return formatNumberVi(value);
}

export function formatPoints(value: number): string {
  return formatNumberVi(value);
}

export function formatPercent(value: number | null): string {
  return value === null ? '—' : `${formatNumberVi(value, 1)}%`;
}

export function formatDate(iso: string): string {
  const [year, month, day] = iso.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}

export function categoryLabel(category: string | null): string {
  return category ? (UNIT_CATEGORY_LABELS[category as UnitCategory] ?? category) : '';
}

/** The target as officials say it: "80%" or "80–90%" with the stretch. */
export function targetText(progress: KindProgress): string {
  const target = progress.target;
  if (!target) return 'chưa có chỉ tiêu';
  const range =
    target.stretch === null
      ? `${formatNumberVi(target.floor)}%`
      : `${formatNumberVi(target.floor)}–${formatNumberVi(target.stretch)}%`;
  return `${range} (đến ${target.milestoneYear})`;
}

/** "Đạt" or what is missing to reach the floor, in recognitions. */
export function verdictText(progress: KindProgress): string {
  if (progress.met === null) return '—';
  if (progress.met) {
    const reachedStretch = progress.band === 'stretch' && progress.target?.stretch !== null;
    return reachedStretch ? 'Đạt mức phấn đấu' : 'Đạt chỉ tiêu';
  }
  return `Còn thiếu ${formatCount(progress.shortfall ?? 0)}`;
}

/** The colour band of the Excel report: below the floor, at the floor, at the stretch. */
export function bandClass(progress: KindProgress | null): string {
  return progress?.band ? `band-${progress.band}` : 'band-none';
}

/** "thị xã Hương Thủy" as a heading: "Thị xã Hương Thủy". */
export function areaTitle(area: { typeLabel: string; name: string }): string {
  const label = area.typeLabel.charAt(0).toUpperCase() + area.typeLabel.slice(1);
  return `${label} ${area.name}`;
}
