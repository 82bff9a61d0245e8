import { AreasRepository } from '@app/database';
import { ScopeService } from '@app/api/scope/scope.service.js';
import type { Principal } from '@app/api/auth/principal.js';
import { Factories, type AreaTree, type Ref } from '../support/factories.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('ScopeService', () => {
  let database: TestDatabase;
  let scope: ScopeService;
  let tree: AreaTree & { newDistrict: Ref };
  let hamlet: Ref;
  /** Hamlets that ceased on 30/06/2019 and began on 01/03/2020: neither in force at the end of 2019. */
  let ended: Ref;
  let started: Ref;
  let national: Principal;
  let firstDistrictOfficer: Principal;
  let newDistrictOfficer: Principal;

  beforeAll(async () => {
    database = await createTestDatabase();
    const make = new Factories(database.db);
    scope = new ScopeService(new AreasRepository(database.db));
    tree = await make.transferredCommune('2021-07-01');
    hamlet = tree.hamlets[0];
    ended = await make.area('hamlet', { parent: tree.commune, validTo: '2019-06-30' });
    started = await make.area('hamlet', { parent: tree.commune, validFrom: '2020-03-01' });
    await make.yearLock(tree.district, 2020);
    national = await make.user();
    firstDistrictOfficer = await make.user({ scope: tree.district, role: 'viewer' });
    newDistrictOfficer = await make.user({ scope: tree.newDistrict, role: 'viewer' });
  });

  afterAll(() => database.close());

  describe('resolve', () => {
    it('refuses an unknown code, naming the field', async () => {
      await expect(
        scope.resolve(national, 'no-such-area', { field: 'areaCode' }),
      ).rejects.toMatchObject({
        code: 'AREA_NOT_FOUND',
        details: [{ field: 'areaCode', code: 'AREA_NOT_FOUND' }],
      });
    });

    it('refuses an area of another level than asked', async () => {
      await expect(
        scope.resolve(national, hamlet.code, { field: 'communeCode', level: 'commune' }),
      ).rejects.toMatchObject({
        code: 'AREA_LEVEL_MISMATCH',
        details: [{ field: 'communeCode', code: 'AREA_LEVEL_MISMATCH' }],
      });
    });

    it('refuses an area not in force at the end of the year only when asked to', async () => {
      const options = { field: 'hamletCode', year: 2019 };
      await expect(
        scope.resolve(national, ended.code, { ...options, inForce: true }),
      ).rejects.toMatchObject({
        code: 'AREA_NOT_IN_FORCE',
      });
      await expect(scope.resolve(national, ended.code, options)).resolves.toMatchObject({
        code: ended.code,
      });
      await expect(
        scope.resolve(national, started.code, { ...options, inForce: true }),
      ).rejects.toMatchObject({ code: 'AREA_NOT_IN_FORCE' });
      await expect(
        scope.resolve(national, ended.code, { ...options, year: 2018, inForce: true }),
      ).resolves.toMatchObject({ code: ended.code, validTo: '2019-06-30' });
      await expect(
        scope.resolve(national, started.code, { ...options, year: 2020, inForce: true }),
      ).resolves.toMatchObject({ code: started.code, validFrom: '2020-03-01' });
    });

    it('refuses an area outside the caller’s subtree as the hierarchy stood in the year', async () => {
      await expect(
        scope.resolve(firstDistrictOfficer, hamlet.code, { field: 'hamletCode', year: 2022 }),
      ).rejects.toMatchObject({ code: 'OUT_OF_SCOPE' });
      await expect(
        scope.resolve(newDistrictOfficer, hamlet.code, { field: 'hamletCode', year: 2020 }),
      ).rejects.toMatchObject({ code: 'OUT_OF_SCOPE' });
      // A year is placed as it stood on 31 December: 2021 under the new district.
      await expect(
        scope.resolve(firstDistrictOfficer, hamlet.code, { field: 'hamletCode', year: 2021 }),
      ).rejects.toMatchObject({ code: 'OUT_OF_SCOPE' });
      await expect(
        scope.resolve(newDistrictOfficer, hamlet.code, { field: 'hamletCode', year: 2021 }),
      ).resolves.toMatchObject({ code: hamlet.code });
      // Without a year, today's hierarchy: the commune has moved.
      await expect(
        scope.resolve(firstDistrictOfficer, hamlet.code, { field: 'hamletCode' }),
      ).rejects.toMatchObject({ code: 'OUT_OF_SCOPE' });
    });

    it('answers the area in scope with its ancestry and the lock on its year', async () => {
      const context = await scope.resolve(firstDistrictOfficer, hamlet.code, {
        field: 'hamletCode',
        level: 'hamlet',
        year: 2020,
        inForce: true,
      });
      expect(context).toMatchObject({
        id: hamlet.id,
        code: hamlet.code,
        level: 'hamlet',
        parentCode: tree.commune.code,
        lockedBy: tree.district.code,
      });
      expect(context.ancestry.map((area) => area.code)).toEqual([
        hamlet.code,
        tree.commune.code,
        tree.district.code,
        tree.province.code,
      ]);
      const later = await scope.resolve(newDistrictOfficer, hamlet.code, {
        field: 'hamletCode',
        year: 2022,
      });
      expect(later).toMatchObject({ lockedBy: null });
      expect(later.ancestry.map((area) => area.code)).toContain(tree.newDistrict.code);
    });
  });

  describe('holds', () => {
    const ancestry = () => [
      { id: hamlet.id, code: hamlet.code, name: '', level: 'hamlet' as const },
      { id: tree.district.id, code: tree.district.code, name: '', level: 'district' as const },
    ];

    it('holds an ancestry that reaches the caller’s scope, and any for a national account', () => {
      expect(scope.holds(firstDistrictOfficer, ancestry())).toBe(true);
      expect(scope.holds(national, ancestry())).toBe(true);
      expect(scope.holds(national, [])).toBe(true);
    });

    it('does not hold an ancestry that does not reach it', () => {
      expect(scope.holds(newDistrictOfficer, ancestry())).toBe(false);
      expect(scope.holds(firstDistrictOfficer, [])).toBe(false);
    });
  });
});
