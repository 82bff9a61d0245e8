/**
 * Percentage with one decimal, rounded half-up; null when `whole` is 0.
 * Works on integers (tenths of a percent) so half cases such as 1/16 = 6.25% round reliably.
 */
export function percent(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.floor((part * 2000 + whole) / (2 * whole)) / 10;
}

/**
 * Smallest count reaching `floorPercent` of `total`. The percent is taken in basis points so
 * decimal floors like 50.5% stay exact and 80% of 25 is 20, not 21.
 */
export function recognitionsNeeded(floorPercent: number, total: number): number {
  const basisPoints = Math.round(floorPercent * 100);
  return Math.ceil((basisPoints * total) / 10000);
}

export interface TargetValue {
  floor: number;
  stretch: number | null;
  plan: { code: string; name: string };
  variant: 'standard' | 'difficult';
  milestoneYear: number;
}

/** below the floor / at or above floor but below stretch / at or above stretch (or floor without stretch). */
export type TargetBand = 'below' | 'floor' | 'stretch';

export interface KindCounts {
  total: number;
  registered: number;
  recognised: number;
}

export interface KindProgress extends KindCounts {
  percentOfTotal: number | null;
  percentOfRegistered: number | null;
  target: TargetValue | null;
  met: boolean | null;
  band: TargetBand | null;
  shortfall: number | null;
}

export function assessKind(counts: KindCounts, target: TargetValue | null): KindProgress {
  const progress = {
    ...counts,
    percentOfTotal: percent(counts.recognised, counts.total),
    percentOfRegistered: percent(counts.recognised, counts.registered),
    target,
  };
  if (target === null) return { ...progress, met: null, band: null, shortfall: null };

  // Judged on counts rather than rounded percentages, so 69.96% never passes a 70% floor.
  const needed = recognitionsNeeded(target.floor, counts.total);
  const met = counts.recognised >= needed;
  const reachedStretch =
    target.stretch === null ||
    counts.recognised >= recognitionsNeeded(target.stretch, counts.total);
  const band: TargetBand = !met ? 'below' : reachedStretch ? 'stretch' : 'floor';
  return { ...progress, met, band, shortfall: Math.max(0, needed - counts.recognised) };
}

export function sumCounts(items: KindCounts[]): KindCounts {
  return items.reduce<KindCounts>(
    (sum, item) => ({
      total: sum.total + item.total,
      registered: sum.registered + item.registered,
      recognised: sum.recognised + item.recognised,
    }),
    { total: 0, registered: 0, recognised: 0 },
  );
}
