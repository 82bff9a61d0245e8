import type { Db } from '../db.js';

/** A column written in bulk: its name and the PostgreSQL type of its array. */
export interface BulkColumn {
  name: string;
  type: 'integer' | 'text' | 'date' | 'boolean' | 'numeric' | 'jsonb' | 'smallint';
}

/** A column that takes the value of a field of the rows written. */
export type FieldColumn<T> = BulkColumn & { field: keyof T };

/** The row of a bulk write, keyed by column name, from the fields its columns read. */
export const bulkRow = <T>(columns: FieldColumn<T>[], row: T): Record<string, unknown> =>
  Object.fromEntries(columns.map((column) => [column.name, row[column.field]]));

/** Rows per bulk statement. */
const BATCH = 5000;

/** The columns as `unnest` arguments, one array parameter each, in order. */
export const unnestOf = (columns: BulkColumn[]) =>
  `unnest(${columns.map((column, index) => `$${index + 1}::${column.type}[]`).join(', ')})`;

/**
 * Runs the statement a batch of rows at a time, each column passed as one array: few round trips,
 * and the parameters of one batch at a time in memory. Returns the rows the statements return.
 */
export async function inBatches<T = unknown>(
  db: Db,
  sql: string,
  columns: BulkColumn[],
  rows: Record<string, unknown>[],
): Promise<T[]> {
  const returned: T[] = [];
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    returned.push(
      ...(await db.rows<T>(
        sql,
        columns.map((column) => batch.map((row) => row[column.name] ?? null)),
      )),
    );
  }
  return returned;
}

/** Inserts the rows. */
export async function insertMany(
  db: Db,
  table: string,
  columns: BulkColumn[],
  rows: Record<string, unknown>[],
): Promise<void> {
  await inBatches(
    db,
    `INSERT INTO ${table} (${columns.map((column) => column.name).join(', ')})
     SELECT * FROM ${unnestOf(columns)}`,
    columns,
    rows,
  );
}

/** Updates every row by id; `updated_at` is set on each. */
export async function updateMany(
  db: Db,
  table: string,
  columns: BulkColumn[],
  rows: Record<string, unknown>[],
  extra = '',
): Promise<void> {
  const all: BulkColumn[] = [{ name: 'id', type: 'integer' }, ...columns];
  await inBatches(
    db,
    `UPDATE ${table} t SET ${columns.map((column) => `${column.name} = v.${column.name}`).join(', ')},
            updated_at = now()${extra}
       FROM ${unnestOf(all)} AS v(${all.map((column) => column.name).join(', ')})
      WHERE t.id = v.id`,
    all,
    rows,
  );
}

/**
 * Inserts the rows, or updates those whose natural key exists. A row equal to the stored one is
 * not rewritten, so writing the same rows again changes nothing. Returns how many were written.
 */
export async function upsertMany(
  db: Db,
  spec: {
    table: string;
    /** The conflict target: the natural key. */
    key: string[];
    columns: BulkColumn[];
    /** The columns an existing row takes from the given one; all but the key when not given. */
    updates?: string[];
    /** Extra assignments made only when a row changes. */
    onChange?: string;
  },
  rows: Record<string, unknown>[],
): Promise<number> {
  const { table, key, columns, onChange } = spec;
  const names = columns.map((column) => column.name);
  const updated = spec.updates ?? names.filter((name) => !key.includes(name));
  const written = await inBatches(
    db,
    `INSERT INTO ${table} (${names.join(', ')})
     SELECT * FROM ${unnestOf(columns)}
     ON CONFLICT (${key.join(', ')}) DO UPDATE
       SET ${updated.map((name) => `${name} = EXCLUDED.${name}`).join(', ')},
           ${onChange ? `${onChange}, ` : ''}updated_at = now()
       WHERE (${updated.map((name) => `${table}.${name}`).join(', ')})
             IS DISTINCT FROM (${updated.map((name) => `EXCLUDED.${name}`).join(', ')})
     RETURNING 1`,
    columns,
    rows,
  );
  return written.length;
}

/** The ids of the rows of a table with a unique code, by code; unknown codes are left out. */
export async function idsByCode(
  db: Db,
  table: string,
  codes: string[],
): Promise<Map<string, number>> {
  const rows = await db.rows<{ id: number; code: string }>(
    `SELECT id, code FROM ${table} WHERE code = ANY($1::text[])`,
    [codes],
  );
  return new Map(rows.map((row) => [row.code, row.id]));
}
