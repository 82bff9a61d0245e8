import type { DataSource } from 'typeorm';

/** What the role that serves requests may do with the server itself: nothing beyond signing in. */
export const SERVING_ROLE_OPTIONS =
  'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS';

/** The only tables requests delete from: reopened years and replaced target values. */
const DELETABLE = ['year_locks', 'target_values', 'training_targets'];

/** Evidence and schema history: read and, for the audit trail, appended to; never changed. */
const APPEND_ONLY = ['audit_log'];
const READ_ONLY = ['migrations'];

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface ServingRole {
  name: string;
  superuser: boolean;
  /** Tables of the schema this role owns; an owner may disable triggers and drop tables. */
  ownsTables: number;
}

/** Who the serving connection is, as the server sees it. */
export async function describeServingRole(serving: DataSource): Promise<ServingRole> {
  const [row] = await serving.query<ServingRole[]>(
    `SELECT current_user AS name, r.rolsuper AS superuser,
            (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS "ownsTables"
       FROM pg_roles r WHERE r.rolname = current_user`,
  );
  return row;
}

/**
 * Gives the serving role exactly what the product's requests need, run by the owner after each
 * migration so new tables are covered: read, insert and update everywhere; delete only where a
 * request deletes; the audit trail read and appended to only. Idempotent and without a moment in
 * which a running instance lacks a privilege it had.
 */
export async function grantServingRole(owner: DataSource, role: string): Promise<void> {
  const grantee = quoteIdent(role);
  const tables = (
    await owner.query<{ tablename: string }[]>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
    )
  ).map((row) => row.tablename);
  const list = (names: string[]) => names.map(quoteIdent).join(', ');
  const writable = tables.filter((table) => !READ_ONLY.includes(table));
  const statements = [
    `GRANT USAGE ON SCHEMA public TO ${grantee}`,
    `GRANT SELECT ON ${list(tables)} TO ${grantee}`,
    `GRANT INSERT ON ${list(writable)} TO ${grantee}`,
    `GRANT UPDATE ON ${list(writable.filter((t) => !APPEND_ONLY.includes(t)))} TO ${grantee}`,
    `GRANT DELETE ON ${list(DELETABLE.filter((t) => tables.includes(t)))} TO ${grantee}`,
    `REVOKE TRUNCATE, REFERENCES, TRIGGER ON ${list(tables)} FROM ${grantee}`,
    `REVOKE UPDATE ON ${list([...APPEND_ONLY, ...READ_ONLY])} FROM ${grantee}`,
    `REVOKE INSERT ON ${list(READ_ONLY)} FROM ${grantee}`,
    `REVOKE DELETE ON ${list(tables.filter((t) => !DELETABLE.includes(t)))} FROM ${grantee}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${grantee}`,
  ];
  for (const statement of statements) await owner.query(statement);
}
