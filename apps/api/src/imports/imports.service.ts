import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Db } from '@app/database';
import {
  evaluationColumns,
  matchHeaders,
  MODEL_KIND_LABELS,
  parseRow,
  REGISTRY_COLUMNS,
  TRAINEE_ROLE_LABELS,
  TRAINEE_ROLE_LEVELS,
  TRAINEE_ROLES,
  UNIT_CATEGORIES,
  UNIT_CATEGORY_LABELS,
  type ImportColumn,
  type ImportKind,
  type ImportProblem,
  type ModelKind,
  type ParsedRow,
} from '@app/domain';
import { ImportsRepository, TraineesRepository, type BulkColumn } from '@app/database';
import {
  readFirstSheet,
  UnreadableWorkbookError,
  writeImportTemplate,
  type ImportTemplate,
} from '@app/reporting';
import { AreasService } from '../areas/areas.service.js';
import { ScopeService } from '../scope/scope.service.js';
import { YearLockChecks } from '../year-locks/year-lock-checks.service.js';
import type { Principal } from '../auth/principal.js';
import { InvalidInputException } from '../common/app.exception.js';
import { MIN_YEAR } from '../common/year.js';
import { CriteriaSetsService } from '../criteria-sets/criteria-sets.service.js';
import type { ImportQuery, ImportReport, ImportTarget } from './dto/import.dto.js';
import { ImportRejectedException, UnreadableImportException } from './imports.exception.js';
import {
  EVALUATION_INSERT,
  EVALUATION_UPDATE,
  IMPORT_TARGETS,
  ImportPlanner,
  REGISTRY_TABLES,
  type ImportContext,
  type ImportPlan,
} from './import-planner.js';

const REPORTED_PROBLEMS = 1000;
/** A problem's value as reported: the start of a long text is enough to find the cell. */
const REPORTED_VALUE_CHARS = 200;

/**
 * The problems of one import: the first REPORTED_PROBLEMS by row are kept to report, the rest are
 * only counted, so a file wrong on every row holds a thousand problems, not millions (a 3 MB
 * upload of 200,000 wrong rows ran the process out of memory). Dropping only problems that sort
 * after a thousand others keeps the same first ones as sorting them all at the end.
 */
class ProblemLog {
  /** The planner pushes onto this list directly; `trim` follows it. */
  readonly kept: ImportProblem[] = [];
  private dropped = 0;

  get count(): number {
    return this.kept.length + this.dropped;
  }

  add(problems: ImportProblem[]): void {
    for (const problem of problems) {
      // A copy, not a slice: V8 would keep the whole text alive behind a slice.
      const value =
        problem.value.length > REPORTED_VALUE_CHARS
          ? `${Buffer.from(problem.value.slice(0, REPORTED_VALUE_CHARS)).toString()}…`
          : problem.value;
      this.kept.push({ ...problem, value });
    }
    this.trim();
  }

  trim(): void {
    if (this.kept.length <= 2 * REPORTED_PROBLEMS) return;
    this.kept.sort((a, b) => a.row - b.row);
    this.dropped += this.kept.length - REPORTED_PROBLEMS;
    this.kept.length = REPORTED_PROBLEMS;
  }

  reported(): ImportProblem[] {
    return this.kept.sort((a, b) => a.row - b.row).slice(0, REPORTED_PROBLEMS);
  }
}

interface Upload {
  buffer: Buffer;
  originalname: string;
}

/** Who imports: a signed-in user, or the command line (no scope, recorded as `cli`). */
export type ImportActor = Principal | { username: 'cli'; role: 'admin'; scopeAreaId: null };

const AUDIT_COLUMNS: BulkColumn[] = [
  { name: 'actor', type: 'text' },
  { name: 'action', type: 'text' },
  { name: 'entity', type: 'text' },
  { name: 'entity_code', type: 'text' },
  { name: 'area_id', type: 'integer' },
  { name: 'year', type: 'smallint' },
  { name: 'reason', type: 'text' },
  { name: 'before', type: 'jsonb' },
  { name: 'after', type: 'jsonb' },
];

