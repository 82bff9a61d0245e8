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

/**
 * What a person to be trained does in the movement. Hamlet roles are held in a hamlet (thôn, tổ
 * dân phố); commune roles in a commune; the association's officers and members sit in either.
 */
export const TRAINEE_ROLES = [
  'party_cell_secretary',
  'hamlet_head',
  'front_committee_head',
  'commune_vice_chair',
  'culture_official',
  'association_officer',
  'association_member',
] as const;
export type TraineeRole = (typeof TRAINEE_ROLES)[number];

export const TRAINEE_ROLE_LABELS: Record<TraineeRole, string> = {
  party_cell_secretary: 'Bí thư chi bộ',
  hamlet_head: 'Trưởng thôn, tổ trưởng tổ dân phố',
  front_committee_head: 'Trưởng ban công tác Mặt trận',
  commune_vice_chair: 'Phó Chủ tịch UBND xã',
  culture_official: 'Công chức Văn hóa – Xã hội',
  association_officer: 'Cán bộ Hội Khuyến học',
  association_member: 'Hội viên Hội Khuyến học',
};

export const TRAINEE_ROLE_LEVELS: Record<TraineeRole, readonly ('commune' | 'hamlet')[]> = {
  party_cell_secretary: ['hamlet'],
  hamlet_head: ['hamlet'],
  front_committee_head: ['hamlet'],
  commune_vice_chair: ['commune'],
  culture_official: ['commune'],
  association_officer: ['commune', 'hamlet'],
  association_member: ['commune', 'hamlet'],
};

/** The groups whose trained share a plan can target; a person may belong to several. */
export const TRAINEE_GROUPS = ['association', 'hamlet_leaders', 'commune_officials'] as const;
export type TraineeGroup = (typeof TRAINEE_GROUPS)[number];

export const TRAINEE_GROUP_LABELS: Record<TraineeGroup, string> = {
  association: 'Cán bộ, hội viên Hội Khuyến học',
  hamlet_leaders: 'Cán bộ thôn, tổ dân phố',
  commune_officials: 'Cán bộ xã',
};
