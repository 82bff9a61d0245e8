import type { TestApp } from './test-app.js';

export interface CriterionInfo {
  code: string;
  maxPoints: number;
  minPoints: number | null;
}

/** The criteria of the set in force, read through the API as a client would. */
export async function criteriaFor(
  t: TestApp,
  kind: string,
  year: number,
): Promise<CriterionInfo[]> {
  const response = await t.http().get(`/api/criteria-sets?kind=${kind}&year=${year}`).expect(200);
  const [set] = response.body as { rules: { criteria: CriterionInfo[] } }[];
  return set.rules.criteria;
}

/** Points at `share` of each criterion's maximum, rounded down to whole points. */
export function scoresAt(criteria: CriterionInfo[], share: number): Record<string, number> {
  return Object.fromEntries(criteria.map((c) => [c.code, Math.floor(c.maxPoints * share)]));
}
