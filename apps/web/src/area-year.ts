import { api } from './api';
import { useLoad, type Loaded } from './hooks';
import type { AreaDetail, TrendView } from './types';

/** This year, or the last year the area existed when it has been merged or abolished since. */
function referenceYear(area: Pick<AreaDetail, 'validTo'>): number {
  const current = new Date().getFullYear();
  const lastYear = area.validTo ? Number(area.validTo.slice(0, 4)) : current;
  return Math.min(current, lastYear);
}

export interface AreaYear {
  area: Loaded<AreaDetail>;
  trend: Loaded<TrendView | null>;
  /** The year asked for, else the latest with data; null while it is being found out. */
  year: number | null;
  /** The years to offer: those with data, this year and the one shown, newest first. */
  years: number[];
}

/**
 * An area and the year to show it for. Without a year in the address, the latest year with data
 * is shown: officials open the page to see the campaign they are in.
 */
export function useAreaYear(areaCode: string, asked: number | null): AreaYear {
  const area = useLoad(() => api.get<AreaDetail>(`/areas/${areaCode}`), [areaCode]);
  const reference = area.data ? referenceYear(area.data) : null;
  const trend = useLoad(
    () =>
      reference
        ? api.get<TrendView>('/progress/trend', { area: areaCode, year: asked ?? reference })
        : Promise.resolve(null),
    [areaCode, reference, asked],
  );
  const withData = trend.data?.points.map((point) => point.year) ?? [];
  const year = asked ?? (trend.data ? (withData.at(-1) ?? reference) : null);
  const years = [...new Set([...withData, ...[year, reference].filter((y) => y !== null)])].sort(
    (a, b) => b - a,
  );
  return { area, trend, year, years };
}
