import { Injectable } from '@nestjs/common';
import {
  Db,
  WorkflowRepository,
  type AreaEvaluationRow,
  type CompletenessRow,
  type WorklistSubjectRow,
} from '@app/database';
import { EVALUATION_STATUSES, foldForSearch, type EvaluationStatus } from '@app/domain';
import type { EvaluationListRow, WorklistRow } from '@app/contracts';
import { ScopeService, type AreaContext } from '../scope/scope.service.js';
import { YearLockChecks } from '../year-locks/year-lock-checks.service.js';
import type { Principal } from '../auth/principal.js';
import type { Page, PageQuery } from '../common/paging.js';
import type { AreaYearQuery } from '../common/year.js';
import type {
  BulkDto,
  CompletenessQuery,
  CompletenessView,
  EvaluationListQuery,
  WorklistQuery,
} from './dto/bulk.dto.js';

const NOT_SUBMITTED_LIMIT = 500;

/** Steps taken for a whole commune or hamlet at once, and where the year stands. */
@Injectable()
export class WorkflowService {
  constructor(
    private readonly db: Db,
    private readonly workflow: WorkflowRepository,
    private readonly scope: ScopeService,
    private readonly locks: YearLockChecks,
  ) {}

  submitAll(dto: BulkDto, user: Principal): Promise<{ moved: number }> {
    return this.moveAll(dto, user, 'draft', 'submitted', 'submit');
  }

  approveAll(dto: BulkDto, user: Principal): Promise<{ moved: number }> {
    return this.moveAll(dto, user, 'submitted', 'approved', 'approve');
  }

  private async moveAll(
    dto: BulkDto,
    user: Principal,
    from: EvaluationStatus,
    to: EvaluationStatus,
    action: string,
  ): Promise<{ moved: number }> {
    return this.db.transactional(async () => {
      const area = await this.resolve(dto, user);
      await this.locks.assertSubtreeOpen(area.id, dto.year);
      const moved = await this.workflow.moveAll(
        {
          areaId: area.id,
          year: dto.year,
          kind: dto.kind ?? null,
          from,
          to,
          onlyRegistered: action === 'submit',
        },
        user.username,
        `bulk-${action}`,
      );
      return { moved };
    });
  }

  /** The review queue and the officers' lists: evaluations of an area and year, a page at a time. */
  list(query: EvaluationListQuery, user: Principal): Promise<Page<EvaluationListRow>> {
    return this.paged(
      query,
      user,
      (areaId, window) =>
        this.workflow.list(areaId, query.year, {
          kind: query.kind,
          status: query.status,
          ...window,
        }),
      toListRow,
    );
  }

  /** Every subject of a kind under the area, with its evaluation of the year or none yet. */
  worklist(query: WorklistQuery, user: Principal): Promise<Page<WorklistRow>> {
    return this.paged(
      query,
      user,
      (areaId, window) =>
        this.workflow.worklist(areaId, query.year, {
          kind: query.kind,
          status: query.status,
          result: query.result,
          folded: query.q === undefined ? undefined : foldForSearch(query.q),
          ...window,
        }),
      toWorklistRow,
    );
  }

  /** A page of rows about an area in the caller's scope. */
  private async paged<R, T>(
    query: AreaYearQuery & PageQuery,
    user: Principal,
    fetch: (
      areaId: number,
      window: { limit: number; offset: number },
    ) => Promise<{ rows: R[]; total: number }>,
    toItem: (row: R) => T,
  ): Promise<Page<T>> {
    const area = await this.resolve(query, user);
    const { rows, total } = await fetch(area.id, {
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return { items: rows.map(toItem), page: query.page, pageSize: query.pageSize, total };
  }

  /** The area the request names, in force at the end of the year and in the caller's scope. */
  private resolve(query: AreaYearQuery, user: Principal): Promise<AreaContext> {
    return this.scope.resolve(user, query.area, { field: 'area', year: query.year, inForce: true });
  }

  async completeness(query: CompletenessQuery, user: Principal): Promise<CompletenessView> {
    const area = await this.resolve(query, user);
    const rowLevel = area.level === 'commune' ? 'hamlet' : 'commune';
    const figures = await this.workflow.completeness(
      area.id,
      query.year,
      rowLevel,
      NOT_SUBMITTED_LIMIT,
    );
    const zero = () =>
      Object.fromEntries(EVALUATION_STATUSES.map((status) => [status, 0])) as Record<
        EvaluationStatus,
        number
      >;
    const total = zero();
    const shaped = figures.rows.map((row: CompletenessRow) => {
      const counts = zero();
      for (const status of EVALUATION_STATUSES) {
        counts[status] = row[status];
        total[status] += row[status];
      }
      return { code: row.code, name: row.name, counts };
    });
    return {
      area: { code: area.code, name: area.name },
      year: query.year,
      rows: shaped,
      total,
      notSubmitted: figures.pending.map(({ kind, code, name }) => ({ kind, code, name })),
      notSubmittedTotal: figures.pendingTotal,
    };
  }
}

function toListRow(row: AreaEvaluationRow): EvaluationListRow {
  return {
    kind: row.kind,
    code: row.code,
    name: row.name,
    status: row.status,
    registered: row.registered,
    total: row.total,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

function toWorklistRow(row: WorklistSubjectRow): WorklistRow {
  return {
    code: row.code,
    name: row.name,
    category: row.category,
    place: row.placeCode === null ? null : { code: row.placeCode, name: row.placeName as string },
    evaluation:
      row.status === null
        ? null
        : {
            status: row.status,
            registered: row.registered as boolean,
            total: row.total as number,
            criteriaPassed: row.criteriaPassed as boolean,
            version: row.version as number,
          },
  };
}
