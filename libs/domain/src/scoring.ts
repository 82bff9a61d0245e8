import { hasAtMostDecimals, maxTotal, POINT_DECIMALS, sumPoints } from './criteria.js';
import type { CriteriaSetRules, DependencyRule, Problem } from './criteria.js';
import type { DependencyRuleType } from './model.js';
import { percent, recognitionsNeeded } from './progress.js';
import { formatNumberVi } from './text.js';

/** Points per criterion code. */
export type ScoreSheet = Record<string, number>;

export function validateScores(rules: CriteriaSetRules, scores: ScoreSheet): Problem[] {
  const criteria = new Map(rules.criteria.map((c) => [c.code, c]));
  const problems: Problem[] = [];
  for (const [code, points] of Object.entries(scores)) {
    const field = `scores.${code}`;
    const criterion = criteria.get(code);
    if (criterion === undefined) {
      problems.push({
        field,
        code: 'UNKNOWN_CRITERION',
        message: `Không có tiêu chí ${code} trong bộ tiêu chí`,
      });
      continue;
    }
    // Scores come from user input, so the declared number type is not trusted.
    if (typeof points !== 'number' || !Number.isFinite(points)) {
      problems.push({
        field,
        code: 'POINTS_NOT_A_NUMBER',
        message: `Tiêu chí ${code}: điểm phải là một số`,
      });
      continue;
    }
    if (points < 0) {
      problems.push({
        field,
        code: 'POINTS_OUT_OF_RANGE',
        message: `Tiêu chí ${code}: điểm không được âm (${formatNumberVi(points)})`,
      });
    } else if (points > criterion.maxPoints) {
      problems.push({
        field,
        code: 'POINTS_OUT_OF_RANGE',
        message: `Tiêu chí ${code}: ${formatNumberVi(points)} điểm vượt quá tối đa ${formatNumberVi(criterion.maxPoints)} điểm`,
      });
    }
    if (!hasAtMostDecimals(points, POINT_DECIMALS)) {
      problems.push({
        field,
        code: 'POINTS_PRECISION',
        message: `Tiêu chí ${code}: điểm chỉ được có tối đa một chữ số thập phân (${points})`,
      });
    }
  }
  return problems;
}

export interface DependencyFigures {
  type: DependencyRuleType;
  members: number;
  recognised: number;
}

export type FailureReason =
  | { code: 'NOT_REGISTERED'; message: string }
  | { code: 'CRITERION_NOT_SCORED'; criterion: string; message: string }
  | {
      code: 'CRITERION_BELOW_MINIMUM';
      criterion: string;
      points: number;
      minPoints: number;
      message: string;
    }
  | { code: 'TOTAL_BELOW_THRESHOLD'; total: number; threshold: number; message: string }
  | {
      code: 'DEPENDENCY_UNMET';
      rule: DependencyRuleType;
      recognised: number;
      members: number;
      share: number | null;
      minShare: number;
      message: string;
    };

export interface ScoreResult {
  total: number;
  maxTotal: number;
  passed: boolean;
  reasons: FailureReason[];
}

type DependencyUnmet = Extract<FailureReason, { code: 'DEPENDENCY_UNMET' }>;

// Keyed by rule type so adding a type fails to compile until it has a message.
const DEPENDENCY_MESSAGES: Record<
  DependencyRuleType,
  (figures: Omit<DependencyUnmet, 'code' | 'rule' | 'message'>) => string
> = {
  member_families_recognised: ({ recognised, members, share, minShare }) =>
    share === null
      ? `Chưa có số liệu hộ thành viên để tính tỷ lệ gia đình học tập, cần ít nhất ${formatNumberVi(minShare)}%`
      : `${recognised}/${members} hộ (${formatNumberVi(share, 1)}%) được công nhận gia đình học tập, cần ít nhất ${formatNumberVi(minShare)}%`,
};

/** The reason a rule is not met, with its figures and message: also for rules measured in SQL. */
export function dependencyUnmet(
  rule: DependencyRule,
  figures: { members: number; recognised: number },
): DependencyUnmet {
  const unmet = {
    recognised: figures.recognised,
    members: figures.members,
    share: percent(figures.recognised, figures.members),
    minShare: rule.minShare,
  };
  return {
    code: 'DEPENDENCY_UNMET',
    rule: rule.type,
    ...unmet,
    message: DEPENDENCY_MESSAGES[rule.type](unmet),
  };
}

/** Scores an already validated sheet and lists every reason it does not pass, in a stable order. */
export function scoreEvaluation(
  rules: CriteriaSetRules,
  input: { registered: boolean; scores: ScoreSheet },
  dependencies: DependencyFigures[],
): ScoreResult {
  const reasons: FailureReason[] = [];
  if (!input.registered) reasons.push({ code: 'NOT_REGISTERED', message: 'Chưa đăng ký' });

  const given: number[] = [];
  for (const criterion of rules.criteria) {
    const points = input.scores[criterion.code];
    if (points === undefined) {
      reasons.push({
        code: 'CRITERION_NOT_SCORED',
        criterion: criterion.code,
        message: `Chưa chấm tiêu chí ${criterion.code}`,
      });
      continue;
    }
    given.push(points);
    if (criterion.minPoints !== null && points < criterion.minPoints) {
      reasons.push({
        code: 'CRITERION_BELOW_MINIMUM',
        criterion: criterion.code,
        points,
        minPoints: criterion.minPoints,
        message: `Tiêu chí ${criterion.code}: ${formatNumberVi(points)} điểm dưới mức tối thiểu ${formatNumberVi(criterion.minPoints)}`,
      });
    }
  }

  const total = sumPoints(given);
  if (total < rules.passThreshold) {
    reasons.push({
      code: 'TOTAL_BELOW_THRESHOLD',
      total,
      threshold: rules.passThreshold,
      message: `Tổng điểm ${formatNumberVi(total)} dưới ngưỡng đạt ${formatNumberVi(rules.passThreshold)}`,
    });
  }

  for (const rule of rules.dependencyRules) {
    const figures = dependencies.find((d) => d.type === rule.type);
    const members = figures?.members ?? 0;
    const recognised = figures?.recognised ?? 0;
    // Compared on counts: rounding the share could turn 49.96% into a passing 50.0%.
    if (members === 0 || recognised < recognitionsNeeded(rule.minShare, members)) {
      reasons.push(dependencyUnmet(rule, { members, recognised }));
    }
  }

  return { total, maxTotal: maxTotal(rules), passed: reasons.length === 0, reasons };
}
