/** Dates the registers can hold: nobody recorded was active before 1900 or is planned past 2100. */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2100-12-31';

/**
 * A real calendar day written `YYYY-MM-DD`, and nothing else: ISO 8601 also allows week dates
 * (2020-W01) and ordinal dates (2020-350), which PostgreSQL's `date` refuses or reads otherwise.
 */
export function isCalendarDate(s: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date rolls 2021-02-30 over to March and maps years below 100 to the 1900s; a real day survives.
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** A calendar day between `earliest` and `latest` (ISO dates compare as strings). */
export function isDateWithin(s: string, earliest = EARLIEST_DATE, latest = LATEST_DATE): boolean {
  return isCalendarDate(s) && s >= earliest && s <= latest;
}

/** The last day of the year after `today`'s: as far ahead as a start date may be planned. */
export function endOfNextYear(today: string): string {
  return `${Number(today.slice(0, 4)) + 1}-12-31`;
}
