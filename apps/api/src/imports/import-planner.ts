import { Injectable } from '@nestjs/common';
import {
  activeYears,
  firstClosed,
  foldForSearch,
  MODEL_KIND_LABELS,
  scoreEvaluation,
  type ImportColumn,
  type ImportKind,
  type ImportProblem,
  type ModelKind,
  type ParsedRow,
  type ScoreSheet,
  type TraineeRole,
  TRAINEE_ROLE_LABELS,
  validateRoleLevel,
  yearOf,
  yearsSince,
  type ClosedYear,
  type YearSpan,
} from '@app/domain';
import {
  ImportsRepository,
  TraineesRepository,
  type AreaRow,
  type BulkColumn,
} from '@app/database';

const today = () => new Date().toISOString().slice(0, 10);
const thisYear = () => new Date().getFullYear();

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

export interface ImportContext {
  what: ImportKind;
  commune: AreaRow;
  kind: ModelKind | null;
  year: number | null;
  columns: ImportColumn[];
  /** The criteria set of an evaluation sheet. */
  set: { id: number; rules: Parameters<typeof scoreEvaluation>[0] } | null;
  /** The finalised years of the commune and its hamlets, which no row may change. */
  closed: ClosedYear[];
}

/** What a sheet asks to change, row by row, before anything is written. */
export interface ImportPlan {
  creates: Record<string, unknown>[];
  updates: Record<string, unknown>[];
  unchanged: number;
  audits: {
    action: 'create' | 'update';
    code: string;
    /** The place whose scope governs the audit row. */
    areaId: number;
    before: unknown;
    after: unknown;
  }[];
}

interface RegistryTable {
  table: string;
  entity: string;
  noun: string;
  /** Written when a subject is created only. */
  identity: BulkColumn[];
  /** Written on create and compared, then updated, when the subject exists. */
  fields: BulkColumn[];
}

const CODE_AND_START: BulkColumn[] = [
  { name: 'code', type: 'text' },
  { name: 'active_from', type: 'date' },
];

const NAME_COLUMNS: BulkColumn[] = [
  { name: 'name', type: 'text' },
  { name: 'name_folded', type: 'text' },
  { name: 'head_name', type: 'text' },
];

/** The subject registers an import writes to its own table. */
export type RegistryKind = Exclude<ImportKind, 'evaluations' | 'trainees'>;

export const REGISTRY_TABLES: Record<RegistryKind, RegistryTable> = {
  households: {
    table: 'households',
    entity: 'household',
    noun: 'hộ',
    identity: CODE_AND_START,
    fields: [
      { name: 'head_name', type: 'text' },
      { name: 'head_name_folded', type: 'text' },
      { name: 'hamlet_id', type: 'integer' },
      { name: 'clan_id', type: 'integer' },
      { name: 'members', type: 'smallint' },
      { name: 'address', type: 'text' },
    ],
  },
  clans: {
    table: 'clans',
    entity: 'clan',
    noun: 'dòng họ',
    identity: [...CODE_AND_START, { name: 'commune_id', type: 'integer' }],
    fields: NAME_COLUMNS,
  },
  units: {
    table: 'units',
    entity: 'unit',
    noun: 'đơn vị',
    identity: [...CODE_AND_START, { name: 'commune_id', type: 'integer' }],
    fields: [...NAME_COLUMNS, { name: 'category', type: 'text' }],
  },
};

/** What the audit trail and the template title call each list. */
export const IMPORT_TARGETS: Record<
  Exclude<ImportKind, 'evaluations'>,
  { entity: string; noun: string }
> = {
  ...REGISTRY_TABLES,
  trainees: { entity: 'trainee', noun: 'cán bộ, hội viên cần tập huấn' },
};

export const EVALUATION_UPDATE: BulkColumn[] = [
  { name: 'criteria_set_id', type: 'integer' },
  { name: 'registered', type: 'boolean' },
  { name: 'scores', type: 'jsonb' },
  { name: 'total', type: 'numeric' },
  { name: 'criteria_passed', type: 'boolean' },
  { name: 'criteria_reasons', type: 'jsonb' },
  { name: 'status', type: 'text' },
];

export const EVALUATION_INSERT: BulkColumn[] = [
  { name: 'kind', type: 'text' },
  { name: 'year', type: 'smallint' },
  { name: 'household_id', type: 'integer' },
  { name: 'clan_id', type: 'integer' },
  { name: 'unit_id', type: 'integer' },
  { name: 'community_id', type: 'integer' },
  ...EVALUATION_UPDATE,
];

