import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { pipeline as pipelineCallback, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { MigrationExecutor, type DataSource, type Migration, type QueryRunner } from 'typeorm';
import {
  BackupError,
  encodeBackup,
  readBackup,
  type BackupContents,
  type BackupHeader,
  type BackupTable,
} from './backup-format.js';
import { createDataSource, MIGRATIONS_TABLE } from './data-source.js';

type Query = (sql: string, parameters?: unknown[]) => Promise<Record<string, unknown>[]>;
type Log = (line: string) => void;

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;
const columnList = (table: BackupTable) => table.columns.map(quote).join(', ');

interface SchemaTable {
  name: string;
  columns: string[];
  /** The other tables its foreign keys point at. */
  references: string[];
}

/** The product's tables and sequences in `public`, less TypeORM's migrations table and its sequence. */
async function describeSchema(
  query: Query,
): Promise<{ tables: SchemaTable[]; sequences: string[] }> {
  const tables = (await query(
    `SELECT c.relname AS name,
            array(SELECT a.attname::text FROM pg_attribute a
                   WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
                   ORDER BY a.attnum) AS columns,
            array(SELECT DISTINCT r.relname::text FROM pg_constraint f JOIN pg_class r ON r.oid = f.confrelid
                   WHERE f.conrelid = c.oid AND f.contype = 'f' AND f.confrelid <> c.oid) AS "references"
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> $1
      ORDER BY c.relname`,
    [MIGRATIONS_TABLE],
  )) as unknown as SchemaTable[];
  const sequences = await query(
    `SELECT s.relname AS name FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace
      WHERE n.nspname = 'public' AND s.relkind = 'S'
        AND NOT EXISTS (SELECT 1 FROM pg_depend d
                         WHERE d.objid = s.oid AND d.refobjid = to_regclass('public.' || quote_ident($1)))
      ORDER BY s.relname`,
    [MIGRATIONS_TABLE],
  );
  return { tables, sequences: sequences.map((row) => row.name as string) };
}

/** Referenced tables first, so each table's rows load after the rows they point at. */
function foreignKeyOrder(tables: SchemaTable[]): SchemaTable[] {
  const ordered: SchemaTable[] = [];
  const placed = new Set<string>();
  let rest = tables;
  while (rest.length > 0) {
    const ready = rest.filter((table) => table.references.every((name) => placed.has(name)));
    if (ready.length === 0)
      throw new BackupError(
        `The foreign keys between ${rest.map((table) => table.name).join(', ')} form a cycle, which this backup cannot order.`,
      );
    for (const table of ready) placed.add(table.name);
    ordered.push(...ready);
    rest = rest.filter((table) => !placed.has(table.name));
  }
  return ordered;
}

/**
 * Opens one REPEATABLE READ snapshot and describes what it holds. Sequences are read after the
 * snapshot is taken: they only grow, so their values cover every id the snapshot holds.
 */
async function snapshotHeader(client: pg.Client): Promise<BackupHeader> {
  const query: Query = async (sql, parameters) =>
    (await client.query<Record<string, unknown>>(sql, parameters)).rows;
  // As pg_dump does: values are written in forms any server reads back, and a long dump is not
  // cut short by timeouts configured for the app's sessions.
  await client.query(
    `SET DateStyle = ISO; SET IntervalStyle = postgres; SET extra_float_digits = 3;
     SET statement_timeout = 0; SET lock_timeout = 0; SET idle_in_transaction_session_timeout = 0`,
  );
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  const [{ migrated }] = await query(
    `SELECT to_regclass('public.' || quote_ident($1)) IS NOT NULL AS migrated`,
    [MIGRATIONS_TABLE],
  );
  if (!migrated)
    throw new BackupError(
      `The database has no ${MIGRATIONS_TABLE} table: it was never migrated, so it holds nothing of this product.`,
    );
  const schema = await describeSchema(query);
  // No migration may change a table while its rows are read (as pg_dump, ACCESS SHARE blocks DDL only).
  await client.query(
    `LOCK TABLE ${[MIGRATIONS_TABLE, ...schema.tables.map((table) => table.name)].map(quote).join(', ')} IN ACCESS SHARE MODE`,
  );
  const migrations = await query(`SELECT name FROM ${quote(MIGRATIONS_TABLE)} ORDER BY id`);
  const tables: BackupTable[] = [];
  for (const table of foreignKeyOrder(schema.tables)) {
    const [{ rows }] = await query(`SELECT count(*)::bigint AS rows FROM ${quote(table.name)}`);
    tables.push({ name: table.name, columns: table.columns, rows: Number(rows) });
  }
  const sequences = [];
  for (const name of schema.sequences) {
    const [value] = await query(`SELECT last_value::text AS "lastValue", is_called AS "isCalled"
                                   FROM ${quote(name)}`);
    sequences.push({
      name,
      lastValue: value.lastValue as string,
      isCalled: value.isCalled as boolean,
    });
  }
  const [{ server, database }] = await query(
    `SELECT current_setting('server_version') AS server, current_database() AS database`,
  );
  return {
    createdAt: new Date().toISOString(),
    server: server as string,
    database: database as string,
    migrations: migrations.map((row) => row.name as string),
    tables,
    sequences,
  };
}

async function* copyOut(client: pg.Client, table: BackupTable, log: Log): AsyncGenerator<Buffer> {
  const copy = client.query(copyTo(`COPY ${quote(table.name)} (${columnList(table)}) TO STDOUT`));
  yield* copy as AsyncIterable<Buffer>;
  if (copy.rowCount !== table.rows)
    throw new Error(
      `${table.name}: COPY gave ${copy.rowCount} rows, the snapshot counted ${table.rows}`,
    );
  log(`${table.name}: ${table.rows} rows`);
}

export interface BackupResult {
  file: string;
  /** The compressed file's size. */
  bytes: number;
  /** The SHA-256 of the file as written (what `sha256sum` prints), also in `<file>.sha256`. */
  sha256: string;
  header: BackupHeader;
}

/**
 * Writes a consistent backup of the database at `url` to `file` (never over an existing one):
 * every table's rows from one snapshot, streamed through gzip, so memory stays flat whatever the
 * size. The file appears under its name only once complete; `<file>.sha256` is written beside it.
 */
export async function backupDatabase(
  url: string,
  file: string,
  log: Log = () => undefined,
): Promise<BackupResult> {
  if (await stat(file).catch(() => null))
    throw new BackupError(`${file} already exists: a backup never replaces a file.`);
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const header = await snapshotHeader(client);
    const fileHash = createHash('sha256');
    let bytes = 0;
    await pipeline(
      Readable.from(encodeBackup(header, (table) => copyOut(client, table, log))),
      createGzip(),
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          fileHash.update(chunk);
          bytes += chunk.length;
          done(null, chunk);
        },
      }),
      // Readable by its owner alone: it holds password hashes and people's names.
      createWriteStream(partial, { flush: true, mode: 0o600 }),
    );
    await client.query('COMMIT');
    await rename(partial, file);
    const sha256 = fileHash.digest('hex');
    await writeFile(`${file}.sha256`, `${sha256}  ${basename(file)}\n`);
    return { file, bytes, sha256, header };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await client.end();
  }
}

