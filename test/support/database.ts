import pg from 'pg';

/** The URL of another database on the server that DATABASE_URL points at. */
export function databaseUrl(database: string): string {
  const url = new URL(process.env.DATABASE_URL as string);
  url.pathname = `/${database}`;
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
