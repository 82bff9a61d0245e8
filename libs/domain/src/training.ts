import type { Problem } from './criteria.js';
import { TRAINEE_GROUPS, TRAINEE_ROLE_LEVELS, TRAINEE_ROLE_LABELS } from './model.js';
import type { TraineeGroup, TraineeRole } from './model.js';
import { percent, recognitionsNeeded } from './progress.js';
import { plansInForce, type TargetPlan } from './targets.js';

/** The roles that put a person in each group; association members join `association` by flag too. */
export const GROUP_ROLES: Record<TraineeGroup, readonly TraineeRole[]> = {
  association: ['association_officer', 'association_member'],
  hamlet_leaders: ['party_cell_secretary', 'hamlet_head', 'front_committee_head'],
  commune_officials: ['commune_vice_chair', 'culture_official'],
};

/** The groups a person counts in, from the role they hold and their association membership. */
export function groupsOf(role: TraineeRole, associationMember: boolean | null): TraineeGroup[] {
  return TRAINEE_GROUPS.filter(
    (group) =>
      GROUP_ROLES[group].includes(role) || (group === 'association' && associationMember === true),
  );
}

/** A course longer than this is a programme, recorded as several courses. */
export const MAX_COURSE_DAYS = 30;

const DAY_MS = 86_400_000;

/** Days a course runs, both ends included; dates are ISO `yyyy-mm-dd`. */
export function courseDays(startsOn: string, endsOn: string): number {
  return Math.round((Date.parse(endsOn) - Date.parse(startsOn)) / DAY_MS) + 1;
}

export type Attendance = 'full' | 'partial' | 'absent';

export const ATTENDANCE_LABELS: Record<Attendance, string> = {
  full: 'Dự đủ',
  partial: 'Dự một phần',
  absent: 'Vắng',
};

/** Only a person who attended every day of a course counts as trained by it. */
export function attendanceOf(daysAttended: number, days: number): Attendance {
  if (daysAttended <= 0) return 'absent';
  return daysAttended >= days ? 'full' : 'partial';
}

export function validateCourseDates(startsOn: string, endsOn: string): Problem[] {
  const days = courseDays(startsOn, endsOn);
  if (days < 1) {
    return [
      {
        field: 'endsOn',
        code: 'COURSE_ENDS_BEFORE_START',
        message: 'ngày kết thúc trước ngày bắt đầu',
      },
    ];
  }
  if (days > MAX_COURSE_DAYS) {
    return [
      {
        field: 'endsOn',
        code: 'COURSE_TOO_LONG',
        message: `lớp kéo dài ${days} ngày, tối đa ${MAX_COURSE_DAYS} ngày; hãy ghi thành nhiều lớp`,
      },
    ];
  }
  return [];
}

export function validateAttendanceDays(
  daysAttended: number,
  days: number,
  field: string,
): Problem[] {
  if (Number.isInteger(daysAttended) && daysAttended >= 0 && daysAttended <= days) return [];
  return [
    {
      field,
      code: 'ATTENDANCE_OUT_OF_RANGE',
      message: `số ngày dự phải là số nguyên từ 0 đến ${days} (lớp ${days} ngày), nhận được ${daysAttended}`,
    },
  ];
}

/** A hamlet role needs a hamlet, a commune role a commune. */
export function validateRoleLevel(role: TraineeRole, level: string, field: string): Problem[] {
  const levels: readonly string[] = TRAINEE_ROLE_LEVELS[role];
  if (levels.includes(level)) return [];
  const where = levels
    .map((l) => (l === 'hamlet' ? 'thôn, tổ dân phố' : 'xã, phường'))
    .join(' hoặc ');
  return [
    {
      field,
      code: 'ROLE_LEVEL_MISMATCH',
      message: `${TRAINEE_ROLE_LABELS[role]} phải thuộc ${where}`,
    },
  ];
}

export interface TrainingTarget {
  floor: number;
  plan: { code: string; name: string };
  milestoneYear: number;
  /** Training from this year up to the year measured counts towards the target. */
  periodFrom: number;
}

/**
 * Training targets in force for an area and year, chosen like the model targets: the milestone
 * at or after the year, then the most specific plan for it that sets the group.
 */
export function resolveTrainingTargets(
  plans: TargetPlan[],
  year: number,
  chain: string[],
): { periodFrom: number | null; targets: Record<TraineeGroup, TrainingTarget | null> } {
  const { milestone, periodFrom, current } = plansInForce(plans, year, chain);
  const resolve = (group: TraineeGroup): TrainingTarget | null => {
    let best: { plan: TargetPlan; rank: number; floor: number } | null = null;
    for (const { plan, rank } of current) {
      const value = plan.training?.find((t) => t.group === group);
      if (value !== undefined && (best === null || rank < best.rank)) {
        best = { plan, rank, floor: value.floor };
      }
    }
    if (best === null || milestone === null || periodFrom === null) return null;
    return {
      floor: best.floor,
      plan: { code: best.plan.code, name: best.plan.name },
      milestoneYear: milestone,
      periodFrom,
    };
  };
  return {
    periodFrom,
    targets: Object.fromEntries(TRAINEE_GROUPS.map((group) => [group, resolve(group)])) as Record<
      TraineeGroup,
      TrainingTarget | null
    >,
  };
}

export interface TrainingCounts {
  /** People of the group serving in the area at the end of the year. */
  total: number;
  /** Of them, trained by a course that started in the year. */
  trainedInYear: number;
  /** Of them, trained by a course since the plan period began (each person once). */
  trainedInPeriod: number;
  /** Of them, not trained in the period but who attended part of a course in it. */
  partialOnly: number;
}

export interface TrainingProgress extends TrainingCounts {
  percentInYear: number | null;
  percentInPeriod: number | null;
  target: TrainingTarget | null;
  met: boolean | null;
  /** People still to train to reach the floor. */
  shortfall: number | null;
}

/** Judged on counts like the model targets, so 99.96% never passes a 100% floor. */
export function assessTraining(
  counts: TrainingCounts,
  target: TrainingTarget | null,
): TrainingProgress {
  const progress = {
    ...counts,
    percentInYear: percent(counts.trainedInYear, counts.total),
    percentInPeriod: percent(counts.trainedInPeriod, counts.total),
    target,
  };
  // Nobody on record is not a group fully trained: there is nothing to judge yet.
  if (target === null || counts.total === 0) return { ...progress, met: null, shortfall: null };
  const needed = recognitionsNeeded(target.floor, counts.total);
  return {
    ...progress,
    met: counts.trainedInPeriod >= needed,
    shortfall: Math.max(0, needed - counts.trainedInPeriod),
  };
}
