import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';

import {
  BackupError,
  backupDatabase,
  createDataSource,
  restoreDatabase,
  type BackupResult,
  type RestoreResult,
} from '@app/database';
import { migrations } from '@app/migrations';
import { seedAll } from '@app/seed';
import { adminQuery, databaseUrl } from './support/database.js';
import { createTestApp, openTestApp, type TestApp } from './support/test-app.js';

interface Facts {
  tables: Record<string, { rows: number; digest: string }>;
  sequences: Record<string, string | null>;
}

/** Every table's row count and a digest of its rows, and every sequence's value. */
async function facts(dataSource: DataSource): Promise<Facts> {
  const names: { name: string }[] = await dataSource.query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1`,
  );
  const tables: Facts['tables'] = {};
  for (const { name } of names) {
    [tables[name]] = await dataSource.query(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest
         FROM "${name}" t`,
    );
  }
  const sequences: { name: string; value: string | null }[] = await dataSource.query(
    `SELECT sequencename AS name, last_value::text AS value FROM pg_sequences
      WHERE schemaname = 'public' ORDER BY 1`,
  );
  return {
    tables,
    sequences: Object.fromEntries(sequences.map(({ name, value }) => [name, value])),
  };
}

let created = 0;
/** A new database, empty as CREATE DATABASE makes it; the global teardown drops what is left. */
async function emptyDatabase(): Promise<string> {
  const name = `${process.env.TEST_TEMPLATE_DATABASE}_${process.pid}_restore_${++created}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  return name;
}

/** How many tables, sequences and views the database holds. */
async function relations(database: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl(database) });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public'`,
    );
    return rows[0].count;
  } finally {
    await client.end();
  }
}

/** A copy of the backup with its content edited and a valid checksum: well formed, but wrong. */
async function edited(source: string, target: string, edit: (content: string) => string) {
  const content = gunzipSync(await readFile(source)).toString('utf8');
  const body = edit(content.slice(0, content.lastIndexOf('END ')));
  const checksum = createHash('sha256').update(body).digest('hex');
  await writeFile(target, gzipSync(`${body}END ${checksum}\n`));
}

