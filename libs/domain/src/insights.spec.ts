import type { CriteriaSetRules } from './criteria.js';
import { classifyNearMiss, projectPace, reasonLabel, shareTrend, whatIf } from './insights.js';
import type { SharePoint } from './insights.js';
import { scoreEvaluation } from './scoring.js';
import type { ScoreSheet } from './scoring.js';

/** Consecutive years from `firstYear`, each share given as a percentage of `total` subjects. */
function series(firstYear: number, percents: number[], total = 100): SharePoint[] {
  return percents.map((p, i) => ({
    year: firstYear + i,
    recognised: Math.round((p * total) / 100),
    total,
  }));
}

const by2025 = { floor: 80, milestoneYear: 2025 };

describe('shareTrend', () => {
  it('fits the least-squares slope over real years, oldest first', () => {
    // Deviations from 2018.5: -1.5, -0.5, 0.5, 1.5 → Sxx = 5; Sxy = -75 - 28 + 29 + 93 = 19.
    expect(shareTrend(series(2017, [50, 56, 58, 62]))).toEqual({
      years: [2017, 2018, 2019, 2020],
      pointsPerYear: 3.8,
      latestPercent: 62,
    });
  });

  it('regresses on unrounded percentages', () => {
    // 1/3 → 2/3 rises 33.33… points; the displayed 33.3% and 66.7% would give 33.4.
    const points = [
      { year: 2019, recognised: 1, total: 3 },
      { year: 2020, recognised: 2, total: 3 },
    ];
    expect(shareTrend(points)).toEqual({
      years: [2019, 2020],
      pointsPerYear: 33.3,
      latestPercent: 66.7,
    });
  });

  it.each([
    [209, 2.3],
    [191, -2.3],
    [200, 0],
  ])('rounds a slope of %p/400 - 50%% half away from zero to %p', (recognised, expected) => {
    const points = [
      { year: 2019, recognised: 200, total: 400 },
      { year: 2020, recognised, total: 400 },
    ];
    expect(shareTrend(points).pointsPerYear).toBe(expected);
  });

  it('does not let float noise flip a half case', () => {
    // 50% → 50.35% is a slope of 0.35, which floating point may compute just below.
    const points = [
      { year: 2019, recognised: 1000, total: 2000 },
      { year: 2020, recognised: 1007, total: 2000 },
    ];
    expect(shareTrend(points).pointsPerYear).toBe(0.4);
  });

  it('sorts unsorted input', () => {
    const sorted = series(2018, [60, 65, 70]);
    expect(shareTrend([sorted[2], sorted[0], sorted[1]])).toEqual(shareTrend(sorted));
  });

  it('skips years with no subjects, including the latest', () => {
    const points = [
      { year: 2018, recognised: 60, total: 100 },
      { year: 2019, recognised: 0, total: 0 },
      { year: 2020, recognised: 70, total: 100 },
      { year: 2021, recognised: 0, total: 0 },
    ];
    // The gap year still counts as time: 10 points over two years.
    expect(shareTrend(points)).toEqual({
      years: [2018, 2020],
      pointsPerYear: 5,
      latestPercent: 70,
    });
  });

  it('keeps only the last `window` years', () => {
    const points = series(2015, [10, 90, 20, 60, 65, 70]);
    expect(shareTrend(points, 3)).toEqual({
      years: [2018, 2019, 2020],
      pointsPerYear: 5,
      latestPercent: 70,
    });
    expect(shareTrend(points).years).toEqual([2016, 2017, 2018, 2019, 2020]);
    expect(shareTrend(points, 1)).toEqual({
      years: [2020],
      pointsPerYear: null,
      latestPercent: 70,
    });
    expect(shareTrend(points, 0).years).toEqual([]);
  });

  it('returns nulls without data', () => {
    expect(shareTrend([])).toEqual({ years: [], pointsPerYear: null, latestPercent: null });
  });
});

