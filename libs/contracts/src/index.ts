/**
 * The shapes of the API's answers that the web app reads: one definition for the server that
 * writes them and the browser that reads them. Types only, so the web bundle gains nothing.
 */
import type {
  CriteriaSetRules,
  DependencyFigures,
  EvaluationStatus,
  FailureReason,
  ImportKind,
  ImportProblem,
  KindProgress,
  ModelKind,
  ScoreSheet,
  TraineeGroup,
  TraineeRole,
  TrainingProgress,
  PaceVerdict,
  Role,
  ShareTrend,
  SharePoint,
  Shortfall,
  WhatIf,
} from '@app/domain';

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface UserView {
  username: string;
  displayName: string;
  role: Role;
  /** The root of the area subtree the account works in; null for a national administrator. */
  scopeAreaCode: string | null;
  scope: { code: string; name: string; typeLabel: string } | null;
  active: boolean;
  /** A generated password (first start, reset) that must be replaced at the next sign-in. */
  mustChangePassword: boolean;
}

/** Who is signed in, as the sign-in and `GET /api/auth/me` answer. */
export type SessionUser = Pick<
  UserView,
  'username' | 'displayName' | 'role' | 'scopeAreaCode' | 'mustChangePassword'
>;

export interface SessionView {
  accessToken: string;
  user: SessionUser;
}

/** A password set by an administrator, shown to them once. */
export interface PasswordResetView {
  username: string;
  temporaryPassword: string;
}

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

export interface TrendView {
  area: AreaBrief;
  /** Every year with data, oldest first, each counted on the hierarchy as it stood that year. */
  points: { year: number; total: Record<ModelKind, KindProgress> }[];
}

export type WorklistStatus = EvaluationStatus | 'none';
export type WorklistResult = 'passed' | 'failed' | 'none';

export interface WorklistRow {
  code: string;
  name: string;
  /** The hamlet of a household, the commune of a clan or unit; null for a hamlet itself. */
  place: { code: string; name: string } | null;
  category: string | null;
  evaluation: {
    status: EvaluationStatus;
    registered: boolean;
    total: number;
    criteriaPassed: boolean;
    version: number;
  } | null;
}

export interface EvaluationListRow {
  kind: ModelKind;
  code: string;
  name: string;
  status: EvaluationStatus;
  registered: boolean;
  total: number;
  version: number;
  updatedAt: Date | string;
}

export interface EvaluationView {
  kind: ModelKind;
  year: number;
  subject: { code: string; name: string };
  criteriaSet: { code: string; name: string; passThreshold: number; maxTotal: number };
  registered: boolean;
  scores: ScoreSheet;
  total: number;
  passed: boolean;
  reasons: FailureReason[];
  status: EvaluationStatus;
  reviewComment: string | null;
  decision: { number: string; date: string } | null;
  version: number;
  updatedAt: string;
}

export interface EvaluationFormView {
  kind: ModelKind;
  year: number;
  subject: { code: string; name: string; activeInYear: boolean };
  /** The set the evaluation was scored with, or the one in force for a new evaluation. */
  criteriaSet: { code: string; name: string; rules: CriteriaSetRules };
  /** The member figures the set's dependency rules are judged on, as they stand now. */
  dependencies: DependencyFigures[];
  yearLocked: boolean;
  evaluation: EvaluationView | null;
}

export interface CompletenessView {
  area: { code: string; name: string };
  year: number;
  rows: { code: string; name: string; counts: Record<EvaluationStatus, number> }[];
  total: Record<EvaluationStatus, number>;
  /** Registered subjects whose evaluation is still a draft (at most 500). */
  notSubmitted: { kind: ModelKind; code: string; name: string }[];
  /** How many there are in all. */
  notSubmittedTotal: number;
}

/** What a checked or applied import found and did. */
export interface ImportReport {
  what: ImportKind;
  commune: { code: string; name: string };
  kind: ModelKind | null;
  year: number | null;
  dryRun: boolean;
  fileName: string;
  /** SHA-256 of the file as uploaded. */
  checksum: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  valid: boolean;
  /** Every problem found, by row and column (at most the first 1,000). */
  problems: ImportProblem[];
  problemCount: number;
  /** The import's record, when a real run applied it. */
  importId: number | null;
}

