import { assessKind, percent, recognitionsNeeded, sumCounts } from './progress.js';
import type { TargetValue } from './progress.js';

function target(floor: number, stretch: number | null = null): TargetValue {
  return {
    floor,
    stretch,
    plan: { code: '281/QĐ-TTg', name: 'Đề án xây dựng xã hội học tập 2012–2020' },
    variant: 'standard',
    milestoneYear: 2020,
  };
}

describe('percent', () => {
  it.each([
    [1, 8, 12.5],
    [2, 3, 66.7],
    [5, 6, 83.3],
    [1, 3, 33.3],
    [1, 16, 6.3],
    [3, 16, 18.8],
    [7, 7, 100],
    [0, 9, 0],
    [3, 10, 30],
  ])('percent(%p, %p) = %p', (part, whole, expected) => {
    expect(percent(part, whole)).toBe(expected);
  });

  it('returns null for a zero whole', () => {
    expect(percent(0, 0)).toBeNull();
  });
});

describe('recognitionsNeeded', () => {
  it.each([
    [80, 25, 20],
    [80, 0, 0],
    [60, 7, 5],
    [50, 10, 5],
    [50, 11, 6],
    [50.5, 200, 101],
    [50.5, 201, 102],
    [70, 10, 7],
    [0, 10, 0],
    [100, 13, 13],
  ])('%p%% of %p needs %p', (floor, total, expected) => {
    expect(recognitionsNeeded(floor, total)).toBe(expected);
  });
});

describe('assessKind', () => {
  const counts = { total: 25, registered: 22, recognised: 20 };

  it('reports percentages and leaves target fields null without a target', () => {
    expect(assessKind(counts, null)).toEqual({
      ...counts,
      percentOfTotal: 80,
      percentOfRegistered: 90.9,
      target: null,
      met: null,
      band: null,
      shortfall: null,
    });
  });

  it('meets an exact floor judged on counts', () => {
    expect(assessKind(counts, target(80))).toMatchObject({
      met: true,
      band: 'stretch',
      shortfall: 0,
    });
  });

  it('does not round a near miss up to the floor', () => {
    // 6997/10000 = 69.97% shows as 70.0% but is below a 70% floor.
    const result = assessKind({ total: 10000, registered: 10000, recognised: 6997 }, target(70));
    expect(result.percentOfTotal).toBe(70);
    expect(result).toMatchObject({ met: false, band: 'below', shortfall: 3 });
  });

  it('places counts in bands between floor and stretch', () => {
    const base = { total: 10, registered: 10 };
    expect(assessKind({ ...base, recognised: 4 }, target(50, 60))).toMatchObject({
      met: false,
      band: 'below',
      shortfall: 1,
    });
    expect(assessKind({ ...base, recognised: 5 }, target(50, 60)).band).toBe('floor');
    expect(assessKind({ ...base, recognised: 6 }, target(50, 60)).band).toBe('stretch');
  });

  it('treats an empty population as meeting its target', () => {
    expect(assessKind({ total: 0, registered: 0, recognised: 0 }, target(50, 60))).toEqual({
      total: 0,
      registered: 0,
      recognised: 0,
      percentOfTotal: null,
      percentOfRegistered: null,
      target: target(50, 60),
      met: true,
      band: 'stretch',
      shortfall: 0,
    });
  });
});

describe('sumCounts', () => {
  it('adds counts field by field', () => {
    expect(
      sumCounts([
        { total: 10, registered: 8, recognised: 5 },
        { total: 4, registered: 4, recognised: 3 },
      ]),
    ).toEqual({ total: 14, registered: 12, recognised: 8 });
  });

  it('returns zeros for no items', () => {
    expect(sumCounts([])).toEqual({ total: 0, registered: 0, recognised: 0 });
  });
});
