import type { Problem } from './criteria.js';
import { MODEL_KIND_LABELS, MODEL_KINDS } from './model.js';
import type { ModelKind } from './model.js';
import type { TargetValue } from './progress.js';
import { scopeRank } from './scope.js';
import { formatNumberVi } from './text.js';

export interface TargetPlanValue {
  variant: 'standard' | 'difficult';
  kind: ModelKind;
  floor: number;
  stretch: number | null;
}

export interface TargetPlan {
  code: string;
  name: string;
  /** null = national. */
  scopeAreaCode: string | null;
  /** The plan's targets are due by this year. */
  milestoneYear: number;
  values: TargetPlanValue[];
}

export interface AreaContext {
  /** Area codes from the area itself up to the top, most specific first. */
  chain: string[];
  difficult: boolean;
}

/** The nearest milestone at or after `year`, or null when all milestones have passed. */
export function milestoneFor(year: number, milestones: number[]): number | null {
  const upcoming = milestones.filter((m) => m >= year);
  return upcoming.length === 0 ? null : Math.min(...upcoming);
}

export function resolveTargets(
  plans: TargetPlan[],
  year: number,
  area: AreaContext,
): Record<ModelKind, TargetValue | null> {
  const applicable = plans.flatMap((plan) => {
    const rank = scopeRank(plan.scopeAreaCode, area.chain);
    return rank === null ? [] : [{ plan, rank }];
  });
  // One milestone per area and year, so kinds are never measured against different periods.
  const milestone = milestoneFor(
    year,
    applicable.map(({ plan }) => plan.milestoneYear),
  );
  const current = applicable.filter(({ plan }) => plan.milestoneYear === milestone);

  const resolve = (kind: ModelKind): TargetValue | null => {
    let best: { plan: TargetPlan; rank: number; value: TargetPlanValue } | null = null;
    for (const { plan, rank } of current) {
      const value = valueFor(plan, kind, area.difficult);
      // Strict comparison keeps the first listed plan when two share a scope.
      if (value !== undefined && (best === null || rank < best.rank)) best = { plan, rank, value };
    }
    if (best === null) return null;
    const { plan, value } = best;
    return {
      floor: value.floor,
      stretch: value.stretch,
      plan: { code: plan.code, name: plan.name },
      variant: value.variant,
      milestoneYear: plan.milestoneYear,
    };
  };

  return Object.fromEntries(MODEL_KINDS.map((kind) => [kind, resolve(kind)])) as Record<
    ModelKind,
    TargetValue | null
  >;
}

/** Difficult areas use the plan's difficult variant when it has one, else its standard value. */
function valueFor(
  plan: TargetPlan,
  kind: ModelKind,
  difficult: boolean,
): TargetPlanValue | undefined {
  const find = (variant: TargetPlanValue['variant']) =>
    plan.values.find((v) => v.kind === kind && v.variant === variant);
  return (difficult ? find('difficult') : undefined) ?? find('standard');
}

const VARIANT_LABELS: Record<TargetPlanValue['variant'], string> = {
  standard: 'chuẩn',
  difficult: 'vùng khó khăn',
};

export function validateTargetPlan(plan: TargetPlan): Problem[] {
  const problems: Problem[] = [];
  const year = plan.milestoneYear;
  if (!(Number.isInteger(year) && year >= 2000 && year <= 2100)) {
    problems.push({
      field: 'milestoneYear',
      code: 'INVALID_MILESTONE_YEAR',
      message: `Năm mốc phải là số nguyên từ 2000 đến 2100, nhận được ${year}`,
    });
  }
  if (!plan.values.some((v) => v.variant === 'standard')) {
    problems.push({
      field: 'values',
      code: 'MISSING_STANDARD_VALUE',
      message: 'Kế hoạch phải có ít nhất một chỉ tiêu chuẩn',
    });
  }
  const seen = new Set<string>();
  plan.values.forEach((v, i) => {
    const label = `${MODEL_KIND_LABELS[v.kind]} (${VARIANT_LABELS[v.variant]})`;
    const key = `${v.variant}:${v.kind}`;
    if (seen.has(key)) {
      problems.push({
        field: `values[${i}].kind`,
        code: 'DUPLICATE_TARGET_VALUE',
        message: `Chỉ tiêu ${label} bị trùng`,
      });
    }
    seen.add(key);
    if (!(v.floor >= 0 && v.floor <= 100)) {
      problems.push({
        field: `values[${i}].floor`,
        code: 'INVALID_FLOOR',
        message: `Chỉ tiêu ${label}: mức tối thiểu ${formatNumberVi(v.floor)}% phải từ 0% đến 100%`,
      });
    }
    if (v.stretch !== null && !(v.stretch >= v.floor && v.stretch <= 100)) {
      problems.push({
        field: `values[${i}].stretch`,
        code: 'INVALID_STRETCH',
        message: `Chỉ tiêu ${label}: mức phấn đấu ${formatNumberVi(v.stretch)}% phải từ ${formatNumberVi(v.floor)}% đến 100%`,
      });
    }
  });
  return problems;
}
