import type { CriteriaSetRules } from './criteria.js';
import { scoreEvaluation, validateScores } from './scoring.js';
import type { DependencyFigures } from './scoring.js';

const rules: CriteriaSetRules = {
  kind: 'clan',
  passThreshold: 80,
  criteria: [
    { code: '1', title: 'Khuyến học', maxPoints: 40, minPoints: null },
    { code: '2', title: 'Gia đình học tập', maxPoints: 30, minPoints: null },
    { code: '3', title: 'Đoàn kết', maxPoints: 30, minPoints: 10 },
  ],
  dependencyRules: [{ type: 'member_families_recognised', minShare: 50 }],
};

const families = (recognised: number, members: number): DependencyFigures[] => [
  { type: 'member_families_recognised', members, recognised },
];

describe('validateScores', () => {
  it('accepts whole, half and tenth points within range', () => {
    expect(validateScores(rules, { '1': 40, '2': 0, '3': 12.5 })).toEqual([]);
    expect(validateScores(rules, { '1': 0.3, '2': 29.9 })).toEqual([]);
  });

  it('rejects a code outside the set', () => {
    expect(validateScores(rules, { '9': 5 })).toEqual([
      {
        field: 'scores.9',
        code: 'UNKNOWN_CRITERION',
        message: 'Không có tiêu chí 9 trong bộ tiêu chí',
      },
    ]);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, '12' as unknown as number, null as never])(
    'rejects non-numeric points %p',
    (points) => {
      expect(validateScores(rules, { '1': points })).toEqual([
        expect.objectContaining({ field: 'scores.1', code: 'POINTS_NOT_A_NUMBER' }),
      ]);
    },
  );

  it('rejects points above the maximum', () => {
    expect(validateScores(rules, { '2': 35 })).toEqual([
      {
        field: 'scores.2',
        code: 'POINTS_OUT_OF_RANGE',
        message: 'Tiêu chí 2: 35 điểm vượt quá tối đa 30 điểm',
      },
    ]);
  });

  it('rejects negative points', () => {
    expect(validateScores(rules, { '2': -1 })).toEqual([
      expect.objectContaining({ field: 'scores.2', code: 'POINTS_OUT_OF_RANGE' }),
    ]);
  });

  // 0.1 + 0.2 and 5e-324 slipped through a tolerance of 1e-6 and were stored as sent.
  it.each([12.25, 0.05, 1 / 3, 0.1 + 0.2, 5e-324, 1e-7])(
    'rejects %p with more than one decimal',
    (points) => {
      expect(validateScores(rules, { '1': points })).toEqual([
        expect.objectContaining({ field: 'scores.1', code: 'POINTS_PRECISION' }),
      ]);
    },
  );
});

describe('scoreEvaluation', () => {
  const fullMarks = { '1': 40, '2': 30, '3': 30 };

  it('passes a registered, fully scored subject meeting every rule', () => {
    expect(
      scoreEvaluation(rules, { registered: true, scores: fullMarks }, families(5, 10)),
    ).toEqual({ total: 100, maxTotal: 100, passed: true, reasons: [] });
  });

  it('rounds the total to one decimal', () => {
    const twoCriteria: CriteriaSetRules = {
      ...rules,
      passThreshold: 0.3,
      criteria: rules.criteria.slice(0, 2),
      dependencyRules: [],
    };
    expect(
      scoreEvaluation(twoCriteria, { registered: true, scores: { '1': 0.1, '2': 0.2 } }, []),
    ).toEqual({ total: 0.3, maxTotal: 70, passed: true, reasons: [] });
  });

  it('lists every reason in a stable order', () => {
    const result = scoreEvaluation(
      rules,
      { registered: false, scores: { '1': 40, '3': 8 } },
      families(3, 10),
    );
    expect(result.passed).toBe(false);
    expect(result.total).toBe(48);
    expect(result.reasons).toEqual([
      { code: 'NOT_REGISTERED', message: 'Chưa đăng ký' },
      { code: 'CRITERION_NOT_SCORED', criterion: '2', message: 'Chưa chấm tiêu chí 2' },
      {
        code: 'CRITERION_BELOW_MINIMUM',
        criterion: '3',
        points: 8,
        minPoints: 10,
        message: 'Tiêu chí 3: 8 điểm dưới mức tối thiểu 10',
      },
      {
        code: 'TOTAL_BELOW_THRESHOLD',
        total: 48,
        threshold: 80,
        message: 'Tổng điểm 48 dưới ngưỡng đạt 80',
      },
      {
        code: 'DEPENDENCY_UNMET',
        rule: 'member_families_recognised',
        recognised: 3,
        members: 10,
        share: 30,
        minShare: 50,
        message: '3/10 hộ (30,0%) được công nhận gia đình học tập, cần ít nhất 50%',
      },
    ]);
  });

  it('reports a total just below the threshold', () => {
    const result = scoreEvaluation(
      rules,
      { registered: true, scores: { '1': 35, '2': 20, '3': 20 } },
      families(5, 10),
    );
    expect(result.reasons).toEqual([
      expect.objectContaining({
        code: 'TOTAL_BELOW_THRESHOLD',
        message: 'Tổng điểm 75 dưới ngưỡng đạt 80',
      }),
    ]);
  });

  it('passes a total exactly at the threshold and points exactly at the minimum', () => {
    const result = scoreEvaluation(
      rules,
      { registered: true, scores: { '1': 40, '2': 30, '3': 10 } },
      families(5, 10),
    );
    expect(result).toMatchObject({ total: 80, passed: true });
  });

  it('compares the dependency share on counts, not rounded percentages', () => {
    // 4998/10000 = 49.98% displays as 50.0% yet is below 50%.
    const result = scoreEvaluation(
      rules,
      { registered: true, scores: fullMarks },
      families(4998, 10000),
    );
    expect(result.reasons).toEqual([
      expect.objectContaining({ code: 'DEPENDENCY_UNMET', share: 50, minShare: 50 }),
    ]);
    expect(
      scoreEvaluation(rules, { registered: true, scores: fullMarks }, families(5000, 10000)).passed,
    ).toBe(true);
  });

  it('treats missing figures and zero members as unmet with a null share', () => {
    for (const dependencies of [[], families(0, 0)]) {
      const result = scoreEvaluation(rules, { registered: true, scores: fullMarks }, dependencies);
      expect(result.reasons).toEqual([
        {
          code: 'DEPENDENCY_UNMET',
          rule: 'member_families_recognised',
          recognised: 0,
          members: 0,
          share: null,
          minShare: 50,
          message: 'Chưa có số liệu hộ thành viên để tính tỷ lệ gia đình học tập, cần ít nhất 50%',
        },
      ]);
    }
  });

  it('formats decimal points Vietnamese style', () => {
    const result = scoreEvaluation(
      { ...rules, dependencyRules: [{ type: 'member_families_recognised', minShare: 50.5 }] },
      { registered: true, scores: { '1': 40, '2': 29.5, '3': 9.5 } },
      families(1, 3),
    );
    expect(result.reasons.map((r) => r.message)).toEqual([
      'Tiêu chí 3: 9,5 điểm dưới mức tối thiểu 10',
      'Tổng điểm 79 dưới ngưỡng đạt 80',
      '1/3 hộ (33,3%) được công nhận gia đình học tập, cần ít nhất 50,5%',
    ]);
  });

  it('ignores figures for rules the set does not have', () => {
    const noRules = { ...rules, dependencyRules: [] };
    expect(
      scoreEvaluation(noRules, { registered: true, scores: fullMarks }, families(0, 10)).passed,
    ).toBe(true);
  });
});
