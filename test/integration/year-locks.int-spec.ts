import { AreasRepository, YearLocksRepository } from '@app/database';
import { YearLockChecks } from '@app/api/year-locks/year-lock-checks.service.js';
import { Factories, type AreaTree, type Ref } from '../support/factories.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * The commune moves from the first district to the second on 01/07/2021, so a year is placed
 * under the district it had on 31 December: 2020 under the first, 2021 on under the second.
 */
describe('finalised years over a changing hierarchy', () => {
  let database: TestDatabase;
  let locks: YearLocksRepository;
  let checks: YearLockChecks;
  let areas: AreasRepository;
  let tree: AreaTree & { newDistrict: Ref };
  let hamlet: Ref;

  beforeAll(async () => {
    database = await createTestDatabase();
    const make = new Factories(database.db);
    locks = new YearLocksRepository(database.db);
    checks = new YearLockChecks(locks);
    areas = new AreasRepository(database.db);
    tree = await make.transferredCommune('2021-07-01');
    hamlet = tree.hamlets[0];
    for (const year of [2020, 2021, 2022]) await make.yearLock(tree.district, year);
    await make.yearLock(tree.newDistrict, 2022);
    await make.yearLock(tree.hamlets[1], 2019);
  });

  afterAll(() => database.close());

  it('covers a hamlet below a locked district only in the years it stood there', async () => {
    expect(await locks.locksOver([hamlet.id], 2015, 2025)).toEqual([
      { year: 2020, placeId: hamlet.id, areaCode: tree.district.code },
      { year: 2022, placeId: hamlet.id, areaCode: tree.newDistrict.code },
    ]);
  });

  it('answers each place a lock covers, and nothing for a range without one', async () => {
    const both = await locks.locksOver([hamlet.id, tree.commune.id], 2020, 2020);
    expect(both.map((lock) => lock.placeId).sort()).toEqual([hamlet.id, tree.commune.id].sort());
    expect(await locks.locksOver([hamlet.id], 2023, 2025)).toEqual([]);
  });

  it('refuses a change reaching a finalised year, naming the lock, and lets the others through', async () => {
    await expect(checks.assertYearsOpen([hamlet.id], 2020, 2020)).rejects.toMatchObject({
      code: 'YEAR_LOCKED',
      message: expect.stringContaining(`Năm 2020 của "${tree.district.code}"`),
    });
    await expect(checks.assertYearsOpen([hamlet.id], 2021, 2021)).resolves.toBeUndefined();
    expect(await checks.yearLock(hamlet.id, 2020)).toBe(tree.district.code);
    expect(await checks.yearLock(hamlet.id, 2021)).toBeNull();
  });

  it('agrees with the lock the area context carries', async () => {
    for (const year of [2020, 2021, 2022]) {
      const context = await areas.context(hamlet.code, `${year}-12-31`, year);
      expect(context?.lockedBy ?? null).toBe(await checks.yearLock(hamlet.id, year));
    }
    const context = await areas.context(hamlet.code, '2020-12-31', 2020);
    expect(() => checks.assertOpen(context!, 2020)).toThrow(
      expect.objectContaining({ code: 'YEAR_LOCKED' }),
    );
  });

  it('refuses a step over a whole area when a lock below it stood there that year', async () => {
    await expect(checks.assertSubtreeOpen(tree.district.id, 2019)).rejects.toMatchObject({
      code: 'YEAR_LOCKED',
      message: expect.stringContaining(tree.hamlets[1].code),
    });
    await expect(checks.assertSubtreeOpen(tree.newDistrict.id, 2019)).resolves.toBeUndefined();
  });
});
