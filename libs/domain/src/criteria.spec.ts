import { hasAtMostDecimals, maxTotal, sumPoints, validateCriteriaSet } from './criteria.js';
import type { CriteriaSetRules } from './criteria.js';

function clanRules(overrides: Partial<CriteriaSetRules> = {}): CriteriaSetRules {
  return {
    kind: 'clan',
    passThreshold: 80,
    criteria: [
      { code: '1', title: 'Khuyến học', maxPoints: 40, minPoints: 20 },
      {
        code: '2',
        title: 'Gia đình học tập',
        maxPoints: 30,
        minPoints: null,
        indicators: [
          { code: '2.1', title: 'Tỷ lệ hộ', maxPoints: 20 },
          { code: '2.2', title: 'Hoạt động', maxPoints: 10 },
        ],
      },
      { code: '3', title: 'Đoàn kết', maxPoints: 30, minPoints: 10 },
    ],
    dependencyRules: [{ type: 'member_families_recognised', minShare: 50 }],
    ...overrides,
  };
}

function codes(rules: CriteriaSetRules): string[] {
  return validateCriteriaSet(rules).map((p) => p.code);
}

describe('sumPoints / maxTotal', () => {
  it('sums without float drift', () => {
    expect(sumPoints([0.1, 0.2])).toBe(0.3);
    expect(sumPoints([])).toBe(0);
  });

  it('adds up the criteria maximums', () => {
    expect(maxTotal(clanRules())).toBe(100);
  });
});

