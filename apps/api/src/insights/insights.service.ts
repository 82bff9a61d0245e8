import { Injectable } from '@nestjs/common';
import {
  classifyNearMiss,
  dependencyUnmet,
  projectPace,
  reasonLabel,
  shareTrend,
  whatIf,
  type FailureReason,
  type KindProgress,
  type ModelKind,
  type SharePoint,
} from '@app/domain';
import {
  InsightsRepository,
  type AreaRow,
  type BlockingCountRow,
  type EvaluatedCountRow,
  type FailureRecord,
} from '@app/database';
import type {
  BlockingFigures,
  BlockingReason,
  FocusFigures,
  NearMissRow,
  PaceFigures,
  ProgressView,
} from '@app/contracts';
import type { Principal } from '../auth/principal.js';
import { InvalidInputException } from '../common/app.exception.js';
import { brief, ProgressService } from '../progress/progress.service.js';
import type {
  BlockingView,
  FocusView,
  InsightQuery,
  NearMissQuery,
  NearMissView,
} from './dto/insights.dto.js';

/** The reasons as `scoreEvaluation` gives them, the dependency rules measured in SQL included. */
function failureReasons(record: FailureRecord): FailureReason[] {
  return record.reasons.map((reason) =>
    reason.code === 'DEPENDENCY_UNMET'
      ? dependencyUnmet({ type: reason.rule, minShare: reason.minShare }, reason)
      : reason,
  );
}

/** The failures that are near misses, each with what it lacks. */
function nearMissesOf(
  failures: FailureRecord[],
  margin: number,
): (NearMissRow & { rowCode: string | null })[] {
  return failures.flatMap((record) => {
    const { nearMiss, shortfalls, pointsShort } = classifyNearMiss(failureReasons(record), margin);
    if (!nearMiss) return [];
    return [
      {
        code: record.code,
        name: record.name,
        hamlet: record.hamlet,
        rowCode: record.rowCode,
        total: record.total,
        threshold: record.threshold,
        pointsShort,
        shortfalls,
      },
    ];
  });
}

const COUNT_ZERO = { evaluated: 0, failed: 0, pending: 0 };

const collator = new Intl.Collator('vi', { numeric: true });

function blockingFigures(
  counts: EvaluatedCountRow[],
  reasons: BlockingCountRow[],
  rowCode: string | null,
): BlockingFigures {
  const count = counts.find((row) => row.rowCode === rowCode) ?? COUNT_ZERO;
  return {
    evaluated: count.evaluated,
    failed: count.failed,
    pending: count.pending,
    reasons: reasons
      .filter((row) => row.rowCode === rowCode)
      .map((row): BlockingReason => ({
        code: row.code,
        ref: row.ref,
        label: reasonLabel(row.code, row.ref, row.title),
        blocked: row.blocked,
        alone: row.alone,
      }))
      .sort(
        (a, b) => b.blocked - a.blocked || b.alone - a.alone || collator.compare(a.label, b.label),
      ),
  };
}

function pointOf(year: number, progress: KindProgress | null | undefined): SharePoint[] {
  return progress ? [{ year, recognised: progress.recognised, total: progress.total }] : [];
}

function paceOf(points: SharePoint[], progress: KindProgress): PaceFigures {
  const target = progress.target;
  return {
    points,
    trend: shareTrend(points),
    verdict: target
      ? {
          ...projectPace(points, { floor: target.floor, milestoneYear: target.milestoneYear }),
          floor: target.floor,
          milestoneYear: target.milestoneYear,
        }
      : null,
  };
}

// Ties end on the code, so the list reads the same in the app and in the workbook.
const byCode = (a: NearMissRow, b: NearMissRow) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

const NEAR_MISS_ORDER: Record<NearMissQuery['sort'], (a: NearMissRow, b: NearMissRow) => number> = {
  pointsShort: (a, b) => a.pointsShort - b.pointsShort || b.total - a.total || byCode(a, b),
  total: (a, b) => b.total - a.total || byCode(a, b),
  name: (a, b) => collator.compare(a.name, b.name) || byCode(a, b),
  hamlet: (a, b) =>
    collator.compare(a.hamlet?.name ?? '', b.hamlet?.name ?? '') ||
    a.pointsShort - b.pointsShort ||
    byCode(a, b),
};

/** Where to act next: what holds subjects back, who is close, and the pace towards each target. */
@Injectable()
export class InsightsService {
  constructor(
    private readonly insights: InsightsRepository,
    private readonly progress: ProgressService,
  ) {}

  async blocking(query: InsightQuery, user?: Principal): Promise<BlockingView> {
    const { area, rowLevel } = await this.scope(query, user);
    const [counts, reasons, current] = await Promise.all([
      this.insights.counts(area.id, query.year, query.kind, rowLevel),
      this.insights.reasons(area.id, query.year, query.kind, rowLevel),
      this.progress.forArea({ area: query.area, year: query.year }),
    ]);
    return {
      area: brief(area),
      year: query.year,
      kind: query.kind,
      rows: rowsOf(current, query.kind).map((row) => ({
        area: row.area,
        ...blockingFigures(counts, reasons, row.area.code),
      })),
      total: blockingFigures(counts, reasons, null),
    };
  }

