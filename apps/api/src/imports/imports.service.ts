import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  evaluationColumns,
  foldForSearch,
  matchHeaders,
  MODEL_KIND_LABELS,
  parseRow,
  REGISTRY_COLUMNS,
  scoreEvaluation,
  UNIT_CATEGORIES,
  UNIT_CATEGORY_LABELS,
  type ImportColumn,
  type ImportKind,
  type ImportProblem,
  type ModelKind,
  type ParsedRow,
  type ScoreSheet,
} from '@app/domain';
import { ImportsRepository, type AreaRow, type BulkColumn } from '@app/database';
import {
  readFirstSheet,
  UnreadableWorkbookError,
  writeImportTemplate,
  type ImportTemplate,
} from '@app/reporting';
import { AreasService } from '../areas/areas.service.js';
import { AccessService } from '../auth/access.service.js';
import type { Principal } from '../auth/principal.js';
import { InvalidInputException } from '../common/app.exception.js';
import { CriteriaSetsService } from '../criteria-sets/criteria-sets.service.js';
import type { ImportQuery, ImportReport, ImportTarget } from './dto/import.dto.js';
import { ImportRejectedException, UnreadableImportException } from './imports.exception.js';

const REPORTED_PROBLEMS = 1000;
const today = () => new Date().toISOString().slice(0, 10);

interface Upload {
  buffer: Buffer;
  originalname: string;
}

/** Who imports: a signed-in user, or the command line (no scope, recorded as `cli`). */
export type ImportActor = Principal | { username: 'cli'; role: 'admin'; scopeAreaId: null };

interface Context {
  what: ImportKind;
  commune: AreaRow;
  kind: ModelKind | null;
  year: number | null;
  columns: ImportColumn[];
  /** The criteria set of an evaluation sheet. */
  set: { id: number; rules: Parameters<typeof scoreEvaluation>[0] } | null;
}

/** What a sheet asks to change, row by row, before anything is written. */
interface Plan {
  creates: Record<string, unknown>[];
  updates: Record<string, unknown>[];
  unchanged: number;
  audits: { action: 'create' | 'update'; code: string; before: unknown; after: unknown }[];
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

const REGISTRY_TABLES: Record<Exclude<ImportKind, 'evaluations'>, RegistryTable> = {
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

const EVALUATION_UPDATE: BulkColumn[] = [
  { name: 'criteria_set_id', type: 'integer' },
  { name: 'registered', type: 'boolean' },
  { name: 'scores', type: 'jsonb' },
  { name: 'total', type: 'numeric' },
  { name: 'criteria_passed', type: 'boolean' },
  { name: 'criteria_reasons', type: 'jsonb' },
  { name: 'status', type: 'text' },
];

const EVALUATION_INSERT: BulkColumn[] = [
  { name: 'kind', type: 'text' },
  { name: 'year', type: 'smallint' },
  { name: 'household_id', type: 'integer' },
  { name: 'clan_id', type: 'integer' },
  { name: 'unit_id', type: 'integer' },
  { name: 'community_id', type: 'integer' },
  ...EVALUATION_UPDATE,
];

const AUDIT_COLUMNS: BulkColumn[] = [
  { name: 'actor', type: 'text' },
  { name: 'action', type: 'text' },
  { name: 'entity', type: 'text' },
  { name: 'entity_code', type: 'text' },
  { name: 'year', type: 'smallint' },
  { name: 'reason', type: 'text' },
  { name: 'before', type: 'jsonb' },
  { name: 'after', type: 'jsonb' },
];

const AUDIT_BATCH = 5000;

function sameScores(a: ScoreSheet, b: ScoreSheet): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** Bringing in the registries and evaluations communes keep in spreadsheets. */
@Injectable()
export class ImportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly imports: ImportsRepository,
    private readonly areas: AreasService,
    private readonly criteriaSets: CriteriaSetsService,
    private readonly access: AccessService,
  ) {}

