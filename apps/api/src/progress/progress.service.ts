import { Injectable } from '@nestjs/common';
import {
  assessKind,
  MODEL_KINDS,
  type KindCounts,
  type ModelKind,
  type TargetValue,
} from '@app/domain';
import { ProgressRepository, type AreaRow, type ProgressCountRow } from '@app/database';
import { AreasService } from '../areas/areas.service.js';
import { ScopeService } from '../scope/scope.service.js';
import type { Principal } from '../auth/principal.js';
import { InvalidInputException } from '../common/app.exception.js';
import { TargetsService } from '../targets/targets.service.js';
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

@Injectable()
export class ProgressService {
  constructor(
    private readonly progress: ProgressRepository,
    private readonly areas: AreasService,
    private readonly targets: TargetsService,
    private readonly scope: ScopeService,
  ) {}

  /**
   * The area's totals for every year with data. `current`, the progress of the year asked for,
   * is reused when the caller already has it.
   */
  async trend(query: ProgressQuery, user?: Principal, current?: ProgressView): Promise<TrendView> {
    const { area, views } = await this.history(query, user, current);
    return { area: brief(area), points: views.map(({ year, total }) => ({ year, total })) };
  }

  /**
   * The area's full progress in every year with data, oldest first, each on the hierarchy as it
   * stood that year. `current`, the progress of the year asked for, is reused when given.
   */
  async history(
    query: ProgressQuery,
    user?: Principal,
    current?: ProgressView,
  ): Promise<{ area: AreaBrief; views: ProgressView[] }> {
    const area = await this.areas.requireInForce(query.area, 'area', query.year);
    if (user) await this.scope.assertArea(user, area.id, query.year);
    const years = await this.progress.yearsWithData(area.id);
    const views = await Promise.all(
      years.map((year) =>
        current && year === query.year
          ? Promise.resolve(current)
          : this.forArea({ area: query.area, year }),
      ),
    );
    return { area, views };
  }

  /**
   * The area a progress figure is asked for, in force in the year and, with a caller, in their
   * scope; a commune's rows are its hamlets, a district's or province's its communes.
   */
  async measuredArea(
    query: ProgressQuery,
    user?: Principal,
  ): Promise<{ area: AreaRow; rowLevel: 'commune' | 'hamlet' }> {
    const area = await this.areas.requireInForce(query.area, 'area', query.year);
    if (user) await this.scope.assertArea(user, area.id, query.year);
    if (area.level === 'hamlet') {
      throw new InvalidInputException([
        {
          field: 'area',
          code: 'AREA_LEVEL_MISMATCH',
          message: 'area: tiến độ tính cho xã, huyện hoặc tỉnh, không cho thôn',
        },
      ]);
    }
    return { area, rowLevel: area.level === 'commune' ? 'hamlet' : 'commune' };
  }

  /** Progress of an area; with a caller, refused outside the caller's scope. */
  async forArea(query: ProgressQuery, user?: Principal): Promise<ProgressView> {
    const { area, rowLevel } = await this.measuredArea(query, user);
    const [ancestry, counts, resolve] = await Promise.all([
      this.areas.chainCodes(area.id, query.year),
      this.progress.countsByRow(area.id, query.year, rowLevel),
      this.targets.resolver(query.year),
    ]);
    const upward = ancestry.map((a) => a.code);
    const byRow = new Map<number | null, Map<ModelKind, ProgressCountRow>>();
    for (const count of counts.counts) {
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
    // A hamlet row has no clans or units of its own: those are counted for its commune only.
    const rowKinds: readonly ModelKind[] =
      rowLevel === 'hamlet' ? ['family', 'community'] : MODEL_KINDS;
    const areaTargets = resolve(upward, area.difficult);
    const collator = new Intl.Collator('vi', { numeric: true });
    const ordered = [...counts.rows].sort((a, b) => collator.compare(a.name, b.name));
    const rows = ordered.map((row) => {
      // A hamlet has no target of its own: it works towards its commune's.
      const targets =
        rowLevel === 'hamlet' ? areaTargets : resolve([...row.path, ...upward], row.difficult);
      return { area: brief(row), ...assess(row.id, targets, rowKinds) };
    });
    return {
      area: brief(area),
      year: query.year,
      rowLevel,
      rows,
      total: assess(null, areaTargets, MODEL_KINDS) as ProgressView['total'],
    };
  }
}
