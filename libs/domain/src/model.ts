export const MODEL_KINDS = ['family', 'clan', 'community', 'unit'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

export const MODEL_KIND_LABELS: Record<ModelKind, string> = {
  family: 'Gia đình học tập',
  clan: 'Dòng họ học tập',
  community: 'Cộng đồng học tập',
  unit: 'Đơn vị học tập',
};

export const AREA_LEVELS = ['province', 'district', 'commune', 'hamlet'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

export const AREA_LEVEL_DEPTH: Record<AreaLevel, number> = {
  province: 0,
  district: 1,
  commune: 2,
  hamlet: 3,
};

export const UNIT_CATEGORIES = [
  'school',
  'agency',
  'enterprise',
  'health',
  'cooperative',
  'other',
] as const;
export type UnitCategory = (typeof UNIT_CATEGORIES)[number];

export const UNIT_CATEGORY_LABELS: Record<UnitCategory, string> = {
  school: 'Trường học',
  agency: 'Cơ quan',
  enterprise: 'Doanh nghiệp',
  health: 'Y tế',
  cooperative: 'Hợp tác xã',
  other: 'Khác',
};

/**
 * `member_families_recognised`: share (%) of the subject's member households that are
 * recognised learning families in the same year.
 */
export const DEPENDENCY_RULE_TYPES = ['member_families_recognised'] as const;
export type DependencyRuleType = (typeof DEPENDENCY_RULE_TYPES)[number];

// Only clans and communities have member households to count.
export const DEPENDENCY_RULE_KINDS: Record<DependencyRuleType, readonly ModelKind[]> = {
  member_families_recognised: ['clan', 'community'],
};

export function isModelKind(value: unknown): value is ModelKind {
  return typeof value === 'string' && (MODEL_KINDS as readonly string[]).includes(value);
}