describe('validateCriteriaSet', () => {
  it('accepts a valid set', () => {
    expect(validateCriteriaSet(clanRules())).toEqual([]);
  });

  it('requires at least one criterion', () => {
    expect(validateCriteriaSet(clanRules({ criteria: [] }))).toContainEqual({
      field: 'criteria',
      code: 'EMPTY_CRITERIA',
      message: 'Bộ tiêu chí phải có ít nhất một tiêu chí',
    });
  });

  it('reports a duplicate criterion code at the repeated entry', () => {
    const rules = clanRules();
    rules.criteria[2] = { ...rules.criteria[2], code: '2' };
    expect(validateCriteriaSet(rules)).toEqual([
      {
        field: 'criteria[2].code',
        code: 'DUPLICATE_CRITERION_CODE',
        message: 'Mã tiêu chí "2" bị trùng',
      },
    ]);
  });

  it.each([0, -5, Number.NaN])('rejects maxPoints %p', (maxPoints) => {
    const rules = clanRules({ passThreshold: 1 });
    rules.criteria[0] = { ...rules.criteria[0], maxPoints, minPoints: null };
    expect(validateCriteriaSet(rules)).toEqual([
      expect.objectContaining({ field: 'criteria[0].maxPoints', code: 'INVALID_MAX_POINTS' }),
    ]);
  });

  it.each([-1, 41])('rejects minPoints %p outside 0..maxPoints', (minPoints) => {
    const rules = clanRules();
    rules.criteria[0] = { ...rules.criteria[0], minPoints };
    expect(validateCriteriaSet(rules)).toEqual([
      {
        field: 'criteria[0].minPoints',
        code: 'INVALID_MIN_POINTS',
        message: `Tiêu chí "1": điểm tối thiểu ${minPoints} phải từ 0 đến 40`,
      },
    ]);
  });

  it('accepts minPoints equal to 0 or to maxPoints', () => {
    const rules = clanRules();
    rules.criteria[0] = { ...rules.criteria[0], minPoints: 40 };
    rules.criteria[2] = { ...rules.criteria[2], minPoints: 0 };
    expect(validateCriteriaSet(rules)).toEqual([]);
  });

  it('rejects indicators whose maximums exceed the criterion', () => {
    const rules = clanRules();
    rules.criteria[1].indicators![1].maxPoints = 10.5;
    expect(validateCriteriaSet(rules)).toEqual([
      {
        field: 'criteria[1].indicators',
        code: 'INDICATORS_EXCEED_CRITERION',
        message: 'Tiêu chí "2": tổng điểm các chỉ số 30,5 vượt quá điểm tối đa 30',
      },
    ]);
  });

  it('skips the indicator sum when some indicator has no maximum', () => {
    const rules = clanRules();
    rules.criteria[1].indicators = [
      { code: '2.1', title: 'Tỷ lệ hộ', maxPoints: 50 },
      { code: '2.2', title: 'Hoạt động', maxPoints: null },
    ];
    expect(validateCriteriaSet(rules)).toEqual([]);
  });

  it('accepts a threshold equal to the maximum total', () => {
    expect(validateCriteriaSet(clanRules({ passThreshold: 100 }))).toEqual([]);
  });

  it('rejects a threshold above the maximum total', () => {
    expect(validateCriteriaSet(clanRules({ passThreshold: 100.5 }))).toEqual([
      {
        field: 'passThreshold',
        code: 'THRESHOLD_UNREACHABLE',
        message: 'Ngưỡng đạt 100,5 vượt quá tổng điểm tối đa 100',
      },
    ]);
  });

  it.each([0, -10])('rejects a non-positive threshold %p', (passThreshold) => {
    expect(validateCriteriaSet(clanRules({ passThreshold }))).toEqual([
      expect.objectContaining({ field: 'passThreshold', code: 'THRESHOLD_UNREACHABLE' }),
    ]);
  });

  it('rejects the member-families rule for a family or unit set', () => {
    for (const kind of ['family', 'unit'] as const) {
      expect(validateCriteriaSet(clanRules({ kind }))).toEqual([
        expect.objectContaining({
          field: 'dependencyRules[0].type',
          code: 'RULE_NOT_ALLOWED_FOR_KIND',
        }),
      ]);
    }
    expect(validateCriteriaSet(clanRules({ kind: 'family' }))[0].message).toBe(
      'Quy tắc "member_families_recognised" không áp dụng cho Gia đình học tập',
    );
  });

  it('allows the member-families rule for a community set', () => {
    expect(codes(clanRules({ kind: 'community' }))).toEqual([]);
  });

  it('flags an unknown rule type without throwing', () => {
    const rules = clanRules({
      dependencyRules: [{ type: 'unknown' as never, minShare: 50 }],
    });
    expect(codes(rules)).toEqual(['RULE_NOT_ALLOWED_FOR_KIND']);
  });

  it.each([0, -1, 100.1, Number.NaN])('rejects minShare %p', (minShare) => {
    expect(
      validateCriteriaSet(
        clanRules({ dependencyRules: [{ type: 'member_families_recognised', minShare }] }),
      ),
    ).toEqual([
      expect.objectContaining({ field: 'dependencyRules[0].minShare', code: 'INVALID_MIN_SHARE' }),
    ]);
  });

  it('accepts minShare of exactly 100', () => {
    expect(
      codes(
        clanRules({ dependencyRules: [{ type: 'member_families_recognised', minShare: 100 }] }),
      ),
    ).toEqual([]);
  });

  it('reports duplicate rule types', () => {
    const rules = clanRules({
      dependencyRules: [
        { type: 'member_families_recognised', minShare: 50 },
        { type: 'member_families_recognised', minShare: 60 },
      ],
    });
    expect(validateCriteriaSet(rules)).toEqual([
      {
        field: 'dependencyRules[1].type',
        code: 'DUPLICATE_RULE',
        message: 'Quy tắc "member_families_recognised" bị trùng',
      },
    ]);
  });

  it('takes codes that differ only in case for the same criterion', () => {
    const rules = clanRules();
    rules.criteria[0] = { ...rules.criteria[0], code: 'a' };
    rules.criteria[1] = { ...rules.criteria[1], code: 'A' };
    expect(validateCriteriaSet(rules)).toEqual([
      expect.objectContaining({ field: 'criteria[1].code', code: 'DUPLICATE_CRITERION_CODE' }),
    ]);
  });

  it('collects several problems at once', () => {
    const rules = clanRules({ passThreshold: 0 });
    rules.criteria[1] = { ...rules.criteria[1], code: '1' };
    expect(codes(rules)).toEqual(['DUPLICATE_CRITERION_CODE', 'THRESHOLD_UNREACHABLE']);
  });
});

describe('hasAtMostDecimals', () => {
  it.each([0, 7, 7.5, 0.3, 29.9, 99999.9])('takes %p as one decimal at most', (n) => {
    expect(hasAtMostDecimals(n, 1)).toBe(true);
  });

  it.each([0.1 + 0.2, 0.1 * 3 * 10, 5e-324, 12.25, 1 / 3, NaN, Infinity, -Infinity])(
    'refuses %p as more than one decimal',
    (n) => {
      expect(hasAtMostDecimals(n, 1)).toBe(false);
    },
  );

  it('counts hundredths for percentages', () => {
    expect(hasAtMostDecimals(66.67, 2)).toBe(true);
    expect(hasAtMostDecimals(0.15, 2)).toBe(true);
    expect(hasAtMostDecimals(1e-7, 2)).toBe(false);
  });
});
