import { AuditRepository, type AuditEntry } from '@app/database';
import { Factories, uniqueCode, type Ref } from '../support/factories.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('AuditRepository.trail, read within a scope', () => {
  let database: TestDatabase;
  let audit: AuditRepository;
  /** The reader's commune, and what each record is about, by the code it was recorded with. */
  let commune: Ref;
  const visible: string[] = [];
  const hidden: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const make = new Factories(database.db);
    audit = new AuditRepository(database.db);
    const tree = await make.areaTree({ hamlets: 1 });
    commune = tree.commune;
    const sibling = await make.area('commune', { parent: tree.district });
    const siblingHamlet = await make.area('hamlet', { parent: sibling });
    const record = async (entity: string, area: Ref | null, seen: boolean) => {
      const entry: AuditEntry = {
        actor: 'admin',
        action: 'update',
        entity,
        entityCode: uniqueCode(`${entity}-${seen ? 'seen' : 'unseen'}`),
        areaId: area?.id ?? null,
      };
      await audit.record(entry);
      (seen ? visible : hidden).push(entry.entityCode as string);
    };
    // The reader's own subtree, whatever the record.
    await record('household', tree.hamlets[0], true);
    await record('clan', commune, true);
    await record('user', commune, true);
    // The public records above it and the national ones.
    await record('area', tree.district, true);
    await record('year', tree.province, true);
    await record('criteria-set', null, true);
    await record('target-plan', tree.district, true);
    // A sibling's records, public or not, and people's data above the reader.
    await record('household', siblingHamlet, false);
    await record('clan', sibling, false);
    await record('area', sibling, false);
    await record('user', tree.district, false);
    await record('user', null, false);
  });

  afterAll(() => database.close());

  const read = async (withinAreaId: number | null): Promise<string[]> => {
    const ours = new Set([...visible, ...hidden]);
    const rows = (await audit.trail({ withinAreaId, limit: 1000 })) as { entityCode: string }[];
    return rows
      .map((row) => row.entityCode)
      .filter((code) => ours.has(code))
      .sort();
  };

  it('shows a commune’s reader its subtree’s rows and the public records above it', async () => {
    expect(await read(commune.id)).toEqual([...visible].sort());
  });

  it('shows a national reader every row', async () => {
    expect(await read(null)).toEqual([...visible, ...hidden].sort());
  });

  it('narrows by entity and code within the scope', async () => {
    const rows = (await audit.trail({
      withinAreaId: commune.id,
      entity: 'household',
      limit: 1000,
    })) as { entityCode: string }[];
    expect(rows.map((row) => row.entityCode)).toEqual([visible[0]]);
  });
});