  /** The sheet to fill: the columns, drop-downs of the commune's hamlets and clans, examples. */
  async template(what: ImportKind, target: ImportTarget, user: Principal): Promise<Buffer> {
    const context = await this.context(what, target, user);
    const year = context.year ?? new Date().getFullYear();
    const [hamlets, clans] = await Promise.all([
      this.imports.hamletsOf(context.commune.id, context.year),
      this.imports.clansOf(context.commune.id),
    ]);
    const place = `${context.commune.typeLabel} ${context.commune.name}`;
    const lists: ImportTemplate['lists'] = [];
    if (what === 'households') {
      lists.push(
        {
          title: 'Mã thôn',
          columnKey: 'hamletCode',
          values: hamlets.map((h) => ({ value: h.code, label: h.name })),
        },
        {
          title: 'Mã dòng họ',
          columnKey: 'clanCode',
          values: clans.map((c) => ({ value: c.code, label: c.name })),
        },
      );
    }
    if (what === 'units') {
      lists.push({
        title: 'Loại đơn vị',
        columnKey: 'category',
        values: UNIT_CATEGORIES.map((c) => ({
          value: UNIT_CATEGORY_LABELS[c],
          label: UNIT_CATEGORY_LABELS[c],
        })),
      });
    }
    if (what === 'evaluations') {
      lists.push({
        title: 'Đăng ký',
        columnKey: 'registered',
        values: [
          { value: 'Có', label: 'đã đăng ký' },
          { value: 'Không', label: 'chưa đăng ký' },
        ],
      });
    }
    const firstHamlet = hamlets[0]?.code ?? '';
    const examples: Record<ImportKind, Record<string, string | number | null>[]> = {
      households: [
        {
          code: `${firstHamlet}_H9001`,
          headName: 'Nguyễn Văn Mẫu',
          hamletCode: firstHamlet,
          clanCode: clans[0]?.code ?? null,
          members: 4,
          address: 'Số 1, đường Mẫu',
          activeFrom: '01/01/2016',
        },
      ],
      clans: [
        {
          code: `${context.commune.code}_DH90`,
          name: 'Họ Nguyễn Văn (chi Mẫu)',
          headName: 'Nguyễn Văn Trưởng',
          activeFrom: '01/01/2016',
        },
      ],
      units: [
        {
          code: `${context.commune.code}_DV90`,
          name: 'Trường Tiểu học Mẫu',
          category: UNIT_CATEGORY_LABELS.school,
          headName: 'Trần Thị Hiệu',
          activeFrom: '01/01/2016',
        },
      ],
      evaluations: [
        {
          code: 'MA_CUA_DOI_TUONG',
          name: 'Tên để đối chiếu',
          registered: 'Có',
          ...Object.fromEntries(
            (context.set?.rules.criteria ?? []).map((c) => [`scores.${c.code}`, c.maxPoints]),
          ),
        },
      ],
    };
    const title =
      what === 'evaluations' && context.kind
        ? `Mẫu nhập kết quả đánh giá ${MODEL_KIND_LABELS[context.kind].toLowerCase()} năm ${year}, ${place}`
        : `Mẫu nhập danh sách ${REGISTRY_TABLES[what as Exclude<ImportKind, 'evaluations'>].noun}, ${place}`;
    return writeImportTemplate({
      title,
      columns: context.columns,
      examples: examples[what],
      lists,
      instructions: [
        'Điền mỗi đối tượng một dòng trong trang "Dữ liệu", từ dòng 2; xóa dòng mẫu trước khi nhập.',
        'Giữ nguyên dòng tiêu đề. Các cột có thể đổi thứ tự, không thêm cột lạ.',
        'Đối tượng được nhận ra theo mã: nhập lại cùng một tệp không thay đổi gì; mã đã có thì được cập nhật.',
        'Ô phải là giá trị, không phải công thức (dùng Dán giá trị nếu chép từ bảng khác).',
        'Thử trước bằng "Kiểm tra" (không ghi gì); khi tệp có lỗi thì không dòng nào được nhập.',
      ],
    });
  }

  /** Reads, checks and (unless a dry run) applies a sheet, all of it or nothing. */
  async run(
    what: ImportKind,
    query: ImportQuery,
    upload: Upload | undefined,
    actor: ImportActor,
  ): Promise<ImportReport> {
    const context = await this.context(what, query, actor);
    if (!upload || upload.buffer.length === 0) {
      throw new UnreadableImportException(
        'FILE_REQUIRED',
        'cần gửi một tệp .xlsx trong trường "file"',
      );
    }
    const {
      rows,
      problems: parseProblems,
      count,
    } = await this.readRows(upload.buffer, context.columns);
    const fileName = upload.originalname || 'tep.xlsx';
    const checksum = createHash('sha256').update(upload.buffer).digest('hex');
    return this.dataSource.transaction(async (manager) => {
      if (context.year !== null)
        await this.assertYearOpen(actor, context.commune.id, context.year, manager);
      const problems = [...parseProblems];
      const plan = await this.plan(context, rows, problems, manager);
      // The plan holds what is needed from here: the parsed rows can go before the writes.
      rows.length = 0;
      problems.sort((a, b) => a.row - b.row);
      const report: ImportReport = {
        what,
        commune: { code: context.commune.code, name: context.commune.name },
        kind: context.kind,
        year: context.year,
        dryRun: query.dryRun,
        fileName,
        checksum,
        rows: count,
        created: plan.creates.length,
        updated: plan.updates.length,
        unchanged: plan.unchanged,
        valid: problems.length === 0,
        problems: problems.slice(0, REPORTED_PROBLEMS),
        problemCount: problems.length,
        importId: null,
      };
      if (query.dryRun) return report;
      if (problems.length > 0) throw new ImportRejectedException(report);
      report.importId = await this.apply(context, plan, report, actor, manager);
      return report;
    });
  }

