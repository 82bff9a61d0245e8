import { Injectable } from '@nestjs/common';
import { Db } from '@app/database';
import { EVALUATION_STATUSES, foldForSearch, type EvaluationStatus } from '@app/domain';
import type { EvaluationListRow, WorklistRow } from '@app/contracts';
import { WorkflowRepository } from '@app/database';
import { AreasService } from '../areas/areas.service.js';
import { ScopeService } from '../scope/scope.service.js';
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
    private readonly areas: AreasService,
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
    const area = await this.areas.requireInForce(dto.area, 'area', dto.year);
    return this.db.transactional(async () => {
      await this.scope.assertArea(user, area.id, dto.year);
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
    return this.paged(query, user, (areaId, window) =>
      this.workflow.list(areaId, query.year, {
        kind: query.kind,
        status: query.status,
        ...window,
      }),
    );
  }

  /** Every subject of a kind under the area, with its evaluation of the year or none yet. */
  worklist(query: WorklistQuery, user: Principal): Promise<Page<WorklistRow>> {
    return this.paged(query, user, (areaId, window) =>
      this.workflow.worklist(areaId, query.year, {
        kind: query.kind,
        status: query.status,
        result: query.result,
        folded: query.q === undefined ? undefined : foldForSearch(query.q),
        ...window,
      }),
    );
  }

  /** A page of rows about an area in the caller's scope. */
  private async paged<T>(
    query: AreaYearQuery & PageQuery,
    user: Principal,
    fetch: (
      areaId: number,
      window: { limit: number; offset: number },
    ) => Promise<{ rows: T[]; total: number }>,
  ): Promise<Page<T>> {
    const area = await this.areas.requireInForce(query.area, 'area', query.year);
    await this.scope.assertArea(user, area.id, query.year);
    const { rows, total } = await fetch(area.id, {
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return { items: rows, page: query.page, pageSize: query.pageSize, total };
  }

  async completeness(query: CompletenessQuery, user: Principal): Promise<CompletenessView> {
    const area = await this.areas.requireInForce(query.area, 'area', query.year);
    await this.scope.assertArea(user, area.id, query.year);
    const rowLevel = area.level === 'commune' ? 'hamlet' : 'commune';
    const [rows, pending] = await Promise.all([
      this.workflow.completeness(area.id, query.year, rowLevel),
      this.workflow.list(area.id, query.year, {
        status: 'draft',
        registeredOnly: true,
        limit: NOT_SUBMITTED_LIMIT,
        offset: 0,
      }),
    ]);
    const zero = () =>
      Object.fromEntries(EVALUATION_STATUSES.map((status) => [status, 0])) as Record<
        EvaluationStatus,
        number
      >;
    const total = zero();
    const shaped = rows.map((row) => {
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
      notSubmitted: pending.rows.map(({ kind, code, name }) => ({ kind, code, name })),
      notSubmittedTotal: pending.total,
    };
  }
}
