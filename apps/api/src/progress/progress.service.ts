import { Injectable } from '@nestjs/common';
import {
  assessKind,
  MODEL_KINDS,
  resolveTargets,
  type KindCounts,
  type ModelKind,
  type TargetValue,
} from '@app/domain';
import {
  AreaTreeRepository,
  ProgressRepository,
  yearEnd,
  type AreaTrees,
  type ProgressCountRow,
  type RowLevel,
  type TargetPlanView,
  type YearTree,
} from '@app/database';
import { AreaNotInForceException } from '../areas/areas.exception.js';
import { ScopeService, type AreaContext } from '../scope/scope.service.js';
import type { Principal } from '../auth/principal.js';
import { InvalidInputException } from '../common/app.exception.js';
import type {
  AreaBrief,
  ProgressByKind,
  ProgressQuery,
  ProgressView,
  TrendView,
} from './dto/progress.dto.js';

const ZERO: KindCounts = { total: 0, registered: 0, recognised: 0 };

export function brief(area: AreaBrief): AreaBrief {
  return {
    code: area.code,
    name: area.name,
    level: area.level,
    typeLabel: area.typeLabel,
    difficult: area.difficult,
  };
}

/** The area a progress figure is asked for, resolved once per request, and the level of its rows. */
export interface MeasuredArea {
  area: AreaContext;
  rowLevel: RowLevel;
}

/** An area's progress in the years measured. */
export interface AreaProgress {
  /** Each year measured, oldest first. */
  views: ProgressView[];
  /** The years anything under the area was evaluated, when they were asked for. */
  yearsWithData: number[];
}

/** The progress of the year asked for; every caller measures it. */
export function viewOf(progress: AreaProgress, year: number): ProgressView {
  return progress.views.find((view) => view.year === year) as ProgressView;
}

/** A commune's rows are its hamlets, a district's or province's its communes. */
function rowLevelOf(area: AreaContext): RowLevel {
  return area.level === 'commune' ? 'hamlet' : 'commune';
}

/** Progress is counted for a commune, a district or a province, not for a hamlet. */
function refuseHamlet(area: AreaContext): void {
  if (area.level === 'hamlet') {
    throw new InvalidInputException([
      {
        field: 'area',
        code: 'AREA_LEVEL_MISMATCH',
        message: 'area: tiến độ tính cho xã, huyện hoặc tỉnh, không cho thôn',
      },
    ]);
  }
}

/**
 * The progress of each year with data, oldest first. Each is the area's own progress in that
 * year, refused as that would be: when the area did not stand at the end of the year, or is a
 * hamlet.
 */
export function historyOf(area: AreaContext, progress: AreaProgress): ProgressView[] {
  for (const year of progress.yearsWithData) {
    const end = yearEnd(year);
    if (area.validFrom > end || (area.validTo !== null && area.validTo < end))
      throw new AreaNotInForceException(area.code, year);
    refuseHamlet(area);
  }
  return progress.views.filter((view) => progress.yearsWithData.includes(view.year));
}

/** The tree of the year; every caller reads the year it measures. */
export function treeOf(trees: AreaTrees, year: number): YearTree {
  return trees.trees.find((tree) => tree.year === year) as YearTree;
}

