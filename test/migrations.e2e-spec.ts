import { DataSource, type DataSourceOptions } from 'typeorm';
import { createDataSource } from '@app/database';
import { AccountsAuditScope1765000000000 } from '@app/migrations/1765000000000-AccountsAuditScope.js';
import { migrations } from '@app/migrations';
import { seedAll } from '@app/seed';
import { adminQuery, databaseUrl } from './support/database.js';

/** Migrations that change what rows already hold, run on rows an earlier version wrote. */
describe('migrations over existing data', () => {
  const name = `${process.env.TEST_TEMPLATE_DATABASE}_migrations`;
  let latest: DataSource;

  /** The database as the version before `migration` left it, with the demo seeded. */
  async function before(migration: (typeof migrations)[number]): Promise<DataSource> {
    await adminQuery(`CREATE DATABASE ${name}`);
    latest = createDataSource({ url: databaseUrl(name), poolSize: 1 });
    const earlier = new DataSource({
      ...(latest.options as Extract<DataSourceOptions, { type: 'postgres' }>),
      migrations: migrations.slice(0, migrations.indexOf(migration)),
    });
    await earlier.initialize();
    await earlier.runMigrations();
    await seedAll(earlier, { demo: true, log: () => undefined });
    return earlier;
  }

  afterEach(async () => {
    if (latest.isInitialized) await latest.destroy();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('places the audit rows written before areas were recorded on them', async () => {
    const earlier = await before(AccountsAuditScope1765000000000);
    // Phú Bài's first of each: the rows below name the places they must be found in.
    const code = async (table: string) =>
      (
        await earlier.query<{ code: string }[]>(
          `SELECT code FROM ${table} WHERE code LIKE 'HT\\_PHU\\_BAI%' ORDER BY code LIMIT 1`,
        )
      )[0].code;
    const [household, clan, unit] = [
      await code('households'),
      await code('clans'),
      await code('units'),
    ];
    const [trainee] = await earlier.query<{ code: string }[]>(
      `SELECT t.code FROM trainees t JOIN trainee_postings p ON p.trainee_id = t.id
         JOIN areas a ON a.id = p.area_id WHERE a.code = 'HT_PHU_BAI' ORDER BY t.code LIMIT 1`,
    );
    const [course] = await earlier.query<{ code: string }[]>(
      `SELECT c.code FROM training_courses c JOIN areas a ON a.id = c.area_id
        WHERE a.code = 'HUONG_THUY' ORDER BY c.code LIMIT 1`,
    );
    const written: [string, string][] = [
      ['household', household],
      ['evaluation.family', household],
      ['clan', clan],
      ['evaluation.clan', clan],
      ['unit', unit],
      ['evaluation.community', 'HT_PHU_BAI_T01'],
      ['area', 'HT_PHU_BAI'],
      ['year', 'HUONG_THUY'],
      ['user', 'canbo.phubai'],
      ['trainee', trainee.code],
      ['course', course.code],
      ['target-plan', 'QD_281_2014'],
      ['household', 'KHONG_CON'],
    ];
    for (const [entity, entityCode] of written) {
      await earlier.query(
        `INSERT INTO audit_log (actor, action, entity, entity_code) VALUES ('cu', 'create', $1, $2)`,
        [entity, entityCode],
      );
    }
    await earlier.destroy();
    await latest.initialize();
    await latest.runMigrations();
    const placed = await latest.query<{ entity: string; area: string | null }[]>(
      `SELECT l.entity, a.code AS area FROM audit_log l LEFT JOIN areas a ON a.id = l.area_id ORDER BY l.id`,
    );
    const hamlet = household.replace(/_H\d+$/, '');
    expect(hamlet).toMatch(/^HT_PHU_BAI_T\d+$/);
    expect(placed.map((row) => row.area)).toEqual([
      hamlet,
      hamlet,
      'HT_PHU_BAI',
      'HT_PHU_BAI',
      'HT_PHU_BAI',
      'HT_PHU_BAI_T01',
      'HT_PHU_BAI',
      'HUONG_THUY',
      'HT_PHU_BAI',
      'HT_PHU_BAI',
      'HUONG_THUY',
      null,
      null,
    ]);
  });
});
