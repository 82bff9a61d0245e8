import type { CriteriaSetRules } from './criteria.js';
import type { ImportKind, ImportProblem, ParsedRow } from './imports.js';
import { REGISTRY_MODEL_KIND, SUBJECT_KINDS, type RegistryKind } from './kinds.js';
import {
  MODEL_KIND_LABELS,
  TRAINEE_ROLE_LABELS,
  type ModelKind,
  type TraineeRole,
  type UnitCategory,
} from './model.js';
import {
  activeYears,
  firstClosed,
  yearOf,
  yearsSince,
  type ClosedYear,
  type YearSpan,
} from './periods.js';
import { scoreEvaluation, type FailureReason, type ScoreSheet } from './scoring.js';
import { validateRoleLevel } from './training.js';

/**
 * Planning an import: given a batch of checked rows and the records they name, which rows create,
 * which update, which change nothing, and which cannot be applied (a problem, with its reason).
 * Nothing here reads or writes; the plan is what the import writes when no row has a problem.
 */

/** The lists an import brings in besides evaluations. */
export type ListKind = Exclude<ImportKind, 'evaluations'>;

/** What the audit trail calls one entry of each list, and what a template's title calls the list. */
export function importList(what: ListKind): { entity: string; noun: string } {
  return what === 'trainees'
    ? { entity: 'trainee', noun: 'cán bộ, hội viên cần tập huấn' }
    : SUBJECT_KINDS[REGISTRY_MODEL_KIND[what]];
}

/** A place rows may name: a hamlet of the commune, or a clan registered there. */
export interface ImportPlace {
  id: number;
  code: string;
  name: string;
}

/** Where and when a sheet's rows are checked. */
export interface ImportSetting {
  commune: { id: number; code: string; name: string; typeLabel: string };
  hamlets: ImportPlace[];
  clans: ImportPlace[];
  /** The finalised years of the commune and its hamlets, which no row may change. */
  closed: ClosedYear[];
  /** The start of a row that gives none. */
  today: string;
  currentYear: number;
}

export interface ImportAudit {
  action: 'create' | 'update';
  code: string;
  /** The place whose scope governs the audit row. */
  areaId: number;
  before: unknown;
  after: unknown;
}

/** What a batch of rows asks to change, before anything is written. */
export interface ImportPlan<Create, Update> {
  creates: Create[];
  updates: Update[];
  unchanged: number;
  audits: ImportAudit[];
  /** The rows that cannot be applied, and why. */
  problems: ImportProblem[];
}

function emptyPlan<Create, Update>(): ImportPlan<Create, Update> {
  return { creates: [], updates: [], unchanged: 0, audits: [], problems: [] };
}

/** A row's problems, named by its row number. */
function problemsOf(plan: ImportPlan<unknown, unknown>, row: number) {
  return (column: string, value: string, message: string) =>
    plan.problems.push({ row, column, value, message });
}

/** The row's problem when the change it asks for reaches into a finalised year, else null. */
function closedProblem(
  closed: ClosedYear[],
  placeIds: number[],
  span: YearSpan,
  what: string,
): string | null {
  const hit = firstClosed(closed, placeIds, span);
  return hit && `Năm ${hit.year} của ${hit.areaCode} đã khóa sổ; ${what}`;
}

function placeName(commune: ImportSetting['commune']): string {
  return `${commune.typeLabel} ${commune.name}`;
}

/** Whether a record read back differs from what a row gives, key by key. */
function differs<T extends object>(current: T, next: T): boolean {
  return Object.entries(next).some(([key, value]) => current[key as keyof T] !== value);
}

export interface HouseholdFields {
  headName: string;
  hamletId: number;
  clanId: number | null;
  members: number;
  address: string | null;
}

export interface ClanFields {
  name: string;
  headName: string | null;
}

export interface UnitFields {
  name: string;
  category: UnitCategory;
  headName: string | null;
}