  private async context(
    what: ImportKind,
    target: ImportTarget,
    actor: ImportActor,
  ): Promise<Context> {
    if (what === 'evaluations' && (target.kind === undefined || target.year === undefined)) {
      throw new InvalidInputException([
        {
          field: target.kind === undefined ? 'kind' : 'year',
          code: 'REQUIRED',
          message: 'kind, year: nhập kết quả đánh giá cần loại mô hình và năm',
        },
      ]);
    }
    const year = what === 'evaluations' ? (target.year as number) : null;
    const commune = await this.areas.requireInForce(
      target.commune,
      'commune',
      year ?? new Date().getFullYear(),
      'commune',
    );
    if (actor.scopeAreaId !== null) await this.access.assertArea(actor, commune.id);
    if (what !== 'evaluations') {
      return { what, commune, kind: null, year: null, columns: REGISTRY_COLUMNS[what], set: null };
    }
    const kind = target.kind as ModelKind;
    const chain = (await this.areas.chainCodes(commune.id, year as number)).map((a) => a.code);
    const set = await this.criteriaSets.inForceFor(kind, year as number, chain);
    return {
      what,
      commune,
      kind,
      year,
      columns: evaluationColumns(set.rules.criteria),
      set: { id: set.id, rules: set.rules },
    };
  }

  private async assertYearOpen(
    actor: ImportActor,
    communeId: number,
    year: number,
    manager: EntityManager,
  ): Promise<void> {
    await this.access.assertYearOpen(communeId, year, manager);
    if (actor.scopeAreaId !== null) await this.access.assertArea(actor, communeId, year, manager);
  }

  /** Streams the first sheet: the header row, then each data row parsed against its column. */
  private async readRows(
    buffer: Buffer,
    columns: ImportColumn[],
  ): Promise<{ rows: ParsedRow[]; problems: ImportProblem[]; count: number }> {
    const rows: ParsedRow[] = [];
    const problems: ImportProblem[] = [];
    let positions: Map<string, number> | null = null;
    let count = 0;
    try {
      for await (const sheetRow of readFirstSheet(buffer)) {
        if (positions === null) {
          const matched = matchHeaders(columns, sheetRow.cells);
          if ('problems' in matched) {
            throw new UnreadableImportException(
              'WRONG_HEADERS',
              `dòng tiêu đề không đúng mẫu: ${matched.problems.join('; ')}`,
            );
          }
          positions = matched.positions;
          continue;
        }
        const { parsed, problems: rowProblems } = parseRow(
          columns,
          positions,
          sheetRow.row,
          sheetRow.cells,
        );
        if (parsed === null && rowProblems.length === 0) continue;
        count++;
        problems.push(...rowProblems);
        if (parsed) rows.push(parsed);
      }
    } catch (error) {
      if (error instanceof UnreadableWorkbookError)
        throw new UnreadableImportException('UNREADABLE_FILE', error.message);
      throw error;
    }
    if (positions === null) {
      throw new UnreadableImportException(
        'EMPTY_SHEET',
        'trang tính đầu tiên trống, không có dòng tiêu đề',
      );
    }
    if (count === 0) {
      throw new UnreadableImportException(
        'EMPTY_SHEET',
        'không có dòng dữ liệu nào dưới dòng tiêu đề',
      );
    }
    // A code twice in one file: the later row is the problem, naming the first.
    const seen = new Map<string, number>();
    const unique: ParsedRow[] = [];
    for (const row of rows) {
      const code = row.values.code as string;
      const first = seen.get(code);
      if (first !== undefined) {
        problems.push({
          row: row.row,
          column: 'A (Mã)',
          value: code,
          message: `Mã ${code} trùng với dòng ${first}`,
        });
      } else {
        seen.set(code, row.row);
        unique.push(row);
      }
    }
    return { rows: unique, problems, count };
  }

  private plan(
    context: Context,
    rows: ParsedRow[],
    problems: ImportProblem[],
    manager: EntityManager,
  ): Promise<Plan> {
    return context.what === 'evaluations'
      ? this.planEvaluations(context, rows, problems, manager)
      : this.planRegistry(context, context.what, rows, problems, manager);
  }