  async nearMisses(query: NearMissQuery, user?: Principal): Promise<NearMissView> {
    const { area } = await this.scope(query, user);
    if (area.level !== 'commune') {
      throw new InvalidInputException([
        {
          field: 'area',
          code: 'AREA_LEVEL_MISMATCH',
          message: 'area: danh sách sát ngưỡng lập cho từng xã, phường',
        },
      ]);
    }
    const [failures, counts, current] = await Promise.all([
      this.insights.failures(area.id, query.year, query.kind, 'hamlet'),
      this.insights.counts(area.id, query.year, query.kind, 'hamlet'),
      this.progress.forArea({ area: query.area, year: query.year }),
    ]);
    const near = nearMissesOf(failures, query.margin);
    const pending = counts.find((row) => row.rowCode === null)?.pending ?? 0;
    return {
      area: brief(area),
      year: query.year,
      kind: query.kind,
      margin: query.margin,
      failed: failures.length,
      items: near
        .filter((item) => query.hamlet === undefined || item.hamlet?.code === query.hamlet)
        .sort(NEAR_MISS_ORDER[query.sort])
        .map(({ rowCode: _row, ...item }) => item),
      whatIf: whatIf(current.total[query.kind], pending, near.length),
    };
  }

  /** Per row and for the area: progress, failures, near misses, the what-if, the top reason and the pace. */
  async focus(query: InsightQuery, user?: Principal): Promise<FocusView> {
    const { area, rowLevel } = await this.scope(query, user);
    const current = await this.progress.forArea({ area: query.area, year: query.year });
    const { views } = await this.progress.history(
      { area: query.area, year: query.year },
      undefined,
      current,
    );
    return this.focusOf({ area, rowLevel, kind: query.kind, margin: query.margin }, views, current);
  }

  /**
   * The focus figures of one kind from progress already computed: `views` is the area's
   * progress in every year with data, `current` the year measured.
   */
  async focusOf(
    scope: { area: AreaRow; rowLevel: 'commune' | 'hamlet'; kind: ModelKind; margin: number },
    views: ProgressView[],
    current: ProgressView,
  ): Promise<FocusView> {
    const { area, rowLevel, kind, margin } = scope;
    const year = current.year;
    const [counts, reasons, near] = await Promise.all([
      this.insights.counts(area.id, year, kind, rowLevel),
      this.insights.reasons(area.id, year, kind, rowLevel),
      this.nearMissCounts(area.id, year, kind, rowLevel, margin),
    ]);
    const past = views.filter((view) => view.year <= year);
    const figures = (
      rowCode: string | null,
      progress: KindProgress,
      points: SharePoint[],
    ): FocusFigures => {
      const blocking = blockingFigures(counts, reasons, rowCode);
      const nearMisses = rowCode === null ? near.total : (near.byRow.get(rowCode) ?? 0);
      return {
        progress,
        failed: blocking.failed,
        nearMisses,
        whatIf: whatIf(progress, blocking.pending, nearMisses),
        topReason: blocking.reasons[0] ?? null,
        pace: paceOf(points, progress),
      };
    };
    return {
      area: brief(area),
      year,
      kind,
      margin,
      rowLevel,
      rows: rowsOf(current, kind).map((row) => ({
        area: row.area,
        ...figures(
          row.area.code,
          row[kind] as KindProgress,
          past.flatMap((view) =>
            pointOf(
              view.year,
              view.rows.find((other) => other.area.code === row.area.code)?.[kind],
            ),
          ),
        ),
      })),
      total: figures(
        null,
        current.total[kind],
        past.flatMap((view) => pointOf(view.year, view.total[kind])),
      ),
      reasons: blockingFigures(counts, reasons, null).reasons,
    };
  }

  /** Near misses per row and in all, classified as the failures stream past, none held. */
  private async nearMissCounts(
    areaId: number,
    year: number,
    kind: ModelKind,
    rowLevel: 'commune' | 'hamlet',
    margin: number,
  ): Promise<{ total: number; byRow: Map<string | null, number> }> {
    const byRow = new Map<string | null, number>();
    let total = 0;
    for await (const record of this.insights.streamFailures(areaId, year, kind, rowLevel)) {
      if (!classifyNearMiss(failureReasons(record), margin).nearMiss) continue;
      total++;
      byRow.set(record.rowCode, (byRow.get(record.rowCode) ?? 0) + 1);
    }
    return { total, byRow };
  }

  /** A commune's near misses of a kind, closest first: for its workbook. */
  async nearMissItems(
    communeId: number,
    year: number,
    kind: ModelKind,
    margin: number,
  ): Promise<NearMissRow[]> {
    const failures = await this.insights.failures(communeId, year, kind, 'hamlet');
    return nearMissesOf(failures, margin)
      .sort(NEAR_MISS_ORDER.pointsShort)
      .map(({ rowCode: _row, ...item }) => item);
  }

  private scope(query: InsightQuery, user?: Principal) {
    return this.progress.measuredArea({ area: query.area, year: query.year }, user);
  }
}

/** The rows where the kind exists: a hamlet has families and its community, not clans or units. */
function rowsOf(view: ProgressView, kind: ModelKind) {
  return view.rows.filter((row) => row[kind] !== null);
}
