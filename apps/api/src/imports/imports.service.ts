import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  evaluationColumns,
  importList,
  planEvaluationImport,
  planRegistryImport,
  planTraineeImport,
  REGISTRY_COLUMNS,
  type ImportColumn,
  type ImportKind,
  type ImportPlan,
  type ImportSetting,
  type ImportSheet,
  type ModelKind,
  type ParsedRow,
} from '@app/domain';
import { Db, ImportsRepository, TraineesRepository } from '@app/database';
import { ImportFileError, templateFor, UploadedSheet } from '@app/reporting';
import { ScopeService, type AreaContext } from '../scope/scope.service.js';
import { YearLockChecks } from '../year-locks/year-lock-checks.service.js';
import type { Principal } from '../auth/principal.js';
import { InvalidInputException } from '../common/app.exception.js';
import { MIN_YEAR } from '../common/year.js';
import { CriteriaSetsService } from '../criteria-sets/criteria-sets.service.js';
import type { ImportQuery, ImportReport, ImportTarget } from './dto/import.dto.js';
import { ImportRejectedException, UnreadableImportException } from './imports.exception.js';

interface Upload {
  buffer: Buffer;
  originalname: string;
}

/** Who imports: a signed-in user, or the command line (no scope, recorded as `cli`). */
export type ImportActor = Principal | { username: 'cli'; role: 'admin'; scopeAreaId: null };

/** The command line acts as the system, everywhere in scope. */
const CLI: Principal = {
  id: 0,
  username: 'cli',
  role: 'admin',
  scopeAreaId: null,
  scopeAreaCode: null,
};

/** A request's sheet: what it brings in, the commune resolved once, and its columns. */
type Sheet = ImportSheet & { commune: AreaContext; columns: ImportColumn[] };

/** A batch planned, and how to write it. */
type PlannedBatch = ImportPlan<unknown, unknown> & { write: () => Promise<void> };

/** Bringing in the registries, people to train and results communes keep in spreadsheets. */
@Injectable()
export class ImportsService {
  constructor(
    private readonly db: Db,
    private readonly imports: ImportsRepository,
    private readonly training: TraineesRepository,
    private readonly criteriaSets: CriteriaSetsService,
    private readonly scope: ScopeService,
    private readonly locks: YearLockChecks,
  ) {}

  /** The sheet to fill: the columns, drop-downs of the commune's hamlets and clans, examples. */
  async template(what: ImportKind, target: ImportTarget, user: Principal): Promise<Buffer> {
    const sheet = await this.sheet(what, target, user);
    const places = await this.imports.placesOf(sheet.commune.id, sheet.results?.year ?? null);
    return templateFor({ ...sheet, ...places });
  }

  /** Reads, checks and (unless a dry run) applies a sheet, all of it or nothing. */
  async run(
    what: ImportKind,
    query: ImportQuery,
    upload: Upload | undefined,
    actor: ImportActor,
  ): Promise<ImportReport> {
    const sheet = await this.sheet(what, query, actor);
    if (!upload || upload.buffer.length === 0) {
      throw new UnreadableImportException(
        'FILE_REQUIRED',
        'cần gửi một tệp .xlsx trong trường "file"',
      );
    }
    const fileName = upload.originalname || 'tep.xlsx';
    const checksum = createHash('sha256').update(upload.buffer).digest('hex');
    const year = sheet.results?.year ?? null;
    return this.db.transactional(async () => {
      if (year !== null) this.locks.assertOpen(sheet.commune, year);
      const setting = await this.setting(sheet);
      const file = new UploadedSheet(upload.buffer, sheet.columns);
      const totals = { created: 0, updated: 0, unchanged: 0 };
      const applied = query.dryRun ? null : await this.begin(sheet, actor, fileName, checksum);
      try {
        // A batch at a time: checked, then written in this transaction, so memory stays flat
        // whatever the file's size, and a problem anywhere rolls every batch back.
        for await (const rows of file.batches()) {
          const batch = await this.plan(sheet, setting, rows);
          file.problems.add(batch.problems);
          totals.created += batch.creates.length;
          totals.updated += batch.updates.length;
          totals.unchanged += batch.unchanged;
          if (applied && file.problems.count === 0) {
            await batch.write();
            await this.imports.auditChanges(applied.audit, batch.audits);
          }
        }
      } catch (error) {
        if (error instanceof ImportFileError)
          throw new UnreadableImportException(error.code, error.message);
        throw error;
      }
      const report: ImportReport = {
        what,
        commune: { code: sheet.commune.code, name: sheet.commune.name },
        kind: sheet.results?.kind ?? null,
        year,
        dryRun: query.dryRun,
        fileName,
        checksum,
        rows: file.rows,
        ...totals,
        valid: file.problems.count === 0,
        problems: file.problems.reported(),
        problemCount: file.problems.count,
        importId: applied?.id ?? null,
      };
      if (!applied) return report;
      if (!report.valid) throw new ImportRejectedException(report);
      await this.imports.finish(applied.id, { rows: file.rows, ...totals });
      return report;
    });
  }