/** What a row of each registry sets, compared with the subject's record and written. */
export interface RegistryFields {
  households: HouseholdFields;
  clans: ClanFields;
  units: UnitFields;
}

/** A subject a sheet names by its code, as recorded. */
export interface ExistingSubject<Fields> {
  id: number;
  code: string;
  /** The commune the subject belongs to today (a household's through its hamlet). */
  communeId: number | null;
  activeFrom: string;
  deactivatedOn: string | null;
  fields: Fields;
}

export interface SubjectCreate<Fields> {
  code: string;
  activeFrom: string;
  fields: Fields;
}

export interface SubjectUpdate<Fields> {
  id: number;
  fields: Fields;
}

export type RegistryPlan<K extends RegistryKind> = ImportPlan<
  SubjectCreate<RegistryFields[K]>,
  SubjectUpdate<RegistryFields[K]>
>;

type Report = ReturnType<typeof problemsOf>;

/** The commune's hamlets and clans by code, as a household row names them. */
interface PlaceIds {
  hamlets: Map<string, number>;
  clans: Map<string, number>;
}

/** What a row of the registry sets, with the place the subject counts in; null: a problem. */
function registryRow(
  registry: RegistryKind,
  values: ParsedRow['values'],
  setting: ImportSetting,
  ids: PlaceIds,
  problem: Report,
): { fields: RegistryFields[RegistryKind]; placeId: number } | null {
  switch (registry) {
    case 'households': {
      const place = placeName(setting.commune);
      const hamletId = ids.hamlets.get(values.hamletCode as string);
      const clanId = values.clanCode === null ? null : ids.clans.get(values.clanCode as string);
      if (hamletId === undefined)
        problem(
          'Mã thôn',
          String(values.hamletCode),
          `Mã thôn ${String(values.hamletCode)} không thuộc ${place}`,
        );
      if (clanId === undefined)
        problem(
          'Mã dòng họ',
          String(values.clanCode),
          `Dòng họ ${String(values.clanCode)} chưa đăng ký ở ${place}`,
        );
      if (hamletId === undefined || clanId === undefined) return null;
      const fields: HouseholdFields = {
        headName: values.headName as string,
        hamletId,
        clanId,
        members: values.members as number,
        address: values.address as string | null,
      };
      return { fields, placeId: hamletId };
    }
    case 'clans':
      return {
        fields: { name: values.name as string, headName: values.headName as string | null },
        placeId: setting.commune.id,
      };
    case 'units':
      return {
        fields: {
          name: values.name as string,
          category: values.category as UnitCategory,
          headName: values.headName as string | null,
        },
        placeId: setting.commune.id,
      };
  }
}

/**
 * A household's hamlet and clan are not dated: changing them rewrites every year it counted, so
 * a finalised one among them refuses the change.
 */
function householdChangeProblems(
  current: ExistingSubject<HouseholdFields>,
  fields: HouseholdFields,
  values: ParsedRow['values'],
  setting: ImportSetting,
  problem: Report,
): boolean {
  const span = activeYears(current.activeFrom, current.deactivatedOn, setting.currentYear);
  const moved =
    current.fields.hamletId !== fields.hamletId &&
    closedProblem(
      setting.closed,
      [current.fields.hamletId, fields.hamletId],
      span,
      'không chuyển được hộ sang thôn khác',
    );
  const rejoined =
    current.fields.clanId !== fields.clanId &&
    closedProblem(setting.closed, [setting.commune.id], span, 'không đổi được dòng họ của hộ');
  if (moved) problem('Mã thôn', String(values.hamletCode), moved);
  if (rejoined) problem('Mã dòng họ', String(values.clanCode), rejoined);
  return Boolean(moved || rejoined);
}

/**
 * Households, clans or units of the commune, matched by code: a new code registers a subject
 * from the row's date, a known one of the commune is updated when a field differs.
 */
