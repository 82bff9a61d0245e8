import type { ModelKind } from './model.js';
import { milestoneFor, resolveTargets, validateTargetPlan } from './targets.js';
import type { TargetPlan, TargetPlanValue } from './targets.js';

function values(
  variant: TargetPlanValue['variant'],
  floors: Partial<Record<ModelKind, number | [number, number]>>,
): TargetPlanValue[] {
  return Object.entries(floors).map(([kind, floor]) => ({
    variant,
    kind: kind as ModelKind,
    floor: Array.isArray(floor) ? floor[0] : floor,
    stretch: Array.isArray(floor) ? floor[1] : null,
  }));
}

const qd281: TargetPlan = {
  code: '281/QĐ-TTg',
  name: 'Đề án Xây dựng xã hội học tập giai đoạn 2012–2020',
  scopeAreaCode: null,
  milestoneYear: 2020,
  values: [
    ...values('standard', { family: 70, clan: 50, community: 60, unit: 50 }),
    ...values('difficult', { family: 60, clan: 40, community: 50, unit: 50 }),
  ],
};

const qd387: TargetPlan = {
  code: '387/QĐ-TTg',
  name: 'Đề án Xây dựng xã hội học tập giai đoạn 2021–2030',
  scopeAreaCode: null,
  milestoneYear: 2025,
  values: values('standard', { family: 70, clan: 65, community: 65, unit: 80 }),
};

const huongThuy: TargetPlan = {
  code: 'HT-2020',
  name: 'Kế hoạch xây dựng xã hội học tập thị xã Hương Thủy',
  scopeAreaCode: 'HUONG_THUY',
  milestoneYear: 2020,
  values: values('standard', { family: 80, clan: 60, community: 80, unit: [50, 60] }),
};

const seeds = [qd281, qd387, huongThuy];
const inHuongThuy = ['THUY_PHUONG', 'HUONG_THUY', 'THUA_THIEN_HUE'];
const elsewhere = ['PHU_THUONG', 'PHU_VANG', 'THUA_THIEN_HUE'];

function summary(plans: TargetPlan[], year: number, chain: string[], difficult = false) {
  const targets = resolveTargets(plans, year, { chain, difficult });
  return Object.fromEntries(
    Object.entries(targets).map(([kind, t]) => [
      kind,
      t && `${t.plan.code} ${t.variant} ${t.floor}${t.stretch === null ? '' : `-${t.stretch}`}`,
    ]),
  );
}

describe('milestoneFor', () => {
  it('picks the nearest milestone at or after the year', () => {
    expect(milestoneFor(2016, [2025, 2020])).toBe(2020);
    expect(milestoneFor(2020, [2025, 2020])).toBe(2020);
    expect(milestoneFor(2021, [2025, 2020])).toBe(2025);
  });

  it('returns null when every milestone has passed', () => {
    expect(milestoneFor(2026, [2020, 2025])).toBeNull();
    expect(milestoneFor(2020, [])).toBeNull();
  });
});

