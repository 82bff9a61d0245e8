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
  type BlockingCountRow,
  type EvaluatedCountRow,
  type FailureRecord,
  type YearTree,
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
import {
  brief,
  historyOf,
  ProgressService,
  treeOf,
  viewOf,
  type MeasuredArea,
} from '../progress/progress.service.js';
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

/** A kind's near misses, counted per row code and in all. */
interface NearMissFigures {
  nearMisses: { total: number; byRow: Map<string | null, number> };
  /** The near misses themselves, closest first, when they were asked for. */
  items: NearMissRow[];
}

/** What one kind's focus figures are made of, before the progress is put beside them. */
export interface KindFigures extends NearMissFigures {
  counts: EvaluatedCountRow[];
  reasons: BlockingCountRow[];
}

/** Where to act next: what holds subjects back, who is close, and the pace towards each target. */
@Injectable()
export class InsightsService {
  constructor(
    private readonly insights: InsightsRepository,
    private readonly progress: ProgressService,
  ) {}

  async blocking(query: InsightQuery, user: Principal): Promise<BlockingView> {
    const measured = await this.progress.measuredArea(query, user);
    const trees = await this.progress.trees(measured, [query.year], false);
    const [progress, [{ counts, reasons }]] = await Promise.all([
      this.progress.counted(measured, trees),
      this.insights.blocking(treeOf(trees, query.year), [query.kind]),
    ]);
    const current = viewOf(progress, query.year);
    return {
      area: brief(measured.area),
      year: query.year,
      kind: query.kind,
      rows: rowsOf(current, query.kind).map((row) => ({
        area: row.area,
        ...blockingFigures(counts, reasons, row.area.code),
      })),
      total: blockingFigures(counts, reasons, null),
    };
  }

  async nearMisses(query: NearMissQuery, user: Principal): Promise<NearMissView> {
    const measured = await this.progress.measuredArea(query, user);
    if (measured.area.level !== 'commune') {
      throw new InvalidInputException([
        {
          field: 'area',
          code: 'AREA_LEVEL_MISMATCH',
          message: 'area: danh sách sát ngưỡng lập cho từng xã, phường',
        },
      ]);
    }
    const trees = await this.progress.trees(measured, [query.year], false);
    const tree = treeOf(trees, query.year);
    const [failures, counts, progress] = await Promise.all([
      this.insights.failures(tree, query.kind),
      this.insights.counts(tree, query.kind),
      this.progress.counted(measured, trees),
    ]);
    const current = viewOf(progress, query.year);
    const near = nearMissesOf(failures, query.margin);
    const pending = counts.find((row) => row.rowCode === null)?.pending ?? 0;
    return {
      area: brief(measured.area),
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
  async focus(query: InsightQuery, user: Principal): Promise<FocusView> {
    const measured = await this.progress.measuredArea(query, user);
    const trees = await this.progress.trees(measured, [query.year], true);
    const [progress, figures] = await Promise.all([
      this.progress.counted(measured, trees),
      this.figures(treeOf(trees, query.year), [query.kind], query.margin, false),
    ]);
    const current = viewOf(progress, query.year);
    const views = historyOf(measured.area, progress);
    const kindFigures = figures.get(query.kind) as KindFigures;
    return focusView(measured, query.kind, query.margin, kindFigures, views, current);
  }

  /**
   * The figures of each kind on the year's tree: the counts and reasons of every kind in one
   * statement, their failures in one stream, classified as they pass; the near misses themselves
   * are kept only when asked for.
   */
  async figures(
    tree: YearTree,
    kinds: readonly ModelKind[],
    margin: number,
    keepItems: boolean,
  ): Promise<Map<ModelKind, KindFigures>> {
    const [blocking, nearMisses] = await Promise.all([
      this.insights.blocking(tree, kinds),
      this.nearMissesIn(tree, kinds, margin, keepItems),
    ]);
    return new Map(
      blocking.map(({ kind, counts, reasons }) => [
        kind,
        { counts, reasons, ...(nearMisses.get(kind) as NearMissFigures) },
      ]),
    );
  }

  /** Each kind's near misses per row and in all, classified as the failures stream past. */
  private async nearMissesIn(
    tree: YearTree,
    kinds: readonly ModelKind[],
    margin: number,
    keepItems: boolean,
  ): Promise<Map<ModelKind, NearMissFigures>> {
    const found = new Map(
      kinds.map((kind): [ModelKind, NearMissFigures] => [
        kind,
        { nearMisses: { total: 0, byRow: new Map() }, items: [] },
      ]),
    );
    for await (const record of this.insights.streamFailures(tree, kinds)) {
      const [nearMiss] = nearMissesOf([record], margin);
      if (!nearMiss) continue;
      const { nearMisses, items } = found.get(record.kind) as NearMissFigures;
      nearMisses.total++;
      nearMisses.byRow.set(nearMiss.rowCode, (nearMisses.byRow.get(nearMiss.rowCode) ?? 0) + 1);
      const { rowCode: _row, ...item } = nearMiss;
      if (keepItems) items.push(item);
    }
    for (const { items } of found.values()) items.sort(NEAR_MISS_ORDER.pointsShort);
    return found;
  }
}

/**
 * The focus figures of one kind: `views` is the area's progress in every year with data,
 * `current` the year measured.
 */
export function focusView(
  { area, rowLevel }: MeasuredArea,
  kind: ModelKind,
  margin: number,
  { counts, reasons, nearMisses: near }: KindFigures,
  views: ProgressView[],
  current: ProgressView,
): FocusView {
  const year = current.year;
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
          pointOf(view.year, view.rows.find((other) => other.area.code === row.area.code)?.[kind]),
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

/** The rows where the kind exists: a hamlet has families and its community, not clans or units. */
function rowsOf(view: ProgressView, kind: ModelKind) {
  return view.rows.filter((row) => row[kind] !== null);
}