export function planRegistryImport<K extends RegistryKind>(
  registry: K,
  setting: ImportSetting,
  rows: ParsedRow[],
  existing: ExistingSubject<RegistryFields[K]>[],
): RegistryPlan<K> {
  const plan: RegistryPlan<K> = emptyPlan();
  const byCode = new Map(existing.map((subject) => [subject.code, subject]));
  const place = placeName(setting.commune);
  const ids: PlaceIds = {
    hamlets: new Map(setting.hamlets.map((hamlet) => [hamlet.code, hamlet.id])),
    clans: new Map(setting.clans.map((clan) => [clan.code, clan.id])),
  };
  for (const { row, values } of rows) {
    const code = values.code as string;
    const problem = problemsOf(plan, row);
    const read = registryRow(registry, values, setting, ids, problem);
    if (!read) continue;
    const fields = read.fields as RegistryFields[K];
    const { placeId } = read;
    const current = byCode.get(code);
    if (current && current.communeId !== setting.commune.id) {
      problem('Mã', code, `Mã ${code} đã có ở địa bàn khác; không nhập được vào ${place}`);
      continue;
    }
    if (!current) {
      const activeFrom = (values.activeFrom as string | null) ?? setting.today;
      const closed = closedProblem(
        setting.closed,
        [placeId],
        yearsSince(yearOf(activeFrom), setting.currentYear),
        'không thêm được đối tượng hoạt động từ ngày này',
      );
      if (closed) {
        problem('Hoạt động từ ngày', activeFrom, closed);
        continue;
      }
      plan.creates.push({ code, activeFrom, fields });
      plan.audits.push({ action: 'create', code, areaId: placeId, before: null, after: fields });
    } else if (differs(current.fields, fields)) {
      if (
        registry === 'households' &&
        householdChangeProblems(
          current as ExistingSubject<HouseholdFields>,
          fields as HouseholdFields,
          values,
          setting,
          problem,
        )
      )
        continue;
      plan.updates.push({ id: current.id, fields });
      plan.audits.push({
        action: 'update',
        code,
        areaId: placeId,
        before: current.fields,
        after: fields,
      });
    } else {
      plan.unchanged++;
    }
  }
  return plan;
}

/** A person to train as recorded, with their open posting if any. */
export interface ExistingTrainee {
  id: number;
  code: string;
  fullName: string;
  associationMember: boolean | null;
  phone: string | null;
  areaId: number | null;
  placeCode: string | null;
  role: TraineeRole | null;
  validFrom: string | null;
}

export interface TraineeFields {
  fullName: string;
  associationMember: boolean | null;
  phone: string | null;
}

/** A posting opened by an import: the place, the role and its first day. */
export interface PostingStart {
  areaId: number;
  role: TraineeRole;
  validFrom: string;
}

export interface TraineeCreate extends TraineeFields {
  code: string;
  posting: PostingStart;
}

export interface TraineeUpdate extends TraineeFields {
  id: number;
  /** The new posting when the place or role changed; the open one ends the day before. */
  posting: PostingStart | null;
}

/**
 * People serving in the commune or its hamlets. A known person whose place or role changed gets
 * a new posting from the row's date; one serving in another commune is moved from the web page,
 * where both communes' scope is checked, not by a sheet of this commune.
 */
