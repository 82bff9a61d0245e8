import type { TargetPlan } from './targets.js';
import {
  assessTraining,
  attendanceOf,
  courseDays,
  groupsOf,
  resolveTrainingTargets,
  validateAttendanceDays,
  validateCourseDates,
  validateRoleLevel,
} from './training.js';

const plan = (
  code: string,
  scopeAreaCode: string | null,
  milestoneYear: number,
  training?: TargetPlan['training'],
): TargetPlan => ({
  code,
  name: code,
  scopeAreaCode,
  milestoneYear,
  values: [{ variant: 'standard', kind: 'family', floor: 70, stretch: null }],
  training,
});

describe('groupsOf', () => {
  it('puts association officers and members, and anyone flagged a member, in the association', () => {
    expect(groupsOf('association_member', null)).toEqual(['association']);
    expect(groupsOf('association_officer', false)).toEqual(['association']);
    expect(groupsOf('commune_vice_chair', true)).toEqual(['association', 'commune_officials']);
    expect(groupsOf('hamlet_head', null)).toEqual(['hamlet_leaders']);
    expect(groupsOf('front_committee_head', false)).toEqual(['hamlet_leaders']);
    expect(groupsOf('culture_official', null)).toEqual(['commune_officials']);
  });
});

describe('courses and attendance', () => {
  it('counts the days of a course with both ends, across a month end', () => {
    expect(courseDays('2018-10-25', '2018-10-26')).toBe(2);
    expect(courseDays('2019-05-10', '2019-05-10')).toBe(1);
    expect(courseDays('2020-02-28', '2020-03-01')).toBe(3);
  });

  it('trains only those present every day', () => {
    expect(attendanceOf(2, 2)).toBe('full');
    expect(attendanceOf(1, 2)).toBe('partial');
    expect(attendanceOf(0, 2)).toBe('absent');
    expect(attendanceOf(1, 1)).toBe('full');
  });

  it('refuses a course ending before it starts or longer than 30 days', () => {
    expect(validateCourseDates('2018-10-25', '2018-10-26')).toEqual([]);
    expect(validateCourseDates('2018-10-25', '2018-10-24')[0].code).toBe(
      'COURSE_ENDS_BEFORE_START',
    );
    expect(validateCourseDates('2018-10-01', '2018-10-30')).toEqual([]);
    expect(validateCourseDates('2018-10-01', '2018-10-31')[0].code).toBe('COURSE_TOO_LONG');
  });

  it('accepts whole days from none to the length of the course', () => {
    expect(validateAttendanceDays(0, 2, 'd')).toEqual([]);
    expect(validateAttendanceDays(2, 2, 'd')).toEqual([]);
    expect(validateAttendanceDays(3, 2, 'd')[0]).toMatchObject({
      field: 'd',
      code: 'ATTENDANCE_OUT_OF_RANGE',
    });
    expect(validateAttendanceDays(-1, 2, 'd')).toHaveLength(1);
    expect(validateAttendanceDays(1.5, 2, 'd')).toHaveLength(1);
  });

  it('places a hamlet role in a hamlet and a commune role in a commune', () => {
    expect(validateRoleLevel('hamlet_head', 'hamlet', 'role')).toEqual([]);
    expect(validateRoleLevel('association_member', 'commune', 'role')).toEqual([]);
    expect(validateRoleLevel('hamlet_head', 'commune', 'role')[0].message).toBe(
      'Trưởng thôn, tổ trưởng tổ dân phố phải thuộc thôn, tổ dân phố',
    );
    expect(validateRoleLevel('commune_vice_chair', 'hamlet', 'role')).toHaveLength(1);
  });
});

describe('resolveTrainingTargets', () => {
  const district = plan('HT', 'HT', 2020, [{ group: 'association', floor: 100 }]);
  const national2020 = plan('QD281', null, 2020);
  const national2025 = plan('QD387', null, 2025, [{ group: 'association', floor: 90 }]);
  const plans = [national2020, district, national2025];

  it('takes the most specific plan of the milestone, over a five-year period', () => {
    const { periodFrom, targets } = resolveTrainingTargets(plans, 2018, ['X', 'HT', 'PROVINCE']);
    expect(periodFrom).toBe(2016);
    expect(targets.association).toEqual({
      floor: 100,
      plan: { code: 'HT', name: 'HT' },
      milestoneYear: 2020,
      periodFrom: 2016,
    });
    expect(targets.hamlet_leaders).toBeNull();
  });

  it('starts the next period the year after the previous milestone', () => {
    const { periodFrom, targets } = resolveTrainingTargets(plans, 2023, ['X', 'HT']);
    expect(periodFrom).toBe(2021);
    expect(targets.association).toMatchObject({ floor: 90, milestoneYear: 2025 });
  });

  it('has no target outside any plan, or after the last milestone', () => {
    expect(resolveTrainingTargets(plans, 2018, ['ELSEWHERE']).targets.association).toBeNull();
    expect(resolveTrainingTargets(plans, 2026, ['X', 'HT'])).toMatchObject({
      periodFrom: null,
      targets: { association: null },
    });
  });
});

describe('assessTraining', () => {
  const target = {
    floor: 100,
    plan: { code: 'HT', name: 'HT' },
    milestoneYear: 2020,
    periodFrom: 2016,
  };

  it('judges the period share on counts, so 2,499 of 2,500 misses a 100% floor', () => {
    const result = assessTraining(
      { total: 2500, trainedInYear: 100, trainedInPeriod: 2499, partialOnly: 1 },
      target,
    );
    expect(result).toMatchObject({
      percentInPeriod: 100,
      percentInYear: 4,
      met: false,
      shortfall: 1,
    });
  });

  it('meets the floor when everyone is trained, and judges nothing for a group with nobody', () => {
    expect(
      assessTraining({ total: 3, trainedInYear: 0, trainedInPeriod: 3, partialOnly: 0 }, target),
    ).toMatchObject({ met: true, shortfall: 0, percentInPeriod: 100 });
    expect(
      assessTraining({ total: 0, trainedInYear: 0, trainedInPeriod: 0, partialOnly: 0 }, target),
    ).toMatchObject({ percentInPeriod: null, met: null, shortfall: null });
  });
});
