import { AreasRepository } from '@app/database';
import { Factories, type AreaTree, type Ref } from '../support/factories.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('AreasRepository.context', () => {
  let database: TestDatabase;
  let areas: AreasRepository;
  let tree: AreaTree & { newDistrict: Ref };
  let hamlet: Ref;

  const codes = (context: { ancestry: { code: string }[] } | null) =>
    context?.ancestry.map((area) => area.code);

  beforeAll(async () => {
    database = await createTestDatabase();
    const make = new Factories(database.db);
    areas = new AreasRepository(database.db);
    tree = await make.transferredCommune('2021-07-01');
    hamlet = tree.hamlets[0];
    await make.yearLock(tree.commune, 2018);
    await make.yearLock(tree.district, 2019);
    await make.yearLock(tree.district, 2022);
  });

  afterAll(() => database.close());

  it('gives the ancestry most specific first, as the hierarchy stood on the date', async () => {
    const before = await areas.context(hamlet.code, '2021-06-30', null);
    expect(before?.ancestry).toEqual([
      { id: hamlet.id, code: hamlet.code, name: expect.any(String), level: 'hamlet' },
      { id: tree.commune.id, code: tree.commune.code, name: expect.any(String), level: 'commune' },
      {
        id: tree.district.id,
        code: tree.district.code,
        name: expect.any(String),
        level: 'district',
      },
      {
        id: tree.province.id,
        code: tree.province.code,
        name: expect.any(String),
        level: 'province',
      },
    ]);
    const after = await areas.context(hamlet.code, '2021-07-01', null);
    expect(codes(after)).toEqual([
      hamlet.code,
      tree.commune.code,
      tree.newDistrict.code,
      tree.province.code,
    ]);
  });

  it('gives the parent the area had on the date', async () => {
    expect((await areas.context(tree.commune.code, '2021-06-30', null))?.parentCode).toBe(
      tree.district.code,
    );
    expect((await areas.context(tree.commune.code, '2021-07-01', null))?.parentCode).toBe(
      tree.newDistrict.code,
    );
    expect((await areas.context(tree.province.code, '2021-07-01', null))?.parentCode).toBeNull();
  });

  it('names the lock on the area itself or on an area above it for the year asked', async () => {
    expect((await areas.context(tree.commune.code, '2018-12-31', 2018))?.lockedBy).toBe(
      tree.commune.code,
    );
    expect((await areas.context(hamlet.code, '2018-12-31', 2018))?.lockedBy).toBe(
      tree.commune.code,
    );
    expect((await areas.context(hamlet.code, '2019-12-31', 2019))?.lockedBy).toBe(
      tree.district.code,
    );
  });

  it('names no lock for another year, no year, or a district the area has left', async () => {
    expect((await areas.context(hamlet.code, '2020-12-31', 2020))?.lockedBy).toBeNull();
    expect((await areas.context(hamlet.code, '2019-12-31', null))?.lockedBy).toBeNull();
    expect((await areas.context(hamlet.code, '2022-12-31', 2022))?.lockedBy).toBeNull();
    // A lock below the area does not finalise the area itself.
    expect((await areas.context(tree.district.code, '2018-12-31', 2018))?.lockedBy).toBeNull();
  });

  it('answers null for an unknown code', async () => {
    expect(await areas.context('no-such-area', '2020-12-31', 2020)).toBeNull();
  });
});
