/** Areas are placed in the hierarchy as they stood at the end of the year being reported. */
export function yearEnd(year: number): string {
  return `${year}-12-31`;
}

export function yearStart(year: number): string {
  return `${year}-01-01`;
}