  private async planRegistry(
    context: Context,
    what: Exclude<ImportKind, 'evaluations'>,
    rows: ParsedRow[],
    problems: ImportProblem[],
    manager: EntityManager,
  ): Promise<Plan> {
    const communeId = context.commune.id;
    const [existing, hamlets, clans] = await Promise.all([
      this.imports.existingSubjects(
        what,
        rows.map((row) => row.values.code as string),
        manager,
      ),
      what === 'households' ? this.imports.hamletsOf(communeId, null, manager) : [],
      what === 'households' ? this.imports.clansOf(communeId, manager) : [],
    ]);
    const byCode = new Map(existing.map((subject) => [subject.code, subject]));
    const hamletIds = new Map(hamlets.map((h) => [h.code, h.id]));
    const clanIds = new Map(clans.map((c) => [c.code, c.id]));
    const plan: Plan = { creates: [], updates: [], unchanged: 0, audits: [] };
    const place = `${context.commune.typeLabel} ${context.commune.name}`;
    for (const { row, values } of rows) {
      const code = values.code as string;
      const problem = (column: string, value: string, message: string) =>
        problems.push({ row, column, value, message });
      let fields: Record<string, string | number | null>;
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
        plan.creates.push({
          ...columns,
          code,
          active_from: values.activeFrom ?? today(),
        });
        plan.audits.push({ action: 'create', code, before: null, after: fields });
      } else if (Object.entries(fields).some(([key, value]) => current.fields[key] !== value)) {
        plan.updates.push({ ...columns, id: current.id });
        plan.audits.push({ action: 'update', code, before: current.fields, after: fields });
      } else {
        plan.unchanged++;
      }
    }
    return plan;
  }

  private registryColumns(
    what: Exclude<ImportKind, 'evaluations'>,
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

  private async planEvaluations(
    context: Context,
    rows: ParsedRow[],
    problems: ImportProblem[],
    manager: EntityManager,
  ): Promise<Plan> {
    const kind = context.kind as ModelKind;
    const year = context.year as number;
    const set = context.set as NonNullable<Context['set']>;
    const subjects = await this.imports.evaluationSubjects(
      kind,
      context.commune.id,
      year,
      rows.map((row) => row.values.code as string),
      manager,
    );
    const subjectIds = new Map(subjects.map((s) => [s.code, s.id]));
    const existing = new Map(
      (
        await this.imports.existingEvaluations(
          kind,
          year,
          subjects.map((s) => s.id),
          manager,
        )
      ).map((evaluation) => [evaluation.subjectId, evaluation]),
    );
    const column = this.imports.evaluationColumn(kind);
    const plan: Plan = { creates: [], updates: [], unchanged: 0, audits: [] };
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
        plan.audits.push({ action: 'create', code, before: null, after: { ...after, version: 1 } });
      }
    }
    return plan;
  }

  private async apply(
    context: Context,
    plan: Plan,
    report: ImportReport,
    actor: ImportActor,
    manager: EntityManager,
  ): Promise<number> {
    const importId = await this.imports.record(manager, {
      actor: actor.username,
      what: context.kind ? `evaluations.${context.kind}` : context.what,
      areaId: context.commune.id,
      year: context.year,
      fileName: report.fileName,
      checksum: report.checksum,
      rows: report.rows,
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
    });
    if (context.what === 'evaluations') {
      await this.imports.insertMany(manager, 'evaluations', EVALUATION_INSERT, plan.creates);
      await this.imports.updateMany(
        manager,
        'evaluations',
        EVALUATION_UPDATE,
        plan.updates,
        ', version = t.version + 1',
      );
    } else {
      const table = REGISTRY_TABLES[context.what];
      await this.imports.insertMany(
        manager,
        table.table,
        [...table.identity, ...table.fields],
        plan.creates,
      );
      await this.imports.updateMany(manager, table.table, table.fields, plan.updates);
    }
    plan.creates = [];
    plan.updates = [];
    const entity = context.kind
      ? `evaluation.${context.kind}`
      : REGISTRY_TABLES[context.what as Exclude<ImportKind, 'evaluations'>].entity;
    const reason = `Nhập từ tệp ${report.fileName} (lần nhập số ${importId})`;
    // A batch at a time, so 100,000 audit rows never exist as JSON all at once.
    for (let start = 0; start < plan.audits.length; start += AUDIT_BATCH) {
      await this.imports.insertMany(
        manager,
        'audit_log',
        AUDIT_COLUMNS,
        plan.audits.slice(start, start + AUDIT_BATCH).map((audit) => ({
          actor: actor.username,
          action: audit.action,
          entity,
          entity_code: audit.code,
          year: context.year,
          reason,
          before: audit.before === null ? null : JSON.stringify(audit.before),
          after: JSON.stringify(audit.after),
        })),
      );
    }
    return importId;
  }
}
