import { endOfNextYear, isCalendarDate, isDateWithin } from './dates.js';

describe('isCalendarDate', () => {
  it.each(['2020-01-01', '2020-02-29', '2000-02-29', '2100-12-31', '1900-01-01'])(
    'takes %p',
    (date) => {
      expect(isCalendarDate(date)).toBe(true);
    },
  );

  it.each([
    ['an ISO week date', '2020-W01'],
    ['an ISO week date with its day', '2020-W01-1'],
    ['an ordinal date', '2020-350'],
    ['a date with a time', '2020-01-01T00:00:00Z'],
    ['a compact date', '20200101'],
    ['single digits', '2020-1-1'],
    ['February 30th', '2021-02-30'],
    ['February 29th of a common year', '2021-02-29'],
    ['1900 as a leap year', '1900-02-29'],
    ['month 13', '2020-13-01'],
    ['day 0', '2020-01-00'],
    ['a two-digit year', '0020-01-01'],
    ['a five-digit year', '20200-01-01'],
    ['non-ASCII digits', '٢٠٢٠-٠١-٠١'],
    ['trailing space', '2020-01-01 '],
  ])('refuses %s', (_label, date) => {
    expect(isCalendarDate(date)).toBe(false);
  });
});

describe('isDateWithin', () => {
  it('keeps dates between 1900 and 2100 by default', () => {
    expect(isDateWithin('1899-12-31')).toBe(false);
    expect(isDateWithin('1900-01-01')).toBe(true);
    expect(isDateWithin('2100-12-31')).toBe(true);
    expect(isDateWithin('2101-01-01')).toBe(false);
  });

  it('takes narrower bounds', () => {
    expect(isDateWithin('2027-12-31', '1900-01-01', '2027-12-31')).toBe(true);
    expect(isDateWithin('2028-01-01', '1900-01-01', '2027-12-31')).toBe(false);
  });
});

describe('endOfNextYear', () => {
  it('is the 31st of December of the following year', () => {
    expect(endOfNextYear('2026-11-29')).toBe('2027-12-31');
  });
});
