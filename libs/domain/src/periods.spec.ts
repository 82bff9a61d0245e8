import { activeYears, firstClosed, firstYearWithout, yearsSince } from './periods.js';

describe('the years a dated change reaches', () => {
  it('keeps a subject ended during a year in that year, and drops it from the next', () => {
    expect(firstYearWithout('2020-06-15')).toBe(2021);
    expect(firstYearWithout('2020-12-31')).toBe(2021);
  });

  it('drops a subject ended on the first of January from that year already', () => {
    expect(firstYearWithout('2020-01-01')).toBe(2020);
  });

  it('counts a subject from its first year to the last in which it was active', () => {
    expect(activeYears('2016-03-01', null, 2026)).toEqual({ from: 2016, to: 2026 });
    expect(activeYears('2016-03-01', '2019-07-01', 2026)).toEqual({ from: 2016, to: 2019 });
    expect(activeYears('2016-03-01', '2019-01-01', 2026)).toEqual({ from: 2016, to: 2018 });
  });

  it('never gives an empty span, even for a subject that starts ahead', () => {
    expect(yearsSince(2028, 2026)).toEqual({ from: 2028, to: 2028 });
    expect(activeYears('2016-01-01', '2016-01-01', 2026)).toEqual({ from: 2016, to: 2016 });
  });
});

describe('the finalised years a change meets', () => {
  const closed = [
    { year: 2019, placeId: 7, areaCode: 'HAMLET_7' },
    { year: 2020, placeId: 3, areaCode: 'COMMUNE_3' },
  ];

  it('finds the earliest lock of a place inside the span', () => {
    expect(firstClosed(closed, [3, 7], { from: 2016, to: 2026 })).toEqual(closed[0]);
    expect(firstClosed(closed, [3], { from: 2016, to: 2026 })).toEqual(closed[1]);
  });

  it('ignores other places and years outside the span', () => {
    expect(firstClosed(closed, [9], { from: 2016, to: 2026 })).toBeNull();
    expect(firstClosed(closed, [7], { from: 2020, to: 2026 })).toBeNull();
  });
});