export interface TraineePosting {
  area: AreaBrief;
  role: TraineeRole;
  validFrom: string;
  validTo: string | null;
}

export interface TraineeView {
  code: string;
  fullName: string;
  /** null when membership of the association is not known. */
  associationMember: boolean | null;
  phone: string | null;
  /** Where the person serves now (or served last); null only before a first posting. */
  posting: TraineePosting | null;
  groups: TraineeGroup[];
}

export interface TraineeDetailView extends TraineeView {
  /** Every posting, the latest first. */
  postings: TraineePosting[];
  /** Courses attended or registered for, the latest first. */
  courses: { code: string; title: string; startsOn: string; days: number; daysAttended: number }[];
}

export interface CourseView {
  code: string;
  title: string;
  topics: string[];
  startsOn: string;
  endsOn: string;
  days: number;
  venue: string | null;
  organiser: string;
  trainers: string[];
  area: AreaBrief;
  attendance: { full: number; partial: number; absent: number };
}

export interface CourseAttendee {
  trainee: { code: string; fullName: string };
  /** Where the person served when the course began. */
  role: TraineeRole | null;
  area: AreaBrief | null;
  daysAttended: number;
}

export interface CourseDetailView extends CourseView {
  attendees: CourseAttendee[];
}

export interface TrainingRow {
  area: AreaBrief;
  groups: Record<TraineeGroup, TrainingProgress>;
}

export interface TrainingProgressView {
  area: AreaBrief;
  year: number;
  /** First year of the plan period: training since then counts towards the target. */
  periodFrom: number;
  rows: TrainingRow[];
  total: Record<TraineeGroup, TrainingProgress>;
}

export interface BlockingReason {
  code: FailureReason['code'];
  /** The criterion code or dependency rule type; null for the total threshold. */
  ref: string | null;
  label: string;
  /** Failed subjects this reason holds back, with others or alone. */
  blocked: number;
  /** Of them, subjects held back by this reason only. */
  alone: number;
}

export interface BlockingFigures {
  /** Registered subjects with an evaluation this year. */
  evaluated: number;
  failed: number;
  /** Passing every criterion and rule, waiting for a decision. */
  pending: number;
  /** Most blocking first. */
  reasons: BlockingReason[];
}

export interface BlockingView {
  area: AreaBrief;
  year: number;
  kind: ModelKind;
  rows: ({ area: AreaBrief } & BlockingFigures)[];
  total: BlockingFigures;
}

export interface NearMissRow {
  code: string;
  name: string;
  hamlet: { code: string; name: string } | null;
  total: number;
  threshold: number;
  /** Points to add so every point shortfall closes. */
  pointsShort: number;
  shortfalls: Shortfall[];
}

export interface NearMissView {
  area: AreaBrief;
  year: number;
  kind: ModelKind;
  /** Points below the threshold still counted as near. */
  margin: number;
  failed: number;
  items: NearMissRow[];
  /** Over the whole commune, whatever the hamlet filter. */
  whatIf: WhatIf;
}

export interface PaceFigures {
  points: SharePoint[];
  trend: ShareTrend;
  /** Null where no target applies. */
  verdict: (PaceVerdict & { floor: number; milestoneYear: number }) | null;
}

export interface FocusFigures {
  progress: KindProgress;
  failed: number;
  nearMisses: number;
  whatIf: WhatIf;
  /** The reason blocking most failed subjects, if any failed. */
  topReason: BlockingReason | null;
  pace: PaceFigures;
}

/** Where to act next, per row and for the area: one kind. */
export interface FocusView {
  area: AreaBrief;
  year: number;
  kind: ModelKind;
  margin: number;
  rowLevel: 'commune' | 'hamlet';
  rows: ({ area: AreaBrief } & FocusFigures)[];
  total: FocusFigures;
  /** Every reason over the whole area, most blocking first, as `BlockingView.total` lists them. */
  reasons: BlockingReason[];
}
