/**
 * How specific a scoped record is for an area: the index of its scope in the area's chain
 * (0 = the area itself), `chain.length` for national (null scope), or null when it does not apply.
 */
export function scopeRank(scopeAreaCode: string | null, chain: string[]): number | null {
  if (scopeAreaCode === null) return chain.length;
  const index = chain.indexOf(scopeAreaCode);
  return index === -1 ? null : index;
}