/** Rows checked, then written, at a time. */
const IMPORT_BATCH = 5000;

@Injectable()
export class ImportsService {
  constructor(
    private readonly db: Db,
    private readonly imports: ImportsRepository,
    private readonly planner: ImportPlanner,
    private readonly training: TraineesRepository,
    private readonly areas: AreasService,
    private readonly criteriaSets: CriteriaSetsService,
    private readonly scope: ScopeService,
    private readonly locks: YearLockChecks,
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
    if (what === 'trainees') {
      lists.push(
        {
          title: 'Vai trò',
          columnKey: 'role',
          values: TRAINEE_ROLES.map((role) => ({
            value: TRAINEE_ROLE_LABELS[role],
            label: TRAINEE_ROLE_LEVELS[role].includes('hamlet') ? 'cấp thôn' : 'cấp xã',
          })),
        },
        {
          title: 'Mã nơi đảm nhiệm',
          columnKey: 'placeCode',
          values: [
            { value: context.commune.code, label: place },
            ...hamlets.map((h) => ({ value: h.code, label: h.name })),
          ],
        },
        {
          title: 'Hội viên',
          columnKey: 'associationMember',
          values: [
            { value: 'Có', label: 'là hội viên' },
            { value: 'Không', label: 'không là hội viên' },
          ],
        },
      );
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
      trainees: [
        {
          code: `${firstHamlet}_CB01`,
          fullName: 'Lê Thị Mẫu',
          role: TRAINEE_ROLE_LABELS.hamlet_head,
          placeCode: firstHamlet,
          associationMember: 'Có',
          phone: null,
          validFrom: '01/01/2016',
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
        : `Mẫu nhập danh sách ${IMPORT_TARGETS[what as Exclude<ImportKind, 'evaluations'>].noun}, ${place}`;
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
    const buffer = upload.buffer;
    const fileName = upload.originalname || 'tep.xlsx';
    const checksum = createHash('sha256').update(buffer).digest('hex');
    return this.db.transactional(async () => {
      if (context.year !== null) await this.assertYearOpen(actor, context.commune.id, context.year);
      // A finalised hamlet refuses its own rows only: the report names each of them.
      const hamlets = await this.imports.hamletsOf(context.commune.id, context.year);
      context.closed = await this.locks.closedYears(
        [context.commune.id, ...hamlets.map((hamlet) => hamlet.id)],
        MIN_YEAR,
        Math.max(new Date().getFullYear(), context.year ?? 0),
      );
      const problems = new ProblemLog();
      const read = { rows: 0 };
      const totals = { created: 0, updated: 0, unchanged: 0 };
      const importId = query.dryRun
        ? null
        : await this.imports.record({
            actor: actor.username,
            what: context.kind ? `evaluations.${context.kind}` : context.what,
            areaId: context.commune.id,
            year: context.year,
            fileName,
            checksum,
            rows: 0,
            ...totals,
          });
      // A batch at a time: checked, then written in this transaction, so memory stays flat
      // whatever the file's size, and a problem anywhere rolls every batch back.
      for await (const batch of this.batches(buffer, context.columns, problems, read)) {
        const plan = await this.planner.plan(context, batch, problems.kept);
        problems.trim();
        totals.created += plan.creates.length;
        totals.updated += plan.updates.length;
        totals.unchanged += plan.unchanged;
        if (importId !== null && problems.count === 0)
          await this.write(context, plan, importId, fileName, actor);
      }
      const report: ImportReport = {
        what,
        commune: { code: context.commune.code, name: context.commune.name },
        kind: context.kind,
        year: context.year,
        dryRun: query.dryRun,
        fileName,
        checksum,
        rows: read.rows,
        ...totals,
        valid: problems.count === 0,
        problems: problems.reported(),
        problemCount: problems.count,
        importId,
      };
      if (importId === null) return report;
      if (problems.count > 0) throw new ImportRejectedException(report);
      await this.imports.finish(importId, { rows: read.rows, ...totals });
      return report;
    });
  }

  private async context(
    what: ImportKind,
    target: ImportTarget,
    actor: ImportActor,
  ): Promise<ImportContext> {
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
    if (actor.scopeAreaId !== null) await this.scope.assertArea(actor, commune.id);
    if (what !== 'evaluations') {
      return {
        what,
        commune,
        kind: null,
        year: null,
        columns: REGISTRY_COLUMNS[what],
        set: null,
        closed: [],
      };
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
      closed: [],
    };
  }

  private async assertYearOpen(actor: ImportActor, communeId: number, year: number): Promise<void> {
    await this.locks.assertYearOpen(communeId, year);
    if (actor.scopeAreaId !== null) await this.scope.assertArea(actor, communeId, year);
  }

  /**
   * Streams the first sheet: the header row, then each data row parsed against its column, in
   * batches. A code met twice is a problem on the later row, naming the first.
   */
  private async *batches(
    buffer: Buffer,
    columns: ImportColumn[],
    problems: ProblemLog,
    read: { rows: number },
  ): AsyncGenerator<ParsedRow[]> {
    let positions: Map<string, number> | null = null;
    const seen = new Map<string, number>();
    let batch: ParsedRow[] = [];
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
        read.rows++;
        problems.add(rowProblems);
        if (!parsed) continue;
        const code = parsed.values.code as string;
        // Codes are unique regardless of case, in a file as in the tables.
        const first = seen.get(code.toLowerCase());
        if (first !== undefined) {
          problems.add([
            {
              row: parsed.row,
              column: 'A (Mã)',
              value: code,
              message: `Mã ${code} trùng với dòng ${first}`,
            },
          ]);
          continue;
        }
        seen.set(code.toLowerCase(), parsed.row);
        batch.push(parsed);
        if (batch.length === IMPORT_BATCH) {
          yield batch;
          batch = [];
        }
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
    if (read.rows === 0) {
      throw new UnreadableImportException(
        'EMPTY_SHEET',
        'không có dòng dữ liệu nào dưới dòng tiêu đề',
      );
    }
    if (batch.length > 0) yield batch;
  }

  /** Writes one batch's plan and its audit rows, naming the import. */
  private async write(
    context: ImportContext,
    plan: ImportPlan,
    importId: number,
    fileName: string,
    actor: ImportActor,
  ): Promise<void> {
    if (context.what === 'evaluations') {
      await this.imports.insertMany('evaluations', EVALUATION_INSERT, plan.creates);
      await this.imports.updateMany(
        'evaluations',
        EVALUATION_UPDATE,
        plan.updates,
        ', version = t.version + 1',
      );
    } else if (context.what === 'trainees') {
      await this.training.importBatch(
        plan.creates as Parameters<TraineesRepository['importBatch']>[0],
        plan.updates as Parameters<TraineesRepository['importBatch']>[1],
      );
    } else {
      const table = REGISTRY_TABLES[context.what];
      await this.imports.insertMany(
        table.table,
        [...table.identity, ...table.fields],
        plan.creates,
      );
      await this.imports.updateMany(table.table, table.fields, plan.updates);
    }
    const entity = context.kind
      ? `evaluation.${context.kind}`
      : IMPORT_TARGETS[context.what as Exclude<ImportKind, 'evaluations'>].entity;
    await this.imports.insertMany(
      'audit_log',
      AUDIT_COLUMNS,
      plan.audits.map((audit) => ({
        actor: actor.username,
        action: audit.action,
        entity,
        entity_code: audit.code,
        area_id: audit.areaId,
        year: context.year,
        reason: `Nhập từ tệp ${fileName} (lần nhập số ${importId})`,
        before: audit.before === null ? null : JSON.stringify(audit.before),
        after: JSON.stringify(audit.after),
      })),
    );
  }
}
