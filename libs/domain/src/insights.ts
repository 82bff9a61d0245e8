import { sumPoints } from './criteria.js';
import type { DependencyRuleType } from './model.js';
import { percent, recognitionsNeeded } from './progress.js';
import type { FailureReason } from './scoring.js';
import { formatNumberVi } from './text.js';

export interface SharePoint {
  year: number;
  recognised: number;
  total: number;
}

export interface ShareTrend {
  /** Years actually used (the last `window` years with total > 0), oldest first. */
  years: number[];
  /** Least-squares slope of the recognised percentage, in percentage points per year, rounded to one decimal; null with fewer than two years. */
  pointsPerYear: number | null;
  /** Latest year's percentage (one decimal, via percent()). */
  latestPercent: number | null;
}

export type PaceVerdict =
  | { status: 'no_data'; message: string }
  | { status: 'met'; message: string }
  | { status: 'single_year'; message: string; perYearNeeded: number }
  | { status: 'on_track'; reachYear: number; message: string }
  | { status: 'off_track'; projectedPercent: number; perYearNeeded: number; message: string }
  | { status: 'past_milestone'; message: string };

/** Least-squares line through (year, percent), kept centred on the means for numeric stability. */
interface Line {
  meanYear: number;
  meanPercent: number;
  slope: number;
}

/**
 * One decimal, half away from zero so +2.25 and -2.25 round alike. The nudge stops float noise
 * from the regression (0.35 computed as 0.34999…) flipping a half case.
 */
function roundTenth(value: number): number {
  const tenths = Math.round(Math.abs(value) * 10 + 1e-9);
  return tenths === 0 ? 0 : (Math.sign(value) * tenths) / 10;
}

function recentPoints(points: SharePoint[], window: number): SharePoint[] {
  const counted = points.filter((p) => p.total > 0).sort((a, b) => a.year - b.year);
  // Not slice(-window): a window of 0 would then keep every point.
  return counted.slice(Math.max(0, counted.length - window));
}

function fitLine(points: SharePoint[]): Line | null {
  // Unrounded shares, so the slope does not inherit the display rounding of percent().
  const shares = points.map((p) => ({ year: p.year, percent: (100 * p.recognised) / p.total }));
  const meanYear = shares.reduce((sum, s) => sum + s.year, 0) / shares.length;
  const meanPercent = shares.reduce((sum, s) => sum + s.percent, 0) / shares.length;
  let sxx = 0;
  let sxy = 0;
  for (const s of shares) {
    sxx += (s.year - meanYear) ** 2;
    sxy += (s.year - meanYear) * (s.percent - meanPercent);
  }
  // Fewer than two distinct years give no trend (sxx is also 0 for an empty list).
  return sxx === 0 ? null : { meanYear, meanPercent, slope: sxy / sxx };
}

function lineAt(line: Line, year: number): number {
  return line.meanPercent + line.slope * (year - line.meanYear);
}

/** First year after `latestYear` where the line reaches `floor`; null if it never rises. */
function firstYearReaching(line: Line, floor: number, latestYear: number): number | null {
  if (line.slope <= 0) return null;
  const crossing = line.meanYear + (floor - line.meanPercent) / line.slope;
  // The latest year is known to fall short, even if the fitted line sits above the floor there.
  // The tolerance keeps a crossing computed as 2022.0000000001 in 2022.
  return Math.max(latestYear + 1, Math.ceil(crossing - 1e-9));
}

function analyse(
  points: SharePoint[],
  window: number,
): { used: SharePoint[]; line: Line | null; trend: ShareTrend } {
  const used = recentPoints(points, window);
  const line = fitLine(used);
  const latest = used.at(-1);
  return {
    used,
    line,
    trend: {
      years: used.map((p) => p.year),
      pointsPerYear: line === null ? null : roundTenth(line.slope),
      latestPercent: latest === undefined ? null : percent(latest.recognised, latest.total),
    },
  };
}

export function shareTrend(points: SharePoint[], window = 5): ShareTrend {
  return analyse(points, window).trend;
}

const formatPercent = (value: number): string => `${formatNumberVi(value, 1)}%`;

export function projectPace(
  points: SharePoint[],
  target: { floor: number; milestoneYear: number },
  window = 5,
): PaceVerdict & { trend: ShareTrend } {
  const { used, line, trend } = analyse(points, window);
  return { ...judgePace(used, line, trend, target), trend };
}