function zlibProblem(error: unknown): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'Z_BUF_ERROR')
    return new BackupError(
      'The backup file is truncated: its compressed data ends early (an interrupted copy or backup?).',
    );
  if (code === 'Z_DATA_ERROR')
    return new BackupError(
      `The backup file is damaged: its compressed data is corrupt (${(error as Error).message}).`,
    );
  return error;
}

async function* decompressed(file: string, fileHash: Hash): AsyncGenerator<Buffer> {
  const gunzip = pipelineCallback(
    createReadStream(file),
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        fileHash.update(chunk);
        done(null, chunk);
      },
    }),
    createGunzip(),
    // Failures reach the reader through the gunzip stream, which the pipeline destroys with them.
    () => undefined,
  );
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } catch (error) {
    throw zlibProblem(error);
  }
}

/**
 * Reads a backup file through, checking its framing and SHA-256 (and `<file>.sha256` when it is
 * beside it), and hands each table's rows to `load` on the way.
 */
async function verifyBackupFile(
  file: string,
  load?: (table: BackupTable, data: AsyncIterable<Buffer>) => Promise<void>,
): Promise<BackupContents> {
  const handle = await open(file).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ENOENT' ? new BackupError(`${file} does not exist.`) : error;
  });
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    if (bytesRead === 0) throw new BackupError(`${file} is empty.`);
    if (bytesRead < 2 || buffer[0] !== 0x1f || buffer[1] !== 0x8b)
      throw new BackupError(`Not a backup made by this product: ${file} is not gzip-compressed.`);
  } finally {
    await handle.close();
  }
  const fileHash = createHash('sha256');
  const contents = await readBackup(decompressed(file, fileHash), load);
  const sidecar = await readFile(`${file}.sha256`, 'utf8').catch(() => null);
  if (sidecar !== null && sidecar.slice(0, 64) !== fileHash.digest('hex'))
    throw new BackupError(
      `${file} does not match the checksum in ${basename(file)}.sha256: one of them changed after the backup.`,
    );
  return contents;
}