  /**
   * Records an import about to be applied, for its batches' audit rows to name; its counts are
   * written once every batch is.
   */
  private async begin(sheet: Sheet, actor: ImportActor, fileName: string, checksum: string) {
    const year = sheet.results?.year ?? null;
    const id = await this.imports.record({
      actor: actor.username,
      what: sheet.results ? `evaluations.${sheet.results.kind}` : sheet.what,
      areaId: sheet.commune.id,
      year,
      fileName,
      checksum,
      rows: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
    });
    const audit = {
      actor: actor.username,
      entity: sheet.results ? `evaluation.${sheet.results.kind}` : importList(sheet.what).entity,
      year,
      reason: `Nhập từ tệp ${fileName} (lần nhập số ${id})`,
    };
    return { id, audit };
  }

  /**
   * What the request imports into: the commune, resolved once (in force, in the caller's scope,
   * placed as it stood at the end of the results' year), and for results the criteria set in
   * force there, whose criteria are the sheet's columns.
   */
  private async sheet(what: ImportKind, target: ImportTarget, actor: ImportActor): Promise<Sheet> {
    if (what === 'evaluations' && (target.kind === undefined || target.year === undefined)) {
      throw new InvalidInputException([
        {
          field: target.kind === undefined ? 'kind' : 'year',
          code: 'REQUIRED',
          message: 'kind, year: nhập kết quả đánh giá cần loại mô hình và năm',
        },
      ]);
    }
    const year = what === 'evaluations' ? (target.year as number) : new Date().getFullYear();
    const commune = await this.scope.resolve('id' in actor ? actor : CLI, target.commune, {
      field: 'commune',
      level: 'commune',
      year,
      inForce: true,
    });
    if (what !== 'evaluations') {
      return { what, results: null, commune, columns: REGISTRY_COLUMNS[what] };
    }
    const kind = target.kind as ModelKind;
    const chain = commune.ancestry.map((area) => area.code);
    const set = await this.criteriaSets.inForceFor(kind, year, chain);
    return {
      what,
      results: { kind, year, set: { id: set.id, rules: set.rules } },
      commune,
      columns: evaluationColumns(set.rules.criteria),
    };
  }

  /** What every row is checked against: the commune's places and finalised years, and today. */
  private async setting(sheet: Sheet): Promise<ImportSetting> {
    const year = sheet.results?.year ?? null;
    const { hamlets, clans } = await this.imports.placesOf(sheet.commune.id, year);
    const currentYear = new Date().getFullYear();
    // A finalised hamlet refuses its own rows only: the report names each of them.
    const closed = await this.locks.closedYears(
      [sheet.commune.id, ...hamlets.map((hamlet) => hamlet.id)],
      MIN_YEAR,
      Math.max(currentYear, year ?? 0),
    );
    return {
      commune: sheet.commune,
      hamlets,
      clans,
      closed,
      today: new Date().toISOString().slice(0, 10),
      currentYear,
    };
  }

  /** Loads the records a batch names, plans the batch against them, and says how to write it. */
  private async plan(
    sheet: Sheet,
    setting: ImportSetting,
    rows: ParsedRow[],
  ): Promise<PlannedBatch> {
    const codes = rows.map((row) => row.values.code as string);
    if (sheet.what === 'evaluations') {
      const { kind, year } = sheet.results;
      const hamletIds = setting.hamlets.map((hamlet) => hamlet.id);
      const subjects = await this.imports.evaluationSubjects(
        kind,
        sheet.commune.id,
        hamletIds,
        year,
        codes,
      );
      const existing = await this.imports.existingEvaluations(
        kind,
        year,
        subjects.map((subject) => subject.id),
      );
      const plan = planEvaluationImport(sheet.results, setting, rows, subjects, existing);
      return {
        ...plan,
        write: () => this.imports.writeEvaluations(kind, year, plan.creates, plan.updates),
      };
    }
    if (sheet.what === 'trainees') {
      const plan = planTraineeImport(setting, rows, await this.training.existingForImport(codes));
      return { ...plan, write: () => this.training.importBatch(plan.creates, plan.updates) };
    }
    const registry = sheet.what;
    const existing = await this.imports.existingSubjects(registry, codes);
    const plan = planRegistryImport(registry, setting, rows, existing);
    return {
      ...plan,
      write: () =>
        this.imports.writeSubjects(registry, sheet.commune.id, plan.creates, plan.updates),
    };
  }
}