describe('resolveTargets', () => {
  it('uses the district plan for a commune inside it', () => {
    expect(summary(seeds, 2018, inHuongThuy)).toEqual({
      family: 'HT-2020 standard 80',
      clan: 'HT-2020 standard 60',
      community: 'HT-2020 standard 80',
      unit: 'HT-2020 standard 50-60',
    });
  });

  it('returns the full target value', () => {
    expect(resolveTargets(seeds, 2018, { chain: inHuongThuy, difficult: false }).unit).toEqual({
      floor: 50,
      stretch: 60,
      plan: { code: 'HT-2020', name: 'Kế hoạch xây dựng xã hội học tập thị xã Hương Thủy' },
      variant: 'standard',
      milestoneYear: 2020,
    });
  });

  it('keeps the district plan’s standard values for a difficult commune', () => {
    expect(summary(seeds, 2018, inHuongThuy, true)).toEqual(summary(seeds, 2018, inHuongThuy));
  });

  it('uses the national difficult variant for a difficult commune elsewhere', () => {
    expect(summary(seeds, 2019, elsewhere, true)).toEqual({
      family: '281/QĐ-TTg difficult 60',
      clan: '281/QĐ-TTg difficult 40',
      community: '281/QĐ-TTg difficult 50',
      unit: '281/QĐ-TTg difficult 50',
    });
    expect(summary(seeds, 2019, elsewhere).family).toBe('281/QĐ-TTg standard 70');
  });

  it('moves to the next milestone after 2020', () => {
    for (const chain of [inHuongThuy, elsewhere]) {
      expect(summary(seeds, 2022, chain, true)).toEqual({
        family: '387/QĐ-TTg standard 70',
        clan: '387/QĐ-TTg standard 65',
        community: '387/QĐ-TTg standard 65',
        unit: '387/QĐ-TTg standard 80',
      });
    }
  });

  it('returns null for every kind after the last milestone', () => {
    expect(summary(seeds, 2026, inHuongThuy)).toEqual({
      family: null,
      clan: null,
      community: null,
      unit: null,
    });
  });

  it('lets a commune plan override the district plan, kind by kind', () => {
    const commune: TargetPlan = {
      code: 'TP-2020',
      name: 'Kế hoạch phường Thủy Phương',
      scopeAreaCode: 'THUY_PHUONG',
      milestoneYear: 2020,
      values: values('standard', { family: 90 }),
    };
    expect(summary([...seeds, commune], 2018, inHuongThuy)).toMatchObject({
      family: 'TP-2020 standard 90',
      clan: 'HT-2020 standard 60',
    });
  });

  it('does not fall back to a later milestone for kinds the nearest one lacks', () => {
    const early: TargetPlan = {
      code: 'HT-2018',
      name: 'Kế hoạch 2018',
      scopeAreaCode: 'HUONG_THUY',
      milestoneYear: 2018,
      values: values('standard', { family: 75 }),
    };
    expect(summary([...seeds, early], 2017, inHuongThuy)).toEqual({
      family: 'HT-2018 standard 75',
      clan: null,
      community: null,
      unit: null,
    });
  });

  it('ignores plans scoped to other areas when choosing the milestone', () => {
    const other: TargetPlan = { ...huongThuy, code: 'PV-2018', scopeAreaCode: 'PHU_VANG' };
    other.milestoneYear = 2018;
    expect(summary([...seeds, other], 2017, inHuongThuy).family).toBe('HT-2020 standard 80');
  });

  it('skips a plan with only a difficult value for a standard area', () => {
    const difficultOnly: TargetPlan = {
      code: 'HT-KK',
      name: 'Chỉ tiêu vùng khó khăn',
      scopeAreaCode: 'THUY_PHUONG',
      milestoneYear: 2020,
      values: values('difficult', { clan: 30 }),
    };
    expect(summary([...seeds, difficultOnly], 2018, inHuongThuy).clan).toBe('HT-2020 standard 60');
    expect(summary([...seeds, difficultOnly], 2018, inHuongThuy, true).clan).toBe(
      'HT-KK difficult 30',
    );
  });
});

describe('validateTargetPlan', () => {
  it('accepts the seed plans', () => {
    for (const plan of seeds) expect(validateTargetPlan(plan)).toEqual([]);
  });

  it.each([1999, 2101, 2020.5])('rejects milestone year %p', (milestoneYear) => {
    expect(validateTargetPlan({ ...qd387, milestoneYear })).toEqual([
      expect.objectContaining({ field: 'milestoneYear', code: 'INVALID_MILESTONE_YEAR' }),
    ]);
  });

  it('requires a standard value', () => {
    expect(validateTargetPlan({ ...qd387, values: values('difficult', { family: 50 }) })).toEqual([
      {
        field: 'values',
        code: 'MISSING_STANDARD_VALUE',
        message: 'Kế hoạch phải có ít nhất một chỉ tiêu chuẩn',
      },
    ]);
  });

  it('rejects a floor outside 0..100', () => {
    const plan = { ...qd387, values: values('standard', { family: 0, clan: 101 }) };
    expect(validateTargetPlan(plan)).toEqual([
      {
        field: 'values[1].floor',
        code: 'INVALID_FLOOR',
        message: 'Chỉ tiêu Dòng họ học tập (chuẩn): mức tối thiểu 101% phải từ 0% đến 100%',
      },
    ]);
  });

  it('rejects a stretch below the floor or above 100', () => {
    const plan = {
      ...qd387,
      values: values('standard', { family: [70, 70], clan: [60, 55.5], unit: [80, 100.5] }),
    };
    expect(validateTargetPlan(plan)).toEqual([
      {
        field: 'values[1].stretch',
        code: 'INVALID_STRETCH',
        message: 'Chỉ tiêu Dòng họ học tập (chuẩn): mức phấn đấu 55,5% phải từ 60% đến 100%',
      },
      expect.objectContaining({ field: 'values[2].stretch', code: 'INVALID_STRETCH' }),
    ]);
  });

  it('rejects a duplicate variant and kind', () => {
    const plan = {
      ...qd281,
      values: [...qd281.values, ...values('difficult', { clan: 45 })],
    };
    expect(validateTargetPlan(plan)).toEqual([
      {
        field: 'values[8].kind',
        code: 'DUPLICATE_TARGET_VALUE',
        message: 'Chỉ tiêu Dòng họ học tập (vùng khó khăn) bị trùng',
      },
    ]);
  });
});
