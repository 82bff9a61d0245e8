/**
 * Which years a dated change reaches. A subject counts in a year when it was active at some point
 * of it: from the year it started, up to the year before the one that begins on or after its end.
 */

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** The first year in which a subject ended on `deactivatedOn` no longer counts. */
export function firstYearWithout(deactivatedOn: string): number {
  const year = yearOf(deactivatedOn);
  return deactivatedOn.slice(5) === '01-01' ? year : year + 1;
}

/** A range of years, first and last included. */
export interface YearSpan {
  from: number;
  to: number;
}

/** From a year to `currentYear`: what a change effective from then reaches, today. */
export function yearsSince(year: number, currentYear: number): YearSpan {
  return { from: year, to: Math.max(year, currentYear) };
}

/**
 * The years in which a subject counted, or counts so far: the span a change of its place or
 * membership rewrites, since those are not dated.
 */
export function activeYears(
  activeFrom: string,
  deactivatedOn: string | null,
  currentYear: number,
): YearSpan {
  const from = yearOf(activeFrom);
  const to = deactivatedOn === null ? currentYear : firstYearWithout(deactivatedOn) - 1;
  return { from, to: Math.max(from, to) };
}

/** A finalised year of a place, and the area whose lock finalises it. */
export interface ClosedYear {
  year: number;
  placeId: number;
  areaCode: string;
}

/** The first finalised year of any of these places within the span, if any. */
export function firstClosed(
  closed: ClosedYear[],
  placeIds: number[],
  span: YearSpan,
): ClosedYear | null {
  return (
    closed.find(
      (lock) => placeIds.includes(lock.placeId) && lock.year >= span.from && lock.year <= span.to,
    ) ?? null
  );
}
