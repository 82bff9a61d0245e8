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

  it('counts a clan’s member families active in the year and those recognised that year', async () => {
    expect(await evaluations.dependencyFigures('clan', clan.id, 2020)).toEqual([
      { type: 'member_families_recognised', members: 4, recognised: 1 },
    ]);
    expect(await evaluations.dependencyFigures('clan', clan.id, 2019)).toEqual([
      { type: 'member_families_recognised', members: 5, recognised: 1 },
    ]);
  });

  it('counts a community’s families by the hamlet they live in', async () => {
    expect(await evaluations.dependencyFigures('community', tree.hamlets[0].id, 2020)).toEqual([
      { type: 'member_families_recognised', members: 5, recognised: 2 },
    ]);
  });

  it('has no dependency figures for kinds without members', async () => {
    expect(await evaluations.dependencyFigures('family', recognised.id, 2020)).toEqual([]);
    expect(await evaluations.dependencyFigures('unit', unit.id, 2020)).toEqual([]);
  });

  it('finds each kind’s subject with the place it counts in and its period', async () => {
    expect(await evaluations.findSubject('family', recognised.code)).toMatchObject({
      id: recognised.id,
      areaId: tree.hamlets[0].id,
      activeFrom: '2000-01-01',
      deactivatedOn: null,
    });
    expect(await evaluations.findSubject('clan', clan.code)).toMatchObject({
      id: clan.id,
      areaId: tree.commune.id,
    });
    expect(await evaluations.findSubject('unit', unit.code)).toMatchObject({
      id: unit.id,
      areaId: tree.commune.id,
      activeFrom: '2017-03-01',
    });
    expect(await evaluations.findSubject('community', tree.hamlets[0].code)).toMatchObject({
      id: tree.hamlets[0].id,
      areaId: tree.hamlets[0].id,
    });
    // A commune is not a community, and a code of another kind is not found.
    expect(await evaluations.findSubject('community', tree.commune.code)).toBeNull();
    expect(await evaluations.findSubject('clan', recognised.code)).toBeNull();
  });

  it('finds the evaluation of a subject and year', async () => {
    expect(await evaluations.find('family', recognised.id, 2020)).toMatchObject({
      kind: 'family',
      year: 2020,
      householdId: recognised.id,
      status: 'recognised',
    });
    expect(await evaluations.find('family', recognised.id, 2019)).toBeNull();
  });
});