describe('backups that restore', () => {
  let original: TestApp;
  let restored: TestApp;
  let folder: string;
  let file: string;
  let backup: BackupResult;
  let restore: RestoreResult;
  let before: Facts;
  const ACCOUNT = { username: 'ketoan.huongthuy', password: 'mat-khau-ke-toan' };

  beforeAll(async () => {
    original = await createTestApp();
    await seedAll(original.owner, { demo: true, log: () => undefined });
    // Changes through the API, so the audit trail has rows and an account is new.
    await original
      .http()
      .post('/api/users')
      .send({
        ...ACCOUNT,
        displayName: 'Kế toán Hội Khuyến học',
        role: 'viewer',
        scopeAreaCode: 'HUONG_THUY',
      })
      .expect(201);
    await original
      .http()
      .post('/api/households')
      .send({
        code: 'BK1',
        headName: 'Trần Văn Bền',
        hamletCode: 'HT_PHU_BAI_T01',
        members: 4,
        activeFrom: '2015-01-01',
      })
      .expect(201);
    await original
      .http()
      .put('/api/evaluations/family/BK1/2020')
      .send({ registered: true, scores: { '1': 28, '2': 27, '3': 18, '4': 17 } })
      .expect(200);
    await original
      .http()
      .post('/api/year-locks')
      .send({ area: 'HT_PHU_BAI', year: 2016 })
      .expect(201);
    before = await facts(original.owner);

    folder = await mkdtemp(join(tmpdir(), 'lmt-backup-'));
    file = join(folder, 'demo.backup');
    backup = await backupDatabase(original.url, file);
    const target = await emptyDatabase();
    restore = await restoreDatabase(databaseUrl(target), file);
    restored = await openTestApp(target);
  }, 300_000);

  afterAll(async () => {
    await restored?.close();
    await original?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('writes one file with its SHA-256, naming the migrations, the tables and their rows', async () => {
    const bytes = await readFile(file);
    expect(backup.bytes).toBe(bytes.length);
    expect(backup.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await readFile(`${file}.sha256`, 'utf8')).toBe(`${backup.sha256}  demo.backup\n`);
    expect(backup.header.migrations).toEqual(migrations.map((migration) => migration.name));
    for (const table of backup.header.tables)
      expect(table.rows).toBe(before.tables[table.name].rows);
    expect(backup.header.tables.map((table) => table.name)).not.toContain('migrations');
    // Each table comes after those its foreign keys point at.
    const order = backup.header.tables.map((table) => table.name);
    expect(order.indexOf('areas')).toBeLessThan(order.indexOf('households'));
    expect(order.indexOf('households')).toBeLessThan(order.indexOf('evaluations'));
    expect(gunzipSync(bytes).subarray(0, 13).toString()).toBe('LMT-BACKUP 1\n');
  });

  it('restores every table row for row, and every sequence', async () => {
    expect(restore.laterMigrations).toEqual([]);
    expect(before.tables.households.rows).toBeGreaterThan(22000);
    expect(before.tables.audit_log.rows).toBeGreaterThanOrEqual(4);
    expect(await facts(restored.owner)).toEqual(before);
  });

  it('answers the same progress, audit trail and accounts through the API', async () => {
    for (const path of [
      '/api/progress?area=HUONG_THUY&year=2020',
      '/api/progress?area=HUONG_THUY&year=2016',
      '/api/audit',
      '/api/users',
    ]) {
      const expected = (await original.http().get(path).expect(200)).body;
      expect((await restored.http().get(path).expect(200)).body).toEqual(expected);
    }
    const [latest] = (await restored.http().get('/api/audit').expect(200)).body;
    expect(latest).toMatchObject({ entity: 'year' });
    await restored.anonymous().post('/api/auth/login').send(ACCOUNT).expect(200);
  });

  it('continues the sequences: rows added after the restore take new ids', async () => {
    await restored
      .http()
      .post('/api/households')
      .send({
        code: 'BK2',
        headName: 'Lê Thị Sau',
        hamletCode: 'HT_PHU_BAI_T01',
        members: 2,
        // After 2016, which the backup's lock on Phú Bài finalised.
        activeFrom: '2017-01-01',
      })
      .expect(201);
    await restored
      .http()
      .put('/api/evaluations/family/BK2/2020')
      .send({ registered: true, scores: { '1': 28, '2': 27, '3': 18, '4': 17 } })
      .expect(200);
    const [ids] = await restored.dataSource.query(
      `SELECT (SELECT id FROM households WHERE code = 'BK2') AS household,
              (SELECT max(id) FROM audit_log)::int AS audit`,
    );
    expect(ids.household).toBe(Number(before.sequences.households_id_seq) + 1);
    expect(ids.audit).toBe(Number(before.sequences.audit_log_id_seq) + 2);
  });

  it('brings a backup made by an older version up to this schema after loading its rows', async () => {
    // A database as the version before the last migration left it, with its reference data.
    const source = await emptyDatabase();
    const previous = migrations.slice(0, -1);
    const old = new DataSource({
      ...(original.owner.options as Extract<DataSourceOptions, { type: 'postgres' }>),
      url: databaseUrl(source),
      migrations: previous,
    });
    await old.initialize();
    try {
      await old.runMigrations();
      await seedAll(old, { demo: false, log: () => undefined });
      const older = join(folder, 'older.backup');
      await backupDatabase(databaseUrl(source), older);
      const expected = await facts(old);
      const target = await emptyDatabase();
      const result = await restoreDatabase(databaseUrl(target), older);
      expect(result.header.migrations).toEqual(previous.map((migration) => migration.name));
      expect(result.laterMigrations).toEqual([migrations.at(-1)?.name]);
      const restoredOld = createDataSource({ url: databaseUrl(target), poolSize: 1 });
      await restoredOld.initialize();
      try {
        const now = await facts(restoredOld);
        // Row for row; the last migration may add columns, so the rows' text may differ.
        for (const [table, figures] of Object.entries(expected.tables)) {
          if (table === 'migrations') continue;
          expect([table, now.tables[table].rows]).toEqual([table, figures.rows]);
        }
        const applied = await restoredOld.query<{ name: string }[]>(
          `SELECT name FROM migrations ORDER BY id DESC LIMIT 1`,
        );
        expect(applied[0].name).toBe(migrations.at(-1)?.name);
      } finally {
        await restoredOld.destroy();
        await adminQuery(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`);
      }
    } finally {
      await old.destroy();
      await adminQuery(`DROP DATABASE IF EXISTS ${source} WITH (FORCE)`);
    }
  });

  describe('refusals, each before anything is written', () => {
    let target: string;
    const refused = async (path: string, message: RegExp) => {
      const error = await restoreDatabase(databaseUrl(target), path).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(BackupError);
      expect((error as Error).message).toMatch(message);
      expect(await relations(target)).toBe(0);
    };

    beforeAll(async () => {
      target = await emptyDatabase();
    });

    afterAll(() => adminQuery(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`));

    it('refuses a file with one byte changed in the middle', async () => {
      const bytes = await readFile(file);
      bytes[Math.floor(bytes.length / 2)] ^= 0x20;
      await writeFile(join(folder, 'flipped.backup'), bytes);
      await refused(join(folder, 'flipped.backup'), /damaged/);
    });

    it('refuses a truncated file', async () => {
      const bytes = await readFile(file);
      for (const length of [Math.floor(bytes.length / 2), bytes.length - 1]) {
        await writeFile(join(folder, 'truncated.backup'), bytes.subarray(0, length));
        await refused(join(folder, 'truncated.backup'), /truncated/);
      }
    });

    it('refuses what is not a backup, empty or compressed', async () => {
      await writeFile(join(folder, 'notes.backup'), 'sao lưu\n');
      await refused(join(folder, 'notes.backup'), /Not a backup made by this product/);
      await writeFile(join(folder, 'empty.backup'), '');
      await refused(join(folder, 'empty.backup'), /is empty/);
      await writeFile(join(folder, 'other.backup'), gzipSync('PGDMP\n'));
      await refused(join(folder, 'other.backup'), /Not a backup made by this product/);
      await refused(join(folder, 'missing.backup'), /does not exist/);
    });

    it('refuses a file that differs from the .sha256 beside it', async () => {
      const copy = join(folder, 'copy.backup');
      await copyFile(file, copy);
      await writeFile(`${copy}.sha256`, `${'0'.repeat(64)}  copy.backup\n`);
      await refused(copy, /does not match the checksum in copy\.backup\.sha256/);
    });

    it('refuses a backup whose schema is newer than this code', async () => {
      const newer = join(folder, 'newer.backup');
      await edited(file, newer, (content) =>
        content.replace('"InsightIndexes1764800000000"', '$&,"Later1799999999999"'),
      );
      await refused(newer, /migration Later1799999999999, which this version .* does not have/);
    });

    it('refuses a database that already holds data, and leaves it as it was', async () => {
      const error = await restoreDatabase(original.url, file).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(BackupError);
      expect((error as Error).message).toMatch(/is not empty/);
      expect(await facts(original.owner)).toEqual(before);
    });

    it('writes nothing when a row fails to load: all or nothing', async () => {
      // A well-formed file whose last table repeats a row: the load fails after the rest went in.
      const duplicate = join(folder, 'duplicate.backup');
      await edited(file, duplicate, (content) =>
        content.replace(/(TABLE evaluations\n)([^\n]*\n)/, '$1$2$2'),
      );
      await expect(restoreDatabase(databaseUrl(target), duplicate)).rejects.toThrow(
        /duplicate key/,
      );
      expect(await relations(target)).toBe(0);
    });

    it('never writes a backup over an existing file', async () => {
      const size = (await stat(file)).size;
      await expect(backupDatabase(original.url, file)).rejects.toThrow(/already exists/);
      expect((await stat(file)).size).toBe(size);
    });
  });
});