export function planTraineeImport(
  setting: ImportSetting,
  rows: ParsedRow[],
  existing: ExistingTrainee[],
): ImportPlan<TraineeCreate, TraineeUpdate> {
  const plan = emptyPlan<TraineeCreate, TraineeUpdate>();
  const { commune } = setting;
  const byCode = new Map(existing.map((person) => [person.code, person]));
  const places = new Map<string, { id: number; level: 'commune' | 'hamlet' }>([
    [commune.code, { id: commune.id, level: 'commune' }],
    ...setting.hamlets.map((h) => [h.code, { id: h.id, level: 'hamlet' }] as const),
  ]);
  const inCommune = new Set([...places.values()].map((place) => place.id));
  for (const { row, values } of rows) {
    const problem = problemsOf(plan, row);
    const code = values.code as string;
    const role = values.role as TraineeRole;
    const placeCode = values.placeCode as string;
    const place = places.get(placeCode);
    if (!place) {
      problem(
        'Mã nơi đảm nhiệm',
        placeCode,
        `${placeCode} không phải ${placeName(commune)} hay một thôn, tổ dân phố của xã`,
      );
      continue;
    }
    const misplaced = validateRoleLevel(role, place.level, 'role');
    if (misplaced.length > 0) {
      problem(
        'Vai trò',
        TRAINEE_ROLE_LABELS[role],
        `${misplaced[0].message}, không đặt tại ${placeCode}`,
      );
      continue;
    }
    const person: TraineeFields = {
      fullName: values.fullName as string,
      associationMember: values.associationMember as boolean | null,
      phone: values.phone as string | null,
    };
    const after = { ...person, placeCode, role };
    const posting: PostingStart = {
      areaId: place.id,
      role,
      validFrom: (values.validFrom as string | null) ?? setting.today,
    };
    const fromPosting = yearsSince(yearOf(posting.validFrom), setting.currentYear);
    const current = byCode.get(code);
    if (!current) {
      const closed = closedProblem(
        setting.closed,
        [place.id],
        fromPosting,
        'không ghi được người đảm nhiệm từ ngày này',
      );
      if (closed) {
        problem('Đảm nhiệm từ ngày', posting.validFrom, closed);
        continue;
      }
      plan.creates.push({ ...person, code, posting });
      plan.audits.push({ action: 'create', code, areaId: place.id, before: null, after });
      continue;
    }
    if (current.areaId !== null && !inCommune.has(current.areaId)) {
      problem(
        'Mã người',
        code,
        `${code} đang đảm nhiệm ở địa bàn khác; việc chuyển công tác ghi ở trang của người đó`,
      );
      continue;
    }
    const before = {
      fullName: current.fullName,
      associationMember: current.associationMember,
      phone: current.phone,
      placeCode: current.placeCode,
      role: current.role,
    };
    const moved = current.areaId !== place.id || current.role !== role;
    if (moved && current.validFrom !== null && posting.validFrom <= current.validFrom) {
      problem(
        'Đảm nhiệm từ ngày',
        posting.validFrom,
        `Đổi nơi, vai trò phải sau ngày bắt đầu hiện tại (${current.validFrom})`,
      );
      continue;
    }
    if (!moved && !differs(before, after)) {
      plan.unchanged++;
      continue;
    }
    // A new post counts from its first day; membership decides the group over the current post.
    const closed = moved
      ? closedProblem(
          setting.closed,
          current.areaId === null ? [place.id] : [current.areaId, place.id],
          fromPosting,
          'không đổi được nơi, vai trò từ ngày này',
        )
      : current.associationMember !== person.associationMember && current.validFrom !== null
        ? closedProblem(
            setting.closed,
            [place.id],
            yearsSince(yearOf(current.validFrom), setting.currentYear),
            'không đổi được tư cách hội viên',
          )
        : null;
    if (closed) {
      if (moved) problem('Đảm nhiệm từ ngày', posting.validFrom, closed);
      else problem('Hội viên', String(values.associationMember), closed);
      continue;
    }
    plan.updates.push({ ...person, id: current.id, posting: moved ? posting : null });
    plan.audits.push({ action: 'update', code, areaId: place.id, before, after });
  }
  return plan;
}

/** A subject an evaluation sheet names, active under the commune in the year. */
export interface EvaluationSubject {
  id: number;
  code: string;
  /** Where it counts: a family's hamlet, a community itself, a clan's or unit's commune. */
  place: number;
}

export interface ExistingEvaluation {
  id: number;
  subjectId: number;
  registered: boolean;
  scores: ScoreSheet;
  status: string;
  version: number;
}

/** What an imported result sets: a draft, scored on its criteria alone. */
export interface EvaluationFields {
  criteriaSetId: number;
  registered: boolean;
  scores: ScoreSheet;
  total: number;
  criteriaPassed: boolean;
  criteriaReasons: FailureReason[];
  status: 'draft';
}

