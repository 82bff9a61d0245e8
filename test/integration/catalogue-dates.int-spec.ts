import fc from 'fast-check';
import { SUBJECT_SOURCES, type SubjectSource } from '@app/database';
import { activeYears, firstYearWithout, yearOf, type ModelKind } from '@app/domain';
import { dayBefore, Factories, type AreaTree, type Ref } from '../support/factories.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** A subject's period as the domain reads it: the first day gone, or null while active. */
interface Period {
  activeFrom: string;
  deactivatedOn: string | null;
}

const SEED = 448;
const SUBJECTS_PER_KIND = 120;
const YEARS = Array.from({ length: 13 }, (_, i) => 2014 + i);

/**
 * Dates around the turn of the years the periods are tested against: the first and last days of a
 * year are where a `<` written for a `<=` shows, so half the dates are one of them.
 */
const date = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 2015, max: 2025 }),
      fc.constantFrom('01-01', '01-02', '12-30', '12-31'),
    )
    .map(([year, day]) => `${year}-${day}`),
  fc
    .date({ min: new Date('2015-01-01'), max: new Date('2025-12-31'), noInvalidDate: true })
    .map((day) => day.toISOString().slice(0, 10)),
);

/** Two days in order, the same day possibly twice. */
const ordered = fc.tuple(date, date).map(([a, b]): [string, string] => (a < b ? [a, b] : [b, a]));

/** A registry period: started, then maybe deactivated on a later day or the same one. */
const registryPeriod: fc.Arbitrary<Period> = fc.oneof(
  { weight: 2, arbitrary: date.map((activeFrom) => ({ activeFrom, deactivatedOn: null })) },
  { weight: 1, arbitrary: date.map((activeFrom) => ({ activeFrom, deactivatedOn: activeFrom })) },
  {
    weight: 4,
    arbitrary: ordered.map(([activeFrom, deactivatedOn]) => ({ activeFrom, deactivatedOn })),
  },
);

/** A hamlet's validity, its last day included, as the domain's period (the day after it ends). */
const hamletPeriod: fc.Arbitrary<Period> = fc.oneof(
  date.map((activeFrom) => ({ activeFrom, deactivatedOn: null })),
  ordered.map(([validFrom, validTo]) => ({
    activeFrom: validFrom,
    deactivatedOn: dayAfter(validTo),
  })),
);

function dayAfter(day: string): string {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/**
 * The domain's rule (libs/domain/src/periods.ts): a subject counts in the years from the one it
 * started in up to the one before the first year that begins on or after its end.
 */
function countsIn(period: Period, year: number): boolean {
  return (
    yearOf(period.activeFrom) <= year &&
    (period.deactivatedOn === null || year < firstYearWithout(period.deactivatedOn))
  );
}

interface Verdict {
  code: string;
  year: number;
  activeFrom: string;
  deactivatedOn: string | null;
  active: boolean;
}

describe('the catalogue’s date rules agree with the domain', () => {
  let database: TestDatabase;
  let make: Factories;
  let tree: AreaTree;

  beforeAll(async () => {
    database = await createTestDatabase();
    make = new Factories(database.db);
    tree = await make.areaTree({ hamlets: 1 });
  });

  afterAll(() => database.close());

  /** Writes one subject of the kind with the period, through the factories. */
  const subjectWith = (kind: ModelKind, period: Period): Promise<Ref> => {
    const place = { hamlet: tree.hamlets[0], commune: tree.commune, ...period };
    switch (kind) {
      case 'family':
        return make.household(place);
      case 'clan':
        return make.clan(place);
      case 'unit':
        return make.unit(place);
      case 'community':
        return make.area('hamlet', {
          parent: tree.commune,
          validFrom: period.activeFrom,
          validTo: period.deactivatedOn === null ? null : dayBefore(period.deactivatedOn),
        });
    }
  };

  /** The catalogue's `period` and `activeDuring` for every subject and year, in PostgreSQL. */
  const verdicts = (source: SubjectSource, codes: string[]): Promise<Verdict[]> =>
    database.db.rows<Verdict>(
      `SELECT s.code, y.year, ${source.period},
              ${source.activeDuring('make_date(y.year, 1, 1)', 'make_date(y.year, 12, 31)')} AS active
         FROM ${source.table} s CROSS JOIN unnest($2::int[]) AS y(year)
        WHERE ${source.only} AND s.code = ANY($1)`,
      [codes, YEARS],
    );

  it.each(Object.values(SUBJECT_SOURCES).map((source, i) => [source.kind, source, i] as const))(
    '%s: activeDuring a year is the domain’s “counts in the year”',
    async (kind, source, i) => {
      const periods = fc.sample(kind === 'community' ? hamletPeriod : registryPeriod, {
        seed: SEED + i,
        numRuns: SUBJECTS_PER_KIND,
      });
      const written = new Map<string, Period>();
      await database.db.transactional(async () => {
        for (const period of periods) written.set((await subjectWith(kind, period)).code, period);
      });

      const rows = await verdicts(source, [...written.keys()]);
      expect(rows).toHaveLength(written.size * YEARS.length);
      const disagreements = rows.flatMap((row) => {
        const period = written.get(row.code) as Period;
        const domain = countsIn(period, row.year);
        const periodRead = { activeFrom: row.activeFrom, deactivatedOn: row.deactivatedOn };
        return domain === row.active &&
          periodRead.activeFrom === period.activeFrom &&
          periodRead.deactivatedOn === period.deactivatedOn
          ? []
          : [{ ...period, year: row.year, sql: row.active, domain, periodRead }];
      });
      expect({ count: disagreements.length, first: disagreements.slice(0, 5) }).toEqual({
        count: 0,
        first: [],
      });

      // Every year a subject counts in lies within the span its lock checks cover.
      const uncovered = rows.filter((row) => {
        const span = activeYears(row.activeFrom, row.deactivatedOn, row.year);
        return row.active && (row.year < span.from || row.year > span.to);
      });
      expect(uncovered).toEqual([]);

      // The sample reaches the edges: both answers, and periods ending on the first day of a year.
      expect(new Set(rows.map((row) => row.active))).toEqual(new Set([true, false]));
      expect(rows.some((row) => row.deactivatedOn === `${row.year}-01-01`)).toBe(true);
      expect(rows.some((row) => row.activeFrom === `${row.year}-12-31`)).toBe(true);
    },
  );
});
