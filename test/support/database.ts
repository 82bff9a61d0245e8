import pg from 'pg';
import { createDataSource, grantServingRole } from '@app/database';
import { seedAll } from '@app/seed';

/** The role the tests' app is served with, created by the global setup; its password is its name. */
export const TEST_SERVING_ROLE = 'lmt_test_app';

/** The URL of another database on the server that DATABASE_URL points at, as its owner. */
export function databaseUrl(database: string): string {
  const url = new URL(process.env.DATABASE_URL as string);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The same database as the serving role, which owns nothing and may only append to the audit trail. */
export function servingUrl(database: string): string {
  const url = new URL(databaseUrl(database));
  url.username = TEST_SERVING_ROLE;
  url.password = TEST_SERVING_ROLE;
  return url.toString();
}

/** A client on the maintenance database (CREATE/DROP DATABASE cannot run in the target one). */
export async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function adminQuery<T = Record<string, unknown>>(
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return withAdminClient(async (client) => (await client.query(sql, params)).rows as T[]);
}

let copies = 0;

/**
 * The migrated, reference-seeded database every test file copies. Built once per run by whichever
 * file gets there first; an advisory lock keeps the others waiting meanwhile.
 */
async function ensureTemplate(template: string): Promise<void> {
  await withAdminClient(async (client) => {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount) return;
      await client.query(`CREATE DATABASE ${template}`);
      const dataSource = createDataSource({ url: databaseUrl(template), poolSize: 2 });
      await dataSource.initialize();
      try {
        await dataSource.runMigrations();
        await seedAll(dataSource, { demo: false, log: () => undefined });
        await grantServingRole(dataSource, TEST_SERVING_ROLE);
      } finally {
        await dataSource.destroy();
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [template]);
    }
  });
}

/**
 * A fresh database copied from the template (migrations, reference data, the serving role's
 * grants), named after the template so the global teardown drops it if its file crashes.
 */
export async function copyTemplate(): Promise<string> {
  const template = process.env.TEST_TEMPLATE_DATABASE as string;
  await ensureTemplate(template);
  const name = `${template}_${process.pid}_${++copies}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  return name;
}