describe('projectPace', () => {
  it.each([[[]], [[{ year: 2020, recognised: 0, total: 0 }]]])(
    'reports no data for %j',
    (points: SharePoint[]) => {
      expect(projectPace(points, by2025)).toEqual({
        status: 'no_data',
        message: 'Chưa có số liệu',
        trend: { years: [], pointsPerYear: null, latestPercent: null },
      });
    },
  );

  it('asks for a yearly effort from a single year of data', () => {
    // 80 - 61 = 19 recognitions over 2024 and 2025 → 9.5, rounded up.
    expect(projectPace([{ year: 2023, recognised: 61, total: 100 }], by2025)).toEqual({
      status: 'single_year',
      perYearNeeded: 10,
      message: 'Mới có số liệu một năm; cần thêm 10 công nhận mỗi năm để đạt 80% vào năm 2025',
      trend: { years: [2023], pointsPerYear: null, latestPercent: 61 },
    });
  });

  it('reports a commune already above target', () => {
    expect(projectPace(series(2019, [70, 85]), { floor: 80, milestoneYear: 2020 })).toEqual({
      status: 'met',
      message: 'Đã đạt 80% (năm 2020: 85,0%)',
      trend: { years: [2019, 2020], pointsPerYear: 15, latestPercent: 85 },
    });
  });

  it('judges the target on counts, not rounded percentages', () => {
    const exact = projectPace([{ year: 2020, recognised: 20, total: 25 }], by2025);
    expect(exact).toMatchObject({ status: 'met', message: 'Đã đạt 80% (năm 2020: 80,0%)' });

    const decimalFloor = projectPace([{ year: 2020, recognised: 101, total: 200 }], {
      floor: 50.5,
      milestoneYear: 2025,
    });
    expect(decimalFloor.message).toBe('Đã đạt 50,5% (năm 2020: 50,5%)');

    // 69.97% shows as 70.0% but is 3 recognitions short of a 70% floor.
    const nearly = projectPace([{ year: 2020, recognised: 6997, total: 10000 }], {
      floor: 70,
      milestoneYear: 2025,
    });
    expect(nearly).toMatchObject({ status: 'single_year', perYearNeeded: 1 });
  });

  it('projects an exact least-squares line: 60, 65, 70% → +5 a year, 80% in 2022', () => {
    expect(projectPace(series(2018, [60, 65, 70]), by2025)).toEqual({
      status: 'on_track',
      reachYear: 2022,
      message: 'Theo đà này (+5,0 điểm %/năm), đạt 80% vào năm 2022',
      trend: { years: [2018, 2019, 2020], pointsPerYear: 5, latestPercent: 70 },
    });
  });

  it('is on track when the crossing falls exactly on the milestone', () => {
    const points = series(2018, [60, 65, 70]);
    expect(projectPace(points, { floor: 80, milestoneYear: 2022 })).toMatchObject({
      status: 'on_track',
      reachYear: 2022,
    });
    expect(projectPace(points, { floor: 80, milestoneYear: 2021 })).toMatchObject({
      status: 'off_track',
      projectedPercent: 75,
      perYearNeeded: 10,
      message: 'Theo đà này chỉ đạt 75,0% vào năm 2021; cần thêm 10 công nhận mỗi năm để đạt 80%',
    });
  });

  it('rounds a fractional crossing up to the next year', () => {
    // Slope 3.8 through (2018.5, 56.5): 80% at 2024.68, 85% at exactly 2026.
    const points = series(2017, [50, 56, 58, 62]);
    expect(projectPace(points, by2025)).toMatchObject({ status: 'on_track', reachYear: 2025 });
    expect(projectPace(points, { floor: 85, milestoneYear: 2026 })).toMatchObject({
      status: 'on_track',
      reachYear: 2026,
    });
    // 85 - 62 = 23 recognitions over five years → 4.6, rounded up.
    expect(projectPace(points, { floor: 85, milestoneYear: 2025 })).toMatchObject({
      status: 'off_track',
      projectedPercent: 81.2,
      perYearNeeded: 5,
      message: 'Theo đà này chỉ đạt 81,2% vào năm 2025; cần thêm 5 công nhận mỗi năm để đạt 85%',
    });
  });

  it('never reaches the floor on a flat series', () => {
    const result = projectPace(series(2021, [70, 70, 70]), by2025);
    expect(result).toMatchObject({
      status: 'off_track',
      projectedPercent: 70,
      perYearNeeded: 5,
      message: 'Theo đà này chỉ đạt 70,0% vào năm 2025; cần thêm 5 công nhận mỗi năm để đạt 80%',
    });
    expect(result.trend.pointsPerYear).toBe(0);
  });

  it('projects a falling series down, clamped at 0%', () => {
    expect(projectPace(series(2021, [75, 72, 69]), by2025)).toMatchObject({
      status: 'off_track',
      projectedPercent: 63,
      perYearNeeded: 6,
      message: 'Theo đà này chỉ đạt 63,0% vào năm 2025; cần thêm 6 công nhận mỗi năm để đạt 80%',
      trend: { pointsPerYear: -3 },
    });
    expect(
      projectPace(series(2021, [30, 20, 10]), { floor: 80, milestoneYear: 2030 }),
    ).toMatchObject({ status: 'off_track', projectedPercent: 0, perYearNeeded: 10 });
  });

  it('expects the year after a dip below a rising line that is above the floor', () => {
    // Line through 70, 90, 79%: slope 4.5, 84.2% in 2020, yet 2020 itself is short.
    expect(projectPace(series(2018, [70, 90, 79]), by2025)).toMatchObject({
      status: 'on_track',
      reachYear: 2021,
    });
  });

  it('does not claim "only reaches" a projection at or above the floor', () => {
    // 81, 84, 79.9%: slope -0.55, so the line is at 80.5% in 2021 while 2020 is 1 short.
    const falling = series(2018, [81, 84, 79.9], 1000);
    expect(projectPace(falling, { floor: 80, milestoneYear: 2021 })).toMatchObject({
      status: 'off_track',
      projectedPercent: 80.5,
      perYearNeeded: 1,
      message:
        'Chưa đạt 80% (năm 2020: 79,9%); cần thêm 1 công nhận mỗi năm để đạt 80% vào năm 2021',
    });
  });

  it('judges the milestone year on its own figure, not on the line (here at 84.2%)', () => {
    expect(
      projectPace(series(2018, [70, 90, 79]), { floor: 80, milestoneYear: 2020 }),
    ).toMatchObject({
      status: 'off_track',
      projectedPercent: 79,
      perYearNeeded: 1,
      message: 'Năm mốc 2020 mới đạt 79,0%; còn thiếu 1 công nhận để đạt 80%',
    });
  });

  it('reports a missed milestone once data go past it', () => {
    expect(projectPace(series(2021, [60, 70]), { floor: 80, milestoneYear: 2020 })).toEqual({
      status: 'past_milestone',
      message: 'Đã qua mốc 2020 mà chưa đạt 80%',
      trend: { years: [2021, 2022], pointsPerYear: 10, latestPercent: 70 },
    });
    expect(projectPace(series(2021, [60, 85]), { floor: 80, milestoneYear: 2020 }).status).toBe(
      'met',
    );
  });

  it('handles unsorted input with zero-total years', () => {
    const points = [
      { year: 2020, recognised: 70, total: 100 },
      { year: 2021, recognised: 0, total: 0 },
      { year: 2018, recognised: 60, total: 100 },
      { year: 2019, recognised: 65, total: 100 },
    ];
    expect(projectPace(points, by2025)).toMatchObject({
      status: 'on_track',
      reachYear: 2022,
      trend: { years: [2018, 2019, 2020] },
    });
  });

  it('projects from the last `window` years only', () => {
    // Over all six years the early swings would dominate; the last three rise 5 a year.
    const points = series(2015, [90, 10, 95, 60, 65, 70]);
    expect(projectPace(points, by2025, 3)).toMatchObject({
      status: 'on_track',
      reachYear: 2022,
      trend: { years: [2018, 2019, 2020], pointsPerYear: 5 },
    });
    expect(projectPace(points, by2025, 1)).toMatchObject({ status: 'single_year' });
  });
});

