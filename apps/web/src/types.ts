import type { CriteriaSetRules, ModelKind, TargetValue } from '@app/domain';
import type { AreaBrief } from '@app/contracts';

export type {
  AreaBrief,
  CompletenessView,
  EvaluationFormView as EvaluationForm,
  EvaluationListRow,
  EvaluationView,
  Page,
  PasswordResetView,
  ProgressByKind,
  ProgressView,
  SessionView,
  TrendView,
  UserView,
  WorklistResult,
  WorklistRow,
  WorklistStatus,
} from '@app/contracts';

/** Other answers of the API, as far as this app reads them. */

export interface AreaDetail extends AreaBrief {
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
  ancestors: { code: string; name: string; level: string }[];
}

export interface TargetPlanView {
  code: string;
  name: string;
  sourceNote: string | null;
  scopeAreaCode: string | null;
  milestoneYear: number;
  values: {
    variant: 'standard' | 'difficult';
    kind: ModelKind;
    floor: number;
    stretch: number | null;
  }[];
}

export interface CriteriaSetView {
  code: string;
  kind: ModelKind;
  name: string;
  sourceNote: string | null;
  scopeAreaCode: string | null;
  fromYear: number;
  toYear: number | null;
  rules: CriteriaSetRules;
}

export interface ResolvedTargets {
  targets: Record<ModelKind, TargetValue | null>;
}
