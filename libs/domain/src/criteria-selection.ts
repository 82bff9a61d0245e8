import { scopeRank } from './scope.js';

export interface CriteriaSetCandidate {
  id: number;
  scopeAreaCode: string | null;
  fromYear: number;
  toYear: number | null;
}

/**
 * The criteria set in force for an area and year: the most specific scope wins, then the latest
 * `fromYear`, then the highest id (the newest record).
 */
export function selectCriteriaSet<T extends CriteriaSetCandidate>(
  sets: T[],
  year: number,
  chain: string[],
): T | null {
  let best: { set: T; rank: number } | null = null;
  for (const set of sets) {
    const rank = scopeRank(set.scopeAreaCode, chain);
    const inForce = set.fromYear <= year && (set.toYear === null || year <= set.toYear);
    if (rank === null || !inForce) continue;
    if (best === null || isBetter(set, rank, best.set, best.rank)) best = { set, rank };
  }
  return best?.set ?? null;
}

function isBetter(
  a: CriteriaSetCandidate,
  aRank: number,
  b: CriteriaSetCandidate,
  bRank: number,
): boolean {
  if (aRank !== bRank) return aRank < bRank;
  if (a.fromYear !== b.fromYear) return a.fromYear > b.fromYear;
  return a.id > b.id;
}
