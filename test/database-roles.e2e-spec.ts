import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { describeServingRole, EmbeddedDatabaseError, firstClosedFolder } from '@app/database';
import { loadConfig } from '@app/api/config.js';
import { openDatabase } from '@app/api/database.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const CHANGE = `UPDATE audit_log SET actor = 'someone'`;

/**
 * Every way a role might try to change or remove what the audit trail holds: each script runs on a
 * connection of its own, its statements one after the other whatever each answers.
 */
const TAMPERING: string[][] = [
  [CHANGE],
  [`DELETE FROM audit_log`],
  [`WITH gone AS (DELETE FROM audit_log RETURNING id) SELECT count(*) FROM gone`],
  [`TRUNCATE audit_log`],
  [`TRUNCATE audit_log CASCADE`],
  [`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`, CHANGE],
  [`ALTER TABLE audit_log DISABLE TRIGGER ALL`, CHANGE],
  [`DROP TRIGGER audit_log_no_update_delete ON audit_log`, CHANGE],
  [`SET session_replication_role = replica`, CHANGE],
  [
    `CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
    CHANGE,
  ],
  [`DROP FUNCTION audit_log_append_only() CASCADE`, CHANGE],
  [`GRANT UPDATE, DELETE, TRUNCATE ON audit_log TO CURRENT_USER`, CHANGE],
  [`ALTER TABLE audit_log OWNER TO CURRENT_USER`, CHANGE],
  [`ALTER ROLE CURRENT_USER SUPERUSER`, CHANGE],
  [`SET ROLE postgres`, CHANGE],
  [`SET SESSION AUTHORIZATION postgres`, CHANGE],
  [`CREATE RULE hide AS ON SELECT TO audit_log DO INSTEAD SELECT * FROM audit_log LIMIT 0`],
  [`ALTER TABLE audit_log RENAME TO audit_log_old`],
  [`ALTER TABLE audit_log DROP COLUMN before`],
  [`DROP TABLE audit_log`],
];

interface TrailState {
  rows: number;
  digest: string;
  triggers: string;
  mayChange: boolean;
}

async function trailState(dataSource: DataSource): Promise<TrailState> {
  const [row] = await dataSource.query<TrailState[]>(
    `SELECT (SELECT count(*)::int FROM audit_log) AS rows,
            (SELECT md5(string_agg(a::text, '|' ORDER BY id)) FROM audit_log a) AS digest,
            (SELECT string_agg(tgname || ':' || tgenabled::text, ',' ORDER BY tgname)
               FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass) AS triggers,
            has_table_privilege('audit_log', 'UPDATE') OR has_table_privilege('audit_log', 'DELETE')
              OR has_table_privilege('audit_log', 'TRUNCATE') AS "mayChange"`,
  );
  return row;
}

async function run(dataSource: DataSource, script: string[]): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  const answers: string[] = [];
  try {
    for (const sql of script) {
      answers.push(
        await runner.query(sql).then(
          () => 'done',
          (error: { code?: string }) => error.code ?? 'refused',
        ),
      );
    }
  } finally {
    await runner.release();
  }
  return answers;
}

async function assertCannotTamper(serving: DataSource): Promise<void> {
  const before = await trailState(serving);
  expect(before).toMatchObject({ mayChange: false, triggers: expect.stringContaining('O') });
  expect(before.rows).toBeGreaterThan(0);
  for (const script of TAMPERING) {
    const answers = await run(serving, script);
    // The change itself is always refused; what came before it may pass harmlessly.
    expect([script.at(-1), answers.at(-1)]).toEqual([script.at(-1), '42501']);
    expect([script, await trailState(serving)]).toEqual([script, before]);
  }
}

describe('the database roles', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await t.http().post('/api/year-locks').send({ area: 'HT_PHU_BAI', year: 2019 }).expect(201);
  });

  afterAll(() => t.close());

  it('serves requests with a role that reads and appends to the audit trail, nothing more', async () => {
    const role = await describeServingRole(t.dataSource);
    expect(role).toMatchObject({ superuser: false, ownsTables: 0 });
    await assertCannotTamper(t.dataSource);
    // Appending is what the serving role is for.
    const before = (await trailState(t.dataSource)).rows;
    await t
      .http()
      .delete('/api/year-locks/HT_PHU_BAI/2019')
      .send({ reason: 'Mở lại để sửa' })
      .expect(200);
    expect((await trailState(t.dataSource)).rows).toBe(before + 1);
  });
});

describe('the embedded database', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'lmt-embedded-'));
    // As root the server runs as the `postgres` system user, which must enter the folder.
    await chmod(folder, 0o755);
  });

  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('migrates as the owner and serves as a role that may not touch the audit trail', async () => {
    const database = await openDatabase(loadConfig({ DATA_DIR: join(folder, 'data') }), () => {});
    try {
      expect(database.owner).not.toBe(database.dataSource);
      expect(await describeServingRole(database.owner)).toMatchObject({ superuser: true });
      const serving = await describeServingRole(database.dataSource);
      expect(serving).toMatchObject({
        name: 'learning_models_app',
        superuser: false,
        ownsTables: 0,
      });
      await database.owner.query(
        `INSERT INTO audit_log (actor, action, entity) VALUES ('test', 'create', 'area')`,
      );
      await assertCannotTamper(database.dataSource);
    } finally {
      await database.close();
    }
  });

  it('finds the folder a system user may not enter on the way to the data', async () => {
    const closed = join(folder, 'private');
    await mkdir(join(closed, 'checkout'), { recursive: true });
    await chmod(closed, 0o700);
    const someone = { uid: 64_000, gid: 64_000 };
    expect(await firstClosedFolder(join(closed, 'checkout', 'data'), someone)).toBe(closed);
    expect(await firstClosedFolder(join(folder, 'data'), someone)).toBeNull();
    if (process.getuid?.() === 0) {
      // As root the start stops with what to do, before PostgreSQL fails half-way.
      await expect(
        openDatabase(loadConfig({ DATA_DIR: join(closed, 'checkout', 'data') }), () => {}),
      ).rejects.toThrow(EmbeddedDatabaseError);
    }
  });
});
