import type { DataSource } from 'typeorm';

/**
 * The whole database as a few lines: each table's row count and the md5 of all its rows in
 * order (every column, the audit log included), and where each sequence stands, so even an
 * insert that was rolled back shows.
 */
export async function fingerprint(dataSource: DataSource): Promise<Record<string, string>> {
  const tables = await dataSource.query<{ name: string }[]>(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await dataSource.query<{ count: number; hash: string }[]>(
      `SELECT count(*)::int AS count,
              md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS hash
         FROM ${name} t`,
    );
    result[name] = `${row.count} rows, md5 ${row.hash}`;
  }
  const sequences = await dataSource.query<{ name: string; position: string }[]>(
    `SELECT sequencename AS name, coalesce(last_value, 0)::text AS position
       FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`,
  );
  for (const { name, position } of sequences) result[`sequence ${name}`] = position;
  return result;
}