const migrationName = (migration: { name?: string; constructor: { name: string } }) =>
  migration.name ?? migration.constructor.name;

/** The backup's schema must be a stage this code's migrations pass through. */
function lastCommonMigration(backup: string[], known: string[]): string {
  if (backup.length === 0) throw new BackupError('The backup names no migration.');
  backup.forEach((name, index) => {
    if (!known.includes(name))
      throw new BackupError(
        `The backup's schema includes the migration ${name}, which this version of the product does not have: restore it with the version that made it, or a later one.`,
      );
    if (known[index] !== name)
      throw new BackupError(
        `The backup's migrations do not follow this version's: ${name} where ${known[index]} was expected.`,
      );
  });
  return backup[backup.length - 1];
}

/** Runs the migrations up to and including `last`, in the caller's transaction. */
class MigrationsUpTo extends MigrationExecutor {
  constructor(
    dataSource: DataSource,
    queryRunner: QueryRunner,
    private readonly last: string,
  ) {
    super(dataSource, queryRunner);
    this.transaction = 'none';
  }

  protected override getMigrations(): Migration[] {
    const all = super.getMigrations();
    return all.slice(0, all.findIndex((migration) => migration.name === this.last) + 1);
  }
}

async function assertEmpty(runner: QueryRunner): Promise<void> {
  const rows = (await runner.query(
    `SELECT current_database() AS database, c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
      ORDER BY c.relkind <> 'r', c.relname`,
  )) as { database: string; name: string }[];
  if (rows.length > 0)
    throw new BackupError(
      `The database ${rows[0].database} is not empty (it holds ${rows.length} tables and sequences: ` +
        `${rows
          .slice(0, 3)
          .map((row) => row.name)
          .join(', ')}, …). A restore writes only into an empty database: create a new one, ` +
        `or for the embedded server point DATA_DIR at a new folder.`,
    );
}

/** After the backup's migrations, the schema must be the one its rows were read from. */
async function assertSchemaFits(runner: QueryRunner, header: BackupHeader): Promise<void> {
  const schema = await describeSchema(
    (sql, parameters) => runner.query(sql, parameters) as Promise<Record<string, unknown>[]>,
  );
  const shape = (tables: { name: string; columns: string[] }[], sequences: string[]) =>
    JSON.stringify({
      tables: tables.map((table) => `${table.name}(${table.columns.join(',')})`).sort(),
      sequences: [...sequences].sort(),
    });
  const expected = shape(
    header.tables,
    header.sequences.map((sequence) => sequence.name),
  );
  if (shape(schema.tables, schema.sequences) !== expected)
    throw new BackupError(
      `The schema the migrations up to ${header.migrations.at(-1)} create differs from the one in the backup ` +
        `(was the backed-up database changed outside the migrations?).`,
    );
}

/** How a trigger that fires is enabled again, by its `tgenabled`: in normal sessions, or always. */
const ENABLE: Record<string, string> = { O: 'ENABLE', A: 'ENABLE ALWAYS' };