describe('classifyNearMiss', () => {
  const rules: CriteriaSetRules = {
    kind: 'clan',
    passThreshold: 70,
    criteria: [
      { code: '1', title: 'Khuyến học', maxPoints: 40, minPoints: 20 },
      { code: '2', title: 'Gia đình học tập', maxPoints: 30, minPoints: 15 },
      { code: '3', title: 'Đoàn kết', maxPoints: 30, minPoints: 15 },
    ],
    dependencyRules: [{ type: 'member_families_recognised', minShare: 50 }],
  };

  function reasonsFor(
    scores: ScoreSheet,
    { recognised = 5, members = 10, registered = true } = {},
  ) {
    return scoreEvaluation(rules, { registered, scores }, [
      { type: 'member_families_recognised', members, recognised },
    ]).reasons;
  }

  const marks = (s1: number, s2: number, s3: number): ScoreSheet => ({ '1': s1, '2': s2, '3': s3 });

  it('finds nothing for a passed evaluation', () => {
    expect(reasonsFor(marks(40, 30, 30))).toEqual([]);
    expect(classifyNearMiss([])).toEqual({ shortfalls: [], pointsShort: 0, nearMiss: false });
  });

  it('treats a total within the margin as a near miss', () => {
    expect(classifyNearMiss(reasonsFor(marks(25, 20, 20)))).toEqual({
      shortfalls: [{ kind: 'total', ref: null, missing: 5, message: 'tổng điểm thiếu 5 điểm' }],
      pointsShort: 5,
      nearMiss: true,
    });
  });

  it('does not treat the total alone beyond the margin as a near miss', () => {
    expect(classifyNearMiss(reasonsFor(marks(21, 19, 19)))).toEqual({
      shortfalls: [{ kind: 'total', ref: null, missing: 11, message: 'tổng điểm thiếu 11 điểm' }],
      pointsShort: 11,
      nearMiss: false,
    });
  });

  it('treats a single criterion as a near miss whatever its size', () => {
    // Criterion 1 at 10 of a 20 minimum, the total exactly at the threshold; margin 5.
    expect(classifyNearMiss(reasonsFor(marks(10, 30, 30)), 5)).toEqual({
      shortfalls: [
        { kind: 'criterion', ref: '1', missing: 10, message: 'tiêu chí 1 thiếu 10 điểm' },
      ],
      pointsShort: 10,
      nearMiss: true,
    });
  });

  it('treats several point shortfalls within the margin as a near miss', () => {
    const reasons = reasonsFor(marks(40, 12, 12));
    expect(reasons).toHaveLength(3);
    expect(classifyNearMiss(reasons)).toEqual({
      shortfalls: [
        { kind: 'criterion', ref: '2', missing: 3, message: 'tiêu chí 2 thiếu 3 điểm' },
        { kind: 'criterion', ref: '3', missing: 3, message: 'tiêu chí 3 thiếu 3 điểm' },
        { kind: 'total', ref: null, missing: 6, message: 'tổng điểm thiếu 6 điểm' },
      ],
      pointsShort: 6,
      nearMiss: true,
    });
  });

  it('does not treat several point shortfalls beyond the margin as a near miss', () => {
    expect(classifyNearMiss(reasonsFor(marks(12, 30, 16)))).toEqual({
      shortfalls: [
        { kind: 'criterion', ref: '1', missing: 8, message: 'tiêu chí 1 thiếu 8 điểm' },
        { kind: 'total', ref: null, missing: 12, message: 'tổng điểm thiếu 12 điểm' },
      ],
      pointsShort: 12,
      nearMiss: false,
    });
  });

  it('counts criterion gaps when they exceed the total gap', () => {
    // Criterion 2 lacks 7 points, but criterion 3 above its minimum leaves the total only 2 short.
    expect(classifyNearMiss(reasonsFor(marks(40, 8, 20)))).toMatchObject({
      pointsShort: 7,
      nearMiss: true,
    });
  });

  it('respects the margin parameter, inclusively', () => {
    expect(classifyNearMiss(reasonsFor(marks(40, 12, 12)), 5).nearMiss).toBe(false);
    expect(classifyNearMiss(reasonsFor(marks(12, 30, 16)), 12).nearMiss).toBe(true);
    expect(classifyNearMiss(reasonsFor(marks(40, 5, 15)))).toMatchObject({
      pointsShort: 10,
      nearMiss: true,
    });
    expect(classifyNearMiss(reasonsFor(marks(40, 4.9, 15)))).toMatchObject({
      pointsShort: 10.1,
      nearMiss: false,
    });
  });

  it('formats decimal gaps without float noise', () => {
    expect(classifyNearMiss(reasonsFor(marks(40, 12.5, 30))).shortfalls).toEqual([
      { kind: 'criterion', ref: '2', missing: 2.5, message: 'tiêu chí 2 thiếu 2,5 điểm' },
    ]);
    // 15 - 14.9 and 70 - 69.7 are 0.0999… and 0.2999… in floating point.
    expect(classifyNearMiss(reasonsFor(marks(39.8, 14.9, 15)))).toEqual({
      shortfalls: [
        { kind: 'criterion', ref: '2', missing: 0.1, message: 'tiêu chí 2 thiếu 0,1 điểm' },
        { kind: 'total', ref: null, missing: 0.3, message: 'tổng điểm thiếu 0,3 điểm' },
      ],
      pointsShort: 0.3,
      nearMiss: true,
    });
  });

  it('treats one dependency rule alone as a near miss', () => {
    expect(classifyNearMiss(reasonsFor(marks(40, 30, 30), { recognised: 3 }))).toEqual({
      shortfalls: [
        {
          kind: 'dependency',
          ref: 'member_families_recognised',
          missing: 2,
          message: 'cần thêm 2 hộ thành viên được công nhận',
        },
      ],
      pointsShort: 0,
      nearMiss: true,
    });
    const far = classifyNearMiss(reasonsFor(marks(40, 30, 30), { recognised: 0, members: 40 }));
    expect(far).toMatchObject({ shortfalls: [{ missing: 20 }], nearMiss: true });
  });

  it('does not treat a dependency plus a criterion as a near miss', () => {
    expect(classifyNearMiss(reasonsFor(marks(40, 30, 14), { recognised: 3 }))).toEqual({
      shortfalls: [
        { kind: 'criterion', ref: '3', missing: 1, message: 'tiêu chí 3 thiếu 1 điểm' },
        expect.objectContaining({ kind: 'dependency', missing: 2 }),
      ],
      pointsShort: 1,
      nearMiss: false,
    });
  });

  it('does not treat an unregistered subject as a near miss', () => {
    expect(classifyNearMiss(reasonsFor(marks(40, 30, 30), { registered: false }))).toEqual({
      shortfalls: [],
      pointsShort: 0,
      nearMiss: false,
    });
    // What can be measured is still listed.
    expect(classifyNearMiss(reasonsFor(marks(25, 20, 23), { registered: false }))).toEqual({
      shortfalls: [{ kind: 'total', ref: null, missing: 2, message: 'tổng điểm thiếu 2 điểm' }],
      pointsShort: 2,
      nearMiss: false,
    });
  });

  it('does not treat an unscored criterion as a near miss', () => {
    const reasons = reasonsFor({ '1': 40, '2': 30 });
    expect(reasons.map((r) => r.code)).toEqual(['CRITERION_NOT_SCORED']);
    expect(classifyNearMiss(reasons)).toEqual({ shortfalls: [], pointsShort: 0, nearMiss: false });
  });

  it('does not treat a dependency without member figures as a near miss', () => {
    const reasons = reasonsFor(marks(40, 30, 30), { recognised: 0, members: 0 });
    expect(reasons.map((r) => r.code)).toEqual(['DEPENDENCY_UNMET']);
    expect(classifyNearMiss(reasons)).toEqual({ shortfalls: [], pointsShort: 0, nearMiss: false });
  });
});

