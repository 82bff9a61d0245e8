import { DEPENDENCY_RULE_KINDS, MODEL_KIND_LABELS } from './model.js';
import type { DependencyRuleType, ModelKind } from './model.js';
import { formatNumberVi } from './text.js';

export interface CriterionRule {
  code: string;
  title: string;
  maxPoints: number;
  minPoints: number | null;
  indicators?: { code: string; title: string; maxPoints: number | null }[];
}

/** `minShare` is a percentage, 0 < minShare <= 100. */
export interface DependencyRule {
  type: DependencyRuleType;
  minShare: number;
}

export interface CriteriaSetRules {
  kind: ModelKind;
  passThreshold: number;
  criteria: CriterionRule[];
  dependencyRules: DependencyRule[];
}

export interface Problem {
  field: string;
  code: string;
  message: string;
}

/**
 * Written with at most `places` decimals, as a person types it: 0.30000000000000004 and 5e-324
 * are floating-point noise nobody meant, and the database would round them to something else.
 */
export function hasAtMostDecimals(n: number, places: number): boolean {
  const scale = 10 ** places;
  return Number.isFinite(n) && Math.round(n * scale) / scale === n;
}

/** Points of a criterion, an indicator or a threshold: one decimal, as the official forms have. */
export const POINT_DECIMALS = 1;
/** Far above any official set (100 in all), and within what the tables store (numeric(6, 1)). */
export const MAX_POINTS = 1000;

/** Sums points rounded to one decimal, so 0.1 + 0.2 gives 0.3 rather than 0.30000000000000004. */
export function sumPoints(points: number[]): number {
  return Math.round(points.reduce((sum, p) => sum + p, 0) * 10) / 10;
}

export function maxTotal(rules: CriteriaSetRules): number {
  return sumPoints(rules.criteria.map((c) => c.maxPoints));
}

export function validateCriteriaSet(rules: CriteriaSetRules): Problem[] {
  return [
    ...validateCriteria(rules.criteria),
    ...validateThreshold(rules),
    ...validateDependencyRules(rules.kind, rules.dependencyRules),
  ];
}

function validateCriteria(criteria: CriterionRule[]): Problem[] {
  if (criteria.length === 0) {
    return [
      {
        field: 'criteria',
        code: 'EMPTY_CRITERIA',
        message: 'Bộ tiêu chí phải có ít nhất một tiêu chí',
      },
    ];
  }
  const problems: Problem[] = [];
  const seen = new Set<string>();
  criteria.forEach((c, i) => {
    const field = `criteria[${i}]`;
    // Codes differing only in case would look like one criterion on the forms and in workbooks.
    const key = c.code.toLowerCase();
    if (seen.has(key)) {
      problems.push({
        field: `${field}.code`,
        code: 'DUPLICATE_CRITERION_CODE',
        message: `Mã tiêu chí "${c.code}" bị trùng`,
      });
    }
    seen.add(key);
    const maxValid = isValidMaxPoints(c.maxPoints);
    if (!maxValid) {
      problems.push({
        field: `${field}.maxPoints`,
        code: 'INVALID_MAX_POINTS',
        message: `Tiêu chí "${c.code}": điểm tối đa phải lớn hơn 0, nhận được ${c.maxPoints}`,
      });
    }
    // Only compare with a valid maximum, so one bad value is reported once.
    if (c.minPoints !== null && !(c.minPoints >= 0 && (!maxValid || c.minPoints <= c.maxPoints))) {
      problems.push({
        field: `${field}.minPoints`,
        code: 'INVALID_MIN_POINTS',
        message: `Tiêu chí "${c.code}": điểm tối thiểu ${formatNumberVi(c.minPoints)} phải từ 0 đến ${formatNumberVi(c.maxPoints)}`,
      });
    }
    const indicatorMax = c.indicators?.map((ind) => ind.maxPoints) ?? [];
    if (indicatorMax.length > 0 && indicatorMax.every((p) => p !== null)) {
      const sum = sumPoints(indicatorMax);
      if (maxValid && sum > c.maxPoints) {
        problems.push({
          field: `${field}.indicators`,
          code: 'INDICATORS_EXCEED_CRITERION',
          message: `Tiêu chí "${c.code}": tổng điểm các chỉ số ${formatNumberVi(sum)} vượt quá điểm tối đa ${formatNumberVi(c.maxPoints)}`,
        });
      }
    }
  });
  return problems;
}

function isValidMaxPoints(points: number): boolean {
  return Number.isFinite(points) && points > 0;
}

function validateThreshold(rules: CriteriaSetRules): Problem[] {
  const total = maxTotal(rules);
  if (Number.isFinite(rules.passThreshold) && rules.passThreshold > 0) {
    // A bad maximum is already reported; a total built from it would only add noise.
    const totalKnown = rules.criteria.every((c) => isValidMaxPoints(c.maxPoints));
    if (!totalKnown || rules.passThreshold <= total) return [];
    return [
      {
        field: 'passThreshold',
        code: 'THRESHOLD_UNREACHABLE',
        message: `Ngưỡng đạt ${formatNumberVi(rules.passThreshold)} vượt quá tổng điểm tối đa ${formatNumberVi(total)}`,
      },
    ];
  }
  return [
    {
      field: 'passThreshold',
      code: 'THRESHOLD_UNREACHABLE',
      message: `Ngưỡng đạt phải lớn hơn 0, nhận được ${rules.passThreshold}`,
    },
  ];
}

function validateDependencyRules(kind: ModelKind, rules: DependencyRule[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    const field = `dependencyRules[${i}]`;
    // Rule types arrive from stored data, so an unknown type must not crash the lookup.
    const allowedKinds: readonly ModelKind[] = DEPENDENCY_RULE_KINDS[rule.type] ?? [];
    if (!allowedKinds.includes(kind)) {
      problems.push({
        field: `${field}.type`,
        code: 'RULE_NOT_ALLOWED_FOR_KIND',
        message: `Quy tắc "${rule.type}" không áp dụng cho ${MODEL_KIND_LABELS[kind]}`,
      });
    }
    if (seen.has(rule.type)) {
      problems.push({
        field: `${field}.type`,
        code: 'DUPLICATE_RULE',
        message: `Quy tắc "${rule.type}" bị trùng`,
      });
    }
    seen.add(rule.type);
    if (!(rule.minShare > 0 && rule.minShare <= 100)) {
      problems.push({
        field: `${field}.minShare`,
        code: 'INVALID_MIN_SHARE',
        message: `Tỷ lệ tối thiểu phải lớn hơn 0% và không quá 100%, nhận được ${rule.minShare}%`,
      });
    }
  });
  return problems;
}
