import pg from 'pg';

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
