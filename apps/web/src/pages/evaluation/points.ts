import { validateScores, type CriteriaSetRules, type ScoreSheet } from '@app/domain';

/** Points as typed: "27,5" and "27.5" are the same; an empty box is a criterion not yet scored. */
function parsePoints(text: string): number | null | 'invalid' {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : 'invalid';
}

export function textsOf(scores: ScoreSheet): Record<string, string> {
  return Object.fromEntries(
    Object.entries(scores).map(([code, points]) => [code, String(points).replace('.', ',')]),
  );
}

/** The scores typed so far, and the problems the form finds in them before the server is asked. */
export function readScores(texts: Record<string, string>, rules: CriteriaSetRules | undefined) {
  const scores: ScoreSheet = {};
  const local: Record<string, string> = {};
  for (const [criterion, text] of Object.entries(texts)) {
    const value = parsePoints(text);
    if (value === 'invalid')
      local[`scores.${criterion}`] = `Tiêu chí ${criterion}: điểm phải là một số`;
    else if (value !== null) scores[criterion] = value;
  }
  if (rules) {
    for (const problem of validateScores(rules, scores)) local[problem.field] ??= problem.message;
  }
  return { scores, local };
}