/**
 * COPY fires INSERT triggers; rows come back as they were backed up, not as a trigger would
 * rewrite or add to them, so those are off during the load (a failure rolls the change back).
 */
async function withoutInsertTriggers<T>(runner: QueryRunner, work: () => Promise<T>): Promise<T> {
  const triggers = (await runner.query(
    `SELECT c.relname AS "table", t.tgname AS name, t.tgenabled AS enabled
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND NOT t.tgisinternal AND t.tgenabled IN ('O', 'A') AND (t.tgtype & 4) <> 0`,
  )) as { table: string; name: string; enabled: string }[];
  for (const trigger of triggers)
    await runner.query(
      `ALTER TABLE ${quote(trigger.table)} DISABLE TRIGGER ${quote(trigger.name)}`,
    );
  const result = await work();
  for (const trigger of triggers)
    await runner.query(
      `ALTER TABLE ${quote(trigger.table)} ${ENABLE[trigger.enabled]} TRIGGER ${quote(trigger.name)}`,
    );
  return result;
}

export interface RestoreResult {
  header: BackupHeader;
  checksum: string;
  /** Migrations of this code newer than the backup, applied after its rows. */
  laterMigrations: string[];
}

/**
 * Restores a backup into the empty database at `url` (a role that may create tables: the owner).
 * The file is read through and checked before anything is written; then, in one transaction, the
 * migrations up to the backup's last, its rows, its sequences and this code's later migrations.
 */
export async function restoreDatabase(
  url: string,
  file: string,
  log: Log = () => undefined,
): Promise<RestoreResult> {
  const checked = await verifyBackupFile(file);
  const { header } = checked;
  log(`${file}: checksum verified, made ${header.createdAt} from PostgreSQL ${header.server}`);
  const dataSource = createDataSource({ url, poolSize: 1 });
  await dataSource.initialize();
  try {
    const last = lastCommonMigration(header.migrations, dataSource.migrations.map(migrationName));
    let result: RestoreResult;
    const runner = dataSource.createQueryRunner();
    try {
      await assertEmpty(runner);
      await runner.startTransaction();
      try {
        await runner.query(
          `SET LOCAL DateStyle = ISO; SET LOCAL statement_timeout = 0; SET LOCAL lock_timeout = 0`,
        );
        await new MigrationsUpTo(dataSource, runner, last).executePendingMigrations();
        await assertSchemaFits(runner, header);
        const client = (await runner.connect()) as pg.PoolClient;
        const loaded = await withoutInsertTriggers(runner, () =>
          verifyBackupFile(file, async (table, data) => {
            const copy = client.query(
              copyFrom(`COPY ${quote(table.name)} (${columnList(table)}) FROM STDIN`),
            );
            await pipeline(Readable.from(data), copy);
            if (copy.rowCount !== table.rows)
              throw new BackupError(
                `The backup file is damaged: ${table.name} holds ${copy.rowCount} rows where its header says ${table.rows}.`,
              );
            log(`${table.name}: ${table.rows} rows`);
          }),
        );
        // Read twice: the second reading must be the very file the first one checked.
        if (loaded.checksum !== checked.checksum)
          throw new BackupError(`${file} changed while it was being restored.`);
        for (const sequence of header.sequences)
          await runner.query(`SELECT setval($1::regclass, $2::bigint, $3)`, [
            quote(sequence.name),
            sequence.lastValue,
            sequence.isCalled,
          ]);
        const later = new MigrationExecutor(dataSource, runner);
        later.transaction = 'none';
        const laterMigrations = (await later.executePendingMigrations()).map(
          (migration) => migration.name,
        );
        await runner.commitTransaction();
        result = { header, checksum: checked.checksum, laterMigrations };
      } catch (error) {
        await runner.rollbackTransaction();
        throw error;
      }
    } finally {
      await runner.release();
    }
    // The planner's statistics are not in the backup; without them the first queries plan blind.
    await dataSource.query('ANALYZE');
    return result;
  } finally {
    await dataSource.destroy();
  }
}