export interface EvaluationCreate {
  subjectId: number;
  fields: EvaluationFields;
}

export interface EvaluationUpdate {
  id: number;
  fields: EvaluationFields;
}

/** The results sheet of one kind and year, scored with the criteria set in force. */
export interface EvaluationSheet {
  kind: ModelKind;
  year: number;
  set: { id: number; rules: CriteriaSetRules };
}

/** What a sheet brings in: one of the lists, or the results of one kind and year. */
export type ImportSheet =
  { what: ListKind; results: null } | { what: 'evaluations'; results: EvaluationSheet };

function sameScores(a: ScoreSheet, b: ScoreSheet): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/**
 * Results of the year, one row per subject: a subject without one gets a draft, a draft or
 * submitted one is rescored, an approved or recognised one is refused unless nothing changes.
 * The dependency rule is evaluated live, so only the criteria decide what is stored.
 */
export function planEvaluationImport(
  sheet: EvaluationSheet,
  setting: ImportSetting,
  rows: ParsedRow[],
  subjects: EvaluationSubject[],
  existing: ExistingEvaluation[],
): ImportPlan<EvaluationCreate, EvaluationUpdate> {
  const { kind, year, set } = sheet;
  const plan = emptyPlan<EvaluationCreate, EvaluationUpdate>();
  const byCode = new Map(subjects.map((subject) => [subject.code, subject]));
  const evaluations = new Map(existing.map((evaluation) => [evaluation.subjectId, evaluation]));
  for (const { row, values } of rows) {
    const problem = problemsOf(plan, row);
    const code = values.code as string;
    const subject = byCode.get(code);
    if (subject === undefined) {
      problem(
        'A (Mã)',
        code,
        `Không có ${MODEL_KIND_LABELS[kind].toLowerCase()} mã ${code} ở ${setting.commune.name} trong năm ${year}`,
      );
      continue;
    }
    const closed = closedProblem(
      setting.closed,
      [subject.place],
      { from: year, to: year },
      'cần mở lại trước khi nhập kết quả',
    );
    if (closed) {
      problem('A (Mã)', code, closed);
      continue;
    }
    const scores: ScoreSheet = {};
    for (const criterion of set.rules.criteria) {
      const points = values[`scores.${criterion.code}`];
      if (typeof points === 'number') scores[criterion.code] = points;
    }
    const registered = values.registered as boolean;
    const current = evaluations.get(subject.id);
    if (current && current.registered === registered && sameScores(current.scores, scores)) {
      plan.unchanged++;
      continue;
    }
    if (current && (current.status === 'approved' || current.status === 'recognised')) {
      problem(
        '',
        code,
        `Hồ sơ ${code} đã ${current.status === 'approved' ? 'được duyệt' : 'được công nhận'}; cần mở lại trước khi sửa`,
      );
      continue;
    }
    const result = scoreEvaluation(set.rules, { registered, scores }, []);
    const reasons = result.reasons.filter((reason) => reason.code !== 'DEPENDENCY_UNMET');
    const fields: EvaluationFields = {
      criteriaSetId: set.id,
      registered,
      scores,
      total: result.total,
      criteriaPassed: reasons.length === 0,
      criteriaReasons: reasons,
      status: 'draft',
    };
    const after = { status: 'draft', registered, scores, total: result.total };
    if (current) {
      plan.updates.push({ id: current.id, fields });
      plan.audits.push({
        action: 'update',
        code,
        areaId: subject.place,
        before: {
          status: current.status,
          registered: current.registered,
          scores: current.scores,
          version: current.version,
        },
        after: { ...after, version: current.version + 1 },
      });
    } else {
      plan.creates.push({ subjectId: subject.id, fields });
      plan.audits.push({
        action: 'create',
        code,
        areaId: subject.place,
        before: null,
        after: { ...after, version: 1 },
      });
    }
  }
  return plan;
}