function judgePace(
  used: SharePoint[],
  line: Line | null,
  trend: ShareTrend,
  { floor, milestoneYear }: { floor: number; milestoneYear: number },
): PaceVerdict {
  if (trend.latestPercent === null) return { status: 'no_data', message: 'Chưa có số liệu' };
  const latest = used[used.length - 1];
  const floorText = `${formatNumberVi(floor)}%`;
  const latestText = `năm ${latest.year}: ${formatPercent(trend.latestPercent)}`;

  // Judged on counts rather than the rounded percentage, as in assessKind.
  const needed = recognitionsNeeded(floor, latest.total) - latest.recognised;
  if (needed <= 0) return { status: 'met', message: `Đã đạt ${floorText} (${latestText})` };
  if (latest.year > milestoneYear) {
    return {
      status: 'past_milestone',
      message: `Đã qua mốc ${milestoneYear} mà chưa đạt ${floorText}`,
    };
  }

  const perYearNeeded = Math.ceil(needed / Math.max(1, milestoneYear - latest.year));
  if (latest.year === milestoneYear) {
    // No year left to project over: what counts is what the milestone year itself still lacks.
    return {
      status: 'off_track',
      projectedPercent: trend.latestPercent,
      perYearNeeded,
      message: `Năm mốc ${milestoneYear} mới đạt ${formatPercent(trend.latestPercent)}; còn thiếu ${formatNumberVi(needed)} công nhận để đạt ${floorText}`,
    };
  }
  const needText = `cần thêm ${formatNumberVi(perYearNeeded)} công nhận mỗi năm để đạt ${floorText}`;
  if (line === null) {
    return {
      status: 'single_year',
      perYearNeeded,
      message: `Mới có số liệu một năm; ${needText} vào năm ${milestoneYear}`,
    };
  }

  const reachYear = firstYearReaching(line, floor, latest.year);
  if (reachYear !== null && reachYear <= milestoneYear) {
    return {
      status: 'on_track',
      reachYear,
      message: `Theo đà này (+${formatNumberVi(roundTenth(line.slope), 1)} điểm %/năm), đạt ${floorText} vào năm ${reachYear}`,
    };
  }

  const projectedPercent = roundTenth(Math.min(100, Math.max(0, lineAt(line, milestoneYear))));
  // The fitted line can sit at or above the floor while the latest count is below it (a dip
  // under a flat or falling trend); "chỉ đạt" a value above the floor would then contradict itself.
  const message =
    projectedPercent < floor
      ? `Theo đà này chỉ đạt ${formatPercent(projectedPercent)} vào năm ${milestoneYear}; ${needText}`
      : `Chưa đạt ${floorText} (${latestText}); ${needText} vào năm ${milestoneYear}`;
  return { status: 'off_track', projectedPercent, perYearNeeded, message };
}

export interface Shortfall {
  kind: 'criterion' | 'total' | 'dependency';
  /** Criterion code for 'criterion', dependency rule type for 'dependency'. */
  ref: string | null;
  /** Points missing (criterion, total) or member recognitions missing (dependency). */
  missing: number;
  /** Vietnamese, e.g. "tiêu chí 2 thiếu 5 điểm", "tổng điểm thiếu 3,5 điểm", "cần thêm 2 hộ thành viên được công nhận". */
  message: string;
}

export interface NearMissResult {
  /** What the subject lacks, one entry per measurable failure reason. */
  shortfalls: Shortfall[];
  /** Points to add so every point shortfall is closed: max(total gap, sum of criterion gaps); 0 if none. */
  pointsShort: number;
  nearMiss: boolean;
}

// Keyed by rule type so adding a type fails to compile until it has a message.
const DEPENDENCY_SHORTFALL_MESSAGES: Record<DependencyRuleType, (missing: number) => string> = {
  member_families_recognised: (missing) =>
    `cần thêm ${formatNumberVi(missing)} hộ thành viên được công nhận`,
};

/** Null for reasons whose gap cannot be measured: missing registration, scores or member figures. */
function toShortfall(reason: FailureReason): Shortfall | null {
  switch (reason.code) {
    case 'NOT_REGISTERED':
    case 'CRITERION_NOT_SCORED':
      return null;
    case 'CRITERION_BELOW_MINIMUM': {
      const missing = sumPoints([reason.minPoints, -reason.points]);
      return {
        kind: 'criterion',
        ref: reason.criterion,
        missing,
        message: `tiêu chí ${reason.criterion} thiếu ${formatNumberVi(missing)} điểm`,
      };
    }
    case 'TOTAL_BELOW_THRESHOLD': {
      const missing = sumPoints([reason.threshold, -reason.total]);
      return {
        kind: 'total',
        ref: null,
        missing,
        message: `tổng điểm thiếu ${formatNumberVi(missing)} điểm`,
      };
    }
    case 'DEPENDENCY_UNMET': {
      // scoreEvaluation fails a rule with no member figures; "0 more" would be meaningless.
      if (reason.members === 0) return null;
      const missing = recognitionsNeeded(reason.minShare, reason.members) - reason.recognised;
      return {
        kind: 'dependency',
        ref: reason.rule,
        missing,
        message: DEPENDENCY_SHORTFALL_MESSAGES[reason.rule](missing),
      };
    }
  }
}