/** The area's progress in one year, from that year's tree and counts. */
function progressView(
  { area, rowLevel }: MeasuredArea,
  tree: YearTree,
  counts: ProgressCountRow[],
  plans: TargetPlanView[],
): ProgressView {
  const byRow = new Map<number | null, Map<ModelKind, ProgressCountRow>>();
  for (const count of counts) {
    const kinds = byRow.get(count.rowId) ?? new Map<ModelKind, ProgressCountRow>();
    kinds.set(count.kind, count);
    byRow.set(count.rowId, kinds);
  }
  const assess = (
    rowId: number | null,
    targets: Record<ModelKind, TargetValue | null>,
    kinds: readonly ModelKind[],
  ): ProgressByKind => {
    const found = byRow.get(rowId);
    const countsOf = (kind: ModelKind): KindCounts => {
      const count = found?.get(kind) ?? ZERO;
      return { total: count.total, registered: count.registered, recognised: count.recognised };
    };
    return Object.fromEntries(
      MODEL_KINDS.map((kind) => [
        kind,
        kinds.includes(kind) ? assessKind(countsOf(kind), targets[kind]) : null,
      ]),
    ) as ProgressByKind;
  };
  const resolve = (chain: string[], difficult: boolean) =>
    resolveTargets(plans, tree.year, { chain, difficult });
  // A hamlet row has no clans or units of its own: those are counted for its commune only.
  const rowKinds: readonly ModelKind[] =
    rowLevel === 'hamlet' ? ['family', 'community'] : MODEL_KINDS;
  const areaTargets = resolve(tree.chain, area.difficult);
  const collator = new Intl.Collator('vi', { numeric: true });
  const ordered = tree.nodes
    .filter((node) => node.id === node.rowId)
    .sort((a, b) => collator.compare(a.name, b.name));
  const rows = ordered.map((row) => {
    // A hamlet has no target of its own: it works towards its commune's.
    const targets =
      rowLevel === 'hamlet' ? areaTargets : resolve([...row.path, ...tree.chain], row.difficult);
    return { area: brief(row), ...assess(row.id, targets, rowKinds) };
  });
  return {
    area: brief(area),
    year: tree.year,
    rowLevel,
    rows,
    total: assess(null, areaTargets, MODEL_KINDS) as ProgressView['total'],
  };
}

@Injectable()
export class ProgressService {
  constructor(
    private readonly areaTrees: AreaTreeRepository,
    private readonly progress: ProgressRepository,
    private readonly scope: ScopeService,
  ) {}

  /** Progress of an area in the caller's scope. */
  async forArea(query: ProgressQuery, user: Principal): Promise<ProgressView> {
    const measured = await this.measuredArea(query, user);
    return viewOf(await this.measure(measured, [query.year], false), query.year);
  }

  /** The area's totals for every year with data, each on the hierarchy as it stood that year. */
  async trend(query: ProgressQuery, user: Principal): Promise<TrendView> {
    const area = await this.resolve(query, user);
    const progress = await this.measure({ area, rowLevel: rowLevelOf(area) }, [], true);
    return {
      area: brief(area),
      points: historyOf(area, progress).map(({ year, total }) => ({ year, total })),
    };
  }

  /** The area a progress figure is asked for, in force in the year and in the caller's scope. */
  async measuredArea(query: ProgressQuery, user: Principal): Promise<MeasuredArea> {
    const area = await this.resolve(query, user);
    refuseHamlet(area);
    return { area, rowLevel: rowLevelOf(area) };
  }

  private resolve(query: ProgressQuery, user: Principal): Promise<AreaContext> {
    return this.scope.resolve(user, query.area, { field: 'area', year: query.year, inForce: true });
  }

  /** The area's progress in `years` and, with `withData`, in every year with data. */
  async measure(measured: MeasuredArea, years: number[], withData: boolean): Promise<AreaProgress> {
    return this.counted(measured, await this.trees(measured, years, withData));
  }

  /**
   * The area's trees in `years` and, with `withData`, in every year with data, with the plans
   * that may set their targets: one statement.
   */
  trees(measured: MeasuredArea, years: number[], withData: boolean): Promise<AreaTrees> {
    return this.areaTrees.yearTrees(measured.area.id, measured.rowLevel, years, withData);
  }

  /** The progress of every year on its tree: the counts of all the years in one statement. */
  async counted(
    measured: MeasuredArea,
    { yearsWithData, trees, plans }: AreaTrees,
  ): Promise<AreaProgress> {
    const counts = await this.progress.counts(trees);
    return {
      views: trees.map((tree) =>
        progressView(
          measured,
          tree,
          counts.filter((count) => count.year === tree.year),
          plans,
        ),
      ),
      yearsWithData,
    };
  }
}
