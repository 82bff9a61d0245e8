import type { Problem } from './criteria.js';
import { MODEL_KIND_LABELS, MODEL_KINDS, TRAINEE_GROUP_LABELS } from './model.js';
import type { ModelKind, TraineeGroup } from './model.js';
import type { TargetValue } from './progress.js';
import { scopeRank } from './scope.js';
import { formatNumberVi } from './text.js';

export interface TargetPlanValue {
  variant: 'standard' | 'difficult';
  kind: ModelKind;
  floor: number;
  stretch: number | null;
}

/** A share of a group of people to have been trained within the plan's period. */
export interface TrainingTargetValue {
  group: TraineeGroup;
  floor: number;
}

export interface TargetPlan {
  code: string;
  name: string;
  /** null = national. */
  scopeAreaCode: string | null;
  /** The plan's targets are due by this year. */
  milestoneYear: number;
  values: TargetPlanValue[];
  /** Training targets; plans without any omit them. */
  training?: TrainingTargetValue[];
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

export interface PlansInForce {
  /** The milestone the year is measured against, null when every plan's milestone has passed. */
  milestone: number | null;
  /** First year of the plan period: the year after the previous milestone, or five years back. */
  periodFrom: number | null;
  /** The area's plans for that milestone with their scope rank (0 = the area's own). */
  current: { plan: TargetPlan; rank: number }[];
}

/** The movement's plans run five years (2016–2020, 2021–2025). */
const PLAN_PERIOD_YEARS = 5;

/**
 * One milestone per area and year, so every kind and group is measured against the same period.
 */
export function plansInForce(plans: TargetPlan[], year: number, chain: string[]): PlansInForce {
  const applicable = plans.flatMap((plan) => {
    const rank = scopeRank(plan.scopeAreaCode, chain);
    return rank === null ? [] : [{ plan, rank }];
  });
  const milestones = applicable.map(({ plan }) => plan.milestoneYear);
  const milestone = milestoneFor(year, milestones);
  if (milestone === null) return { milestone, periodFrom: null, current: [] };
  const earlier = milestones.filter((m) => m < milestone);
  const periodFrom =
    earlier.length === 0 ? milestone - PLAN_PERIOD_YEARS + 1 : Math.max(...earlier) + 1;
  return {
    milestone,
    periodFrom,
    current: applicable.filter(({ plan }) => plan.milestoneYear === milestone),
  };
}

export function resolveTargets(
  plans: TargetPlan[],
  year: number,
  area: AreaContext,
): Record<ModelKind, TargetValue | null> {
  const { current } = plansInForce(plans, year, area.chain);

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
  const groups = new Set<string>();
  (plan.training ?? []).forEach((t, i) => {
    const label = TRAINEE_GROUP_LABELS[t.group];
    if (groups.has(t.group)) {
      problems.push({
        field: `training[${i}].group`,
        code: 'DUPLICATE_TARGET_VALUE',
        message: `Chỉ tiêu tập huấn ${label} bị trùng`,
      });
    }
    groups.add(t.group);
    if (!(t.floor > 0 && t.floor <= 100)) {
      problems.push({
        field: `training[${i}].floor`,
        code: 'INVALID_FLOOR',
        message: `Chỉ tiêu tập huấn ${label}: ${formatNumberVi(t.floor)}% phải lớn hơn 0% và không quá 100%`,
      });
    }
  });
  return problems;
}