export function classifyNearMiss(reasons: FailureReason[], marginPoints = 10): NearMissResult {
  const shortfalls = reasons.map(toShortfall).filter((s): s is Shortfall => s !== null);
  const criterionGap = sumPoints(
    shortfalls.filter((s) => s.kind === 'criterion').map((s) => s.missing),
  );
  const totalGap = shortfalls.find((s) => s.kind === 'total')?.missing ?? 0;
  const pointsShort = Math.max(totalGap, criterionGap);
  // An unmeasurable reason needs registration or data, not a small push, whatever the points.
  const measurable = shortfalls.length === reasons.length;
  // A single criterion or rule is one thing to fix, whatever its size; the total alone is not:
  // 20 points short everywhere is no near miss, so it must be within the margin.
  const singleCriterionOrRule = reasons.length === 1 && shortfalls[0]?.kind !== 'total';
  const nearMiss =
    reasons.length > 0 &&
    measurable &&
    (singleCriterionOrRule ||
      (shortfalls.every((s) => s.kind !== 'dependency') && pointsShort <= marginPoints));
  return { shortfalls, pointsShort, nearMiss };
}

/** What a reason is called in a table of reasons, whoever it blocked. */
export function reasonLabel(
  code: FailureReason['code'],
  ref: string | null,
  title: string | null,
): string {
  switch (code) {
    case 'CRITERION_BELOW_MINIMUM':
      return `Tiêu chí ${ref ?? ''} dưới mức tối thiểu${title ? ` (${title})` : ''}`;
    case 'CRITERION_NOT_SCORED':
      return `Tiêu chí ${ref ?? ''} chưa chấm`;
    case 'TOTAL_BELOW_THRESHOLD':
      return 'Tổng điểm dưới ngưỡng đạt';
    case 'DEPENDENCY_UNMET':
      return DEPENDENCY_LABELS[ref as DependencyRuleType] ?? `Quy định ${ref ?? ''} chưa đạt`;
    case 'NOT_REGISTERED':
      return 'Chưa đăng ký';
  }
}

const DEPENDENCY_LABELS: Record<DependencyRuleType, string> = {
  member_families_recognised: 'Chưa đủ tỷ lệ hộ thành viên là gia đình học tập',
};

export interface WhatIf {
  /** Recognitions still needed for the floor; null without a target. */
  shortfall: number | null;
  /** Passing every criterion and rule, waiting for a decision. */
  pending: number;
  nearMisses: number;
  /** Whether the pending and the near misses together would reach the floor. */
  wouldMeet: boolean | null;
  /** Near misses that would have to pass, after the pending ones, to reach the floor. */
  nearMissesNeeded: number | null;
  message: string;
}

/**
 * If the subjects waiting for a decision, then the near misses, were recognised: would the floor
 * be met, and how many near misses would it take.
 */
export function whatIf(
  progress: { met: boolean | null; shortfall: number | null },
  pending: number,
  nearMisses: number,
): WhatIf {
  const base = { shortfall: progress.shortfall, pending, nearMisses };
  if (progress.met === null || progress.shortfall === null) {
    return { ...base, wouldMeet: null, nearMissesNeeded: null, message: 'Chưa có chỉ tiêu' };
  }
  if (progress.met) {
    return { ...base, wouldMeet: true, nearMissesNeeded: 0, message: 'Đã đạt chỉ tiêu' };
  }
  const nearMissesNeeded = Math.max(0, progress.shortfall - pending);
  const wouldMeet = nearMissesNeeded <= nearMisses;
  const count = formatNumberVi;
  let message: string;
  if (nearMissesNeeded === 0) {
    message = `Công nhận ${count(progress.shortfall)} trong ${count(pending)} hồ sơ đã đạt tiêu chí là đủ chỉ tiêu`;
  } else if (wouldMeet) {
    message =
      (pending > 0 ? `Sau ${count(pending)} hồ sơ đã đạt tiêu chí, ` : '') +
      `cần ${count(nearMissesNeeded)} trong ${count(nearMisses)} trường hợp sát ngưỡng đạt thêm để đủ chỉ tiêu`;
  } else {
    const all =
      pending > 0
        ? `${count(pending)} hồ sơ đã đạt tiêu chí và ${count(nearMisses)} trường hợp sát ngưỡng`
        : `${count(nearMisses)} trường hợp sát ngưỡng`;
    message = `Kể cả ${all} đều được công nhận vẫn còn thiếu ${count(nearMissesNeeded - nearMisses)}`;
  }
  return { ...base, wouldMeet, nearMissesNeeded, message };
}
