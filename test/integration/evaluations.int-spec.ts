import type { ModelKind } from '@app/domain';
import { EvaluationsRepository } from '@app/database';
import { Factories, type AreaTree, type Ref } from '../support/factories.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('EvaluationsRepository', () => {
  let database: TestDatabase;
  let evaluations: EvaluationsRepository;
  let tree: AreaTree;
  let clan: Ref;
  let unit: Ref;
  let recognised: Ref;

  beforeAll(async () => {
    database = await createTestDatabase();
    const make = new Factories(database.db);
    evaluations = new EvaluationsRepository(database.db);
    tree = await make.areaTree({ hamlets: 1 });
    const hamlet = tree.hamlets[0];
    clan = await make.clan({ commune: tree.commune });
    unit = await make.unit({ commune: tree.commune, activeFrom: '2017-03-01' });
    const member = (period: { activeFrom?: string; deactivatedOn?: string | null } = {}) =>
      make.household({ hamlet, clan, ...period });
    const recognise = (subject: Ref, year: number) =>
      make.evaluation({ kind: 'family', subject, year, status: 'recognised' });

    recognised = await member();
    await recognise(recognised, 2020);
    await make.evaluation({ kind: 'family', subject: await member(), year: 2020 });
    await recognise(await member(), 2019);
    await member({ deactivatedOn: '2020-01-02' });
    // Gone from the first day of 2020, or not yet there: not members that year, even recognised.
    await recognise(await member({ deactivatedOn: '2020-01-01' }), 2020);
    await member({ activeFrom: '2021-01-01' });
    // In the hamlet but in no clan: a member of the community only.
    await recognise(await make.household({ hamlet }), 2020);
  });

  afterAll(() => database.close());

  const members = async (kind: ModelKind, code: string, year: number) =>
    (await evaluations.subject(kind, code, year))?.members;

  it('counts a clan’s member families active in the year and those recognised that year', async () => {
    expect(await members('clan', clan.code, 2020)).toEqual({ members: 4, recognised: 1 });
    expect(await members('clan', clan.code, 2019)).toEqual({ members: 5, recognised: 1 });
  });

  it('counts a community’s families by the hamlet they live in', async () => {
    expect(await members('community', tree.hamlets[0].code, 2020)).toEqual({
      members: 5,
      recognised: 2,
    });
  });

  it('has no member figures for kinds without members', async () => {
    expect(await members('family', recognised.code, 2020)).toBeNull();
    expect(await members('unit', unit.code, 2020)).toBeNull();
  });

  it('finds each kind’s subject with the place it counts in, its period and its ancestry', async () => {
    expect(await evaluations.subject('family', recognised.code, 2020)).toMatchObject({
      id: recognised.id,
      placeId: tree.hamlets[0].id,
      activeFrom: '2000-01-01',
      deactivatedOn: null,
    });
    expect(await evaluations.subject('clan', clan.code, 2020)).toMatchObject({
      id: clan.id,
      placeId: tree.commune.id,
    });
    expect(await evaluations.subject('unit', unit.code, 2020)).toMatchObject({
      id: unit.id,
      placeId: tree.commune.id,
      activeFrom: '2017-03-01',
    });
    expect(await evaluations.subject('community', tree.hamlets[0].code, 2020)).toMatchObject({
      id: tree.hamlets[0].id,
      placeId: tree.hamlets[0].id,
      ancestry: [tree.hamlets[0], tree.commune, tree.district, tree.province].map(({ id }) =>
        expect.objectContaining({ id }),
      ),
      lockedBy: null,
    });
    // A commune is not a community, and a code of another kind is not found.
    expect(await evaluations.subject('community', tree.commune.code, 2020)).toBeNull();
    expect(await evaluations.subject('clan', recognised.code, 2020)).toBeNull();
  });

  it('finds the evaluation of a subject and year', async () => {
    expect(await evaluations.find('family', recognised.id, 2020)).toMatchObject({
      kind: 'family',
      year: 2020,
      status: 'recognised',
    });
    expect(await evaluations.find('family', recognised.id, 2019)).toBeNull();
  });
});