function sameScores(a: ScoreSheet, b: ScoreSheet): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** Bringing in the registries and evaluations communes keep in spreadsheets. */
/**
 * Turns checked rows into what they ask to change: rows to create, to update and left alone, with
 * their audit entries; a row that cannot be applied becomes a problem instead.
 */
@Injectable()
export class ImportPlanner {
  constructor(
    private readonly imports: ImportsRepository,
    private readonly training: TraineesRepository,
  ) {}

  plan(context: ImportContext, rows: ParsedRow[], problems: ImportProblem[]): Promise<ImportPlan> {
    if (context.what === 'evaluations') return this.planEvaluations(context, rows, problems);
    if (context.what === 'trainees') return this.planTrainees(context, rows, problems);
    return this.planRegistry(context, context.what, rows, problems);
  }

  private async planRegistry(
    context: ImportContext,
    what: RegistryKind,
    rows: ParsedRow[],
    problems: ImportProblem[],
  ): Promise<ImportPlan> {
    const communeId = context.commune.id;
    // One after the other: a transaction has one connection, which runs one query at a time.
    const existing = await this.imports.existingSubjects(
      what,
      rows.map((row) => row.values.code as string),
    );
    const households = what === 'households';
    const hamlets = households ? await this.imports.hamletsOf(communeId, null) : [];
    const clans = households ? await this.imports.clansOf(communeId) : [];
    const byCode = new Map(existing.map((subject) => [subject.code, subject]));
    const hamletIds = new Map(hamlets.map((h) => [h.code, h.id]));
    const clanIds = new Map(clans.map((c) => [c.code, c.id]));
    const plan: ImportPlan = { creates: [], updates: [], unchanged: 0, audits: [] };
    const place = `${context.commune.typeLabel} ${context.commune.name}`;
    for (const { row, values } of rows) {
      const code = values.code as string;
      const problem = (column: string, value: string, message: string) =>
        problems.push({ row, column, value, message });
      let fields: Record<string, string | number | null>;
      let placeId = communeId;
      if (what === 'households') {
        const hamletId = hamletIds.get(values.hamletCode as string);
        const clanId = values.clanCode === null ? null : clanIds.get(values.clanCode as string);
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
        if (hamletId === undefined || clanId === undefined) continue;
        placeId = hamletId;
        fields = {
          headName: values.headName as string,
          hamletId,
          clanId,
          members: values.members as number,
          address: values.address as string | null,
        };
      } else if (what === 'clans') {
        fields = { name: values.name as string, headName: values.headName as string | null };
      } else {
        fields = {
          name: values.name as string,
          category: values.category as string,
          headName: values.headName as string | null,
        };
      }
      const current = byCode.get(code);
      if (current && current.communeId !== communeId) {
        problem('Mã', code, `Mã ${code} đã có ở địa bàn khác; không nhập được vào ${place}`);
        continue;
      }
      const columns = this.registryColumns(what, fields, communeId);
      if (!current) {
        const activeFrom = (values.activeFrom as string | null) ?? today();
        const closed = closedProblem(
          context.closed,
          [placeId],
          yearsSince(yearOf(activeFrom), thisYear()),
          'không thêm được đối tượng hoạt động từ ngày này',
        );
        if (closed) {
          problem('Hoạt động từ ngày', activeFrom, closed);
          continue;
        }
        plan.creates.push({ ...columns, code, active_from: activeFrom });
        plan.audits.push({ action: 'create', code, areaId: placeId, before: null, after: fields });
      } else if (Object.entries(fields).some(([key, value]) => current.fields[key] !== value)) {
        // A household's hamlet and clan are not dated: changing them rewrites every year it counted.
        const span = activeYears(current.activeFrom, current.deactivatedOn, thisYear());
        const moved =
          what === 'households' &&
          current.fields.hamletId !== fields.hamletId &&
          closedProblem(
            context.closed,
            [current.fields.hamletId as number, placeId],
            span,
            'không chuyển được hộ sang thôn khác',
          );
        const rejoined =
          what === 'households' &&
          current.fields.clanId !== fields.clanId &&
          closedProblem(context.closed, [communeId], span, 'không đổi được dòng họ của hộ');
        if (moved || rejoined) {
          if (moved) problem('Mã thôn', String(values.hamletCode), moved);
          if (rejoined) problem('Mã dòng họ', String(values.clanCode), rejoined);
          continue;
        }
        plan.updates.push({ ...columns, id: current.id });
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

  private registryColumns(
    what: RegistryKind,
    fields: Record<string, string | number | null>,
    communeId: number,
  ): Record<string, unknown> {
    if (what === 'households') {
      return {
        head_name: fields.headName,
        head_name_folded: foldForSearch(fields.headName as string),
        hamlet_id: fields.hamletId,
        clan_id: fields.clanId,
        members: fields.members,
        address: fields.address,
      };
    }
    return {
      name: fields.name,
      name_folded: foldForSearch(fields.name as string),
      commune_id: communeId,
      head_name: fields.headName,
      ...(what === 'units' ? { category: fields.category } : {}),
    };
  }

  /**
   * People serving in the commune or its hamlets. A known person whose place or role changed gets
   * a new posting from the row's date; one serving in another commune is moved from the web page,
   * where both communes' scope is checked, not by a sheet of this commune.
   */
  private async planTrainees(
    context: ImportContext,
    rows: ParsedRow[],
    problems: ImportProblem[],
  ): Promise<ImportPlan> {
    // One after the other, for the same reason as in planRegistry.
    const existing = await this.training.existingForImport(
      rows.map((row) => row.values.code as string),
    );
    const hamlets = await this.imports.hamletsOf(context.commune.id, null);
    const byCode = new Map(existing.map((person) => [person.code, person]));
    const places = new Map<string, { id: number; level: 'commune' | 'hamlet' }>([
      [context.commune.code, { id: context.commune.id, level: 'commune' }],
      ...hamlets.map((h) => [h.code, { id: h.id, level: 'hamlet' }] as const),
    ]);
    const inCommune = new Set([...places.values()].map((place) => place.id));
    const placeName = `${context.commune.typeLabel} ${context.commune.name}`;
    const plan: ImportPlan = { creates: [], updates: [], unchanged: 0, audits: [] };
    for (const { row, values } of rows) {
      const code = values.code as string;
      const role = values.role as TraineeRole;
      const placeCode = values.placeCode as string;
      const place = places.get(placeCode);
      if (!place) {
        problems.push({
          row,
          column: 'Mã nơi đảm nhiệm',
          value: placeCode,
          message: `${placeCode} không phải ${placeName} hay một thôn, tổ dân phố của xã`,
        });
        continue;
      }
      const misplaced = validateRoleLevel(role, place.level, 'role');
      if (misplaced.length > 0) {
        problems.push({
          row,
          column: 'Vai trò',
          value: TRAINEE_ROLE_LABELS[role],
          message: `${misplaced[0].message}, không đặt tại ${placeCode}`,
        });
        continue;
      }
      const fullName = values.fullName as string;
      const fields = {
        fullName,
        associationMember: values.associationMember as boolean | null,
        phone: values.phone as string | null,
        placeCode,
        role,
      };
      const columns = {
        full_name: fullName,
        full_name_folded: foldForSearch(fullName),
        association_member: fields.associationMember,
        phone: fields.phone,
      };
      const posting = {
        area_id: place.id,
        role,
        valid_from: (values.validFrom as string | null) ?? today(),
      };
      const fromPosting = yearsSince(yearOf(posting.valid_from), thisYear());
      const current = byCode.get(code);
      if (!current) {
        const closed = closedProblem(
          context.closed,
          [place.id],
          fromPosting,
          'không ghi được người đảm nhiệm từ ngày này',
        );
        if (closed) {
          problems.push({
            row,
            column: 'Đảm nhiệm từ ngày',
            value: posting.valid_from,
            message: closed,
          });
          continue;
        }
        plan.creates.push({ ...columns, ...posting, code });
        plan.audits.push({ action: 'create', code, areaId: place.id, before: null, after: fields });
        continue;
      }
      if (current.areaId !== null && !inCommune.has(current.areaId)) {
        problems.push({
          row,
          column: 'Mã người',
          value: code,
          message: `${code} đang đảm nhiệm ở địa bàn khác; việc chuyển công tác ghi ở trang của người đó`,
        });
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
      if (moved && current.validFrom !== null && posting.valid_from <= current.validFrom) {
        problems.push({
          row,
          column: 'Đảm nhiệm từ ngày',
          value: String(posting.valid_from),
          message: `Đổi nơi, vai trò phải sau ngày bắt đầu hiện tại (${current.validFrom})`,
        });
        continue;
      }
      if (
        !moved &&
        Object.entries(before).every(([key, value]) => fields[key as keyof typeof fields] === value)
      ) {
        plan.unchanged++;
        continue;
      }
      // A new post counts from its first day; membership decides the group over the current post.
      const closed = moved
        ? closedProblem(
            context.closed,
            current.areaId === null ? [place.id] : [current.areaId, place.id],
            fromPosting,
            'không đổi được nơi, vai trò từ ngày này',
          )
        : current.associationMember !== fields.associationMember && current.validFrom !== null
          ? closedProblem(
              context.closed,
              [place.id],
              yearsSince(yearOf(current.validFrom), thisYear()),
              'không đổi được tư cách hội viên',
            )
          : null;
      if (closed) {
        problems.push({
          row,
          column: moved ? 'Đảm nhiệm từ ngày' : 'Hội viên',
          value: moved ? posting.valid_from : String(values.associationMember),
          message: closed,
        });
        continue;
      }
      plan.updates.push({ ...columns, id: current.id, posting: moved ? posting : null });
      plan.audits.push({ action: 'update', code, areaId: place.id, before, after: fields });
    }
    return plan;
  }

  private async planEvaluations(
    context: ImportContext,
    rows: ParsedRow[],
    problems: ImportProblem[],
  ): Promise<ImportPlan> {
    const kind = context.kind as ModelKind;
    const year = context.year as number;
    const set = context.set as NonNullable<ImportContext['set']>;
    const subjects = await this.imports.evaluationSubjects(
      kind,
      context.commune.id,
      year,
      rows.map((row) => row.values.code as string),
    );
    const subjectIds = new Map(subjects.map((s) => [s.code, s.id]));
    const places = new Map(subjects.map((s) => [s.code, s.place]));
    const existing = new Map(
      (
        await this.imports.existingEvaluations(
          kind,
          year,
          subjects.map((s) => s.id),
        )
      ).map((evaluation) => [evaluation.subjectId, evaluation]),
    );
    const column = this.imports.evaluationColumn(kind);
    const plan: ImportPlan = { creates: [], updates: [], unchanged: 0, audits: [] };
    for (const { row, values } of rows) {
      const code = values.code as string;
      const subjectId = subjectIds.get(code);
      if (subjectId === undefined) {
        problems.push({
          row,
          column: 'A (Mã)',
          value: code,
          message: `Không có ${MODEL_KIND_LABELS[kind].toLowerCase()} mã ${code} ở ${context.commune.name} trong năm ${year}`,
        });
        continue;
      }
      const place = places.get(code) as number;
      const closed = closedProblem(
        context.closed,
        [place],
        { from: year, to: year },
        'cần mở lại trước khi nhập kết quả',
      );
      if (closed) {
        problems.push({ row, column: 'A (Mã)', value: code, message: closed });
        continue;
      }
      const scores: ScoreSheet = {};
      for (const criterion of set.rules.criteria) {
        const points = values[`scores.${criterion.code}`];
        if (typeof points === 'number') scores[criterion.code] = points;
      }
      const registered = values.registered as boolean;
      const current = existing.get(subjectId);
      if (current && current.registered === registered && sameScores(current.scores, scores)) {
        plan.unchanged++;
        continue;
      }
      if (current && (current.status === 'approved' || current.status === 'recognised')) {
        problems.push({
          row,
          column: '',
          value: code,
          message: `Hồ sơ ${code} đã ${current.status === 'approved' ? 'được duyệt' : 'được công nhận'}; cần mở lại trước khi sửa`,
        });
        continue;
      }
      const result = scoreEvaluation(set.rules, { registered, scores }, []);
      const reasons = result.reasons.filter((reason) => reason.code !== 'DEPENDENCY_UNMET');
      const columns = {
        criteria_set_id: set.id,
        registered,
        scores: JSON.stringify(scores),
        total: result.total,
        criteria_passed: reasons.length === 0,
        criteria_reasons: JSON.stringify(reasons),
        status: 'draft',
      };
      const after = { status: 'draft', registered, scores, total: result.total };
      if (current) {
        plan.updates.push({ ...columns, id: current.id });
        plan.audits.push({
          action: 'update',
          code,
          areaId: place,
          before: {
            status: current.status,
            registered: current.registered,
            scores: current.scores,
            version: current.version,
          },
          after: { ...after, version: current.version + 1 },
        });
      } else {
        plan.creates.push({ ...columns, kind, year, [column]: subjectId });
        plan.audits.push({
          action: 'create',
          code,
          areaId: place,
          before: null,
          after: { ...after, version: 1 },
        });
      }
    }
    return plan;
  }
}
