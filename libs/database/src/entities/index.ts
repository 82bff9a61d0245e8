import { AreaEntity, AreaParentEntity, AreaSuccessionEntity } from './area.entity.js';
import { CriteriaSetEntity, CriteriaSetRuleEntity, CriterionEntity } from './criteria.entity.js';
import { EvaluationEntity } from './evaluation.entity.js';
import { ClanEntity, HouseholdEntity, UnitEntity } from './subjects.entity.js';
import { TargetPlanEntity, TargetValueEntity } from './target.entity.js';
import { UserEntity } from './user.entity.js';

export * from './area.entity.js';
export * from './criteria.entity.js';
export * from './evaluation.entity.js';
export * from './subjects.entity.js';
export * from './target.entity.js';
export * from './user.entity.js';

export const entities = [
  AreaEntity,
  AreaParentEntity,
  AreaSuccessionEntity,
  HouseholdEntity,
  ClanEntity,
  UnitEntity,
  CriteriaSetEntity,
  CriterionEntity,
  CriteriaSetRuleEntity,
  EvaluationEntity,
  TargetPlanEntity,
  TargetValueEntity,
  UserEntity,
];