describe('whatIf', () => {
  it('says the pending decisions are enough when they cover the shortfall', () => {
    expect(whatIf({ met: false, shortfall: 3 }, 5, 10)).toEqual({
      shortfall: 3,
      pending: 5,
      nearMisses: 10,
      wouldMeet: true,
      nearMissesNeeded: 0,
      message: 'Công nhận 3 trong 5 hồ sơ đã đạt tiêu chí là đủ chỉ tiêu',
    });
  });

  it('counts the near misses needed after the pending ones', () => {
    expect(whatIf({ met: false, shortfall: 12 }, 2, 15)).toMatchObject({
      wouldMeet: true,
      nearMissesNeeded: 10,
      message:
        'Sau 2 hồ sơ đã đạt tiêu chí, cần 10 trong 15 trường hợp sát ngưỡng đạt thêm để đủ chỉ tiêu',
    });
  });

  it('says how many would still be missing when the near misses are not enough', () => {
    expect(whatIf({ met: false, shortfall: 30 }, 4, 6)).toMatchObject({
      wouldMeet: false,
      nearMissesNeeded: 26,
      message:
        'Kể cả 4 hồ sơ đã đạt tiêu chí và 6 trường hợp sát ngưỡng đều được công nhận vẫn còn thiếu 20',
    });
    expect(whatIf({ met: false, shortfall: 5 }, 0, 2).message).toBe(
      'Kể cả 2 trường hợp sát ngưỡng đều được công nhận vẫn còn thiếu 3',
    );
  });

  it('has nothing to add for a commune already at its target or without one', () => {
    expect(whatIf({ met: true, shortfall: 0 }, 0, 3)).toMatchObject({
      wouldMeet: true,
      nearMissesNeeded: 0,
      message: 'Đã đạt chỉ tiêu',
    });
    expect(whatIf({ met: null, shortfall: null }, 1, 3)).toMatchObject({
      wouldMeet: null,
      message: 'Chưa có chỉ tiêu',
    });
  });
});

describe('reasonLabel', () => {
  it('names each kind of reason', () => {
    expect(reasonLabel('CRITERION_BELOW_MINIMUM', '2', 'Học tập')).toBe(
      'Tiêu chí 2 dưới mức tối thiểu (Học tập)',
    );
    expect(reasonLabel('TOTAL_BELOW_THRESHOLD', null, null)).toBe('Tổng điểm dưới ngưỡng đạt');
    expect(reasonLabel('DEPENDENCY_UNMET', 'member_families_recognised', null)).toBe(
      'Chưa đủ tỷ lệ hộ thành viên là gia đình học tập',
    );
  });
});
