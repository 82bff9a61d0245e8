import { Injectable } from '@nestjs/common';
import { Db } from '../db.js';
import type { Role } from '@app/domain';
import type { PageRows } from './registry.repository.js';
import { SUBTREE } from './area-tree.repository.js';
import { inBatches, bulkRow, unnestOf, type FieldColumn } from './bulk.js';

/** An account as the services need it: what they show, sign in and check scopes with. */
export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  scopeAreaCode: string | null;
  scope: { code: string; name: string; typeLabel: string } | null;
  active: boolean;
  mustChangePassword: boolean;
  scopeAreaId: number | null;
  passwordHash: string;
  tokenVersion: number;
}

export interface UserListFilter {
  /** Only accounts scoped somewhere in this area's subtree (a scoped administrator's view). */
  withinAreaId: number | null;
  /** Accent-folded text matched against the username and the display name. */
  folded?: string;
  role?: Role;
  active?: boolean;
  offset: number;
  limit: number;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  scopeAreaId?: number | null;
  active?: boolean;
  passwordHash?: string;
  mustChangePassword?: boolean;
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  scopeAreaId: number | null;
  mustChangePassword: boolean;
}

/** An account as written by someone other than an administrator: no forced password change. */
type NewAccount = Omit<NewUser, 'mustChangePassword'>;

/** The columns accounts had from the start. */
const ACCOUNT_WRITES: FieldColumn<NewAccount>[] = [
  { name: 'username', type: 'text', field: 'username' },
  { name: 'display_name', type: 'text', field: 'displayName' },
  { name: 'password_hash', type: 'text', field: 'passwordHash' },
  { name: 'role', type: 'text', field: 'role' },
  { name: 'scope_area_id', type: 'integer', field: 'scopeAreaId' },
];

const USER_WRITES: FieldColumn<NewUser>[] = [
  ...ACCOUNT_WRITES,
  { name: 'must_change_password', type: 'boolean', field: 'mustChangePassword' },
];

const USER_NAMES = USER_WRITES.map((column) => column.name).join(', ');

const COLUMNS: Record<keyof UserChanges, string> = {
  displayName: 'display_name',
  role: 'role',
  scopeAreaId: 'scope_area_id',
  active: 'active',
  passwordHash: 'password_hash',
  mustChangePassword: 'must_change_password',
};

const SELECT = `
  SELECT u.id, u.username, u.display_name AS "displayName", u.role, u.active,
         u.must_change_password AS "mustChangePassword", u.scope_area_id AS "scopeAreaId",
         a.code AS "scopeAreaCode", a.name AS "scopeAreaName", a.type_label AS "scopeAreaType",
         u.password_hash AS "passwordHash", u.token_version AS "tokenVersion"
    FROM users u LEFT JOIN areas a ON a.id = u.scope_area_id`;

interface Row extends Omit<UserRecord, 'scope'> {
  scopeAreaName: string | null;
  scopeAreaType: string | null;
}

function toRecord({ scopeAreaName, scopeAreaType, ...row }: Row): UserRecord {
  return {
    ...row,
    scope:
      row.scopeAreaCode === null
        ? null
        : {
            code: row.scopeAreaCode,
            name: scopeAreaName as string,
            typeLabel: scopeAreaType as string,
          },
  };
}

/** Accounts: who may sign in, with which role and over which part of the area tree. */
@Injectable()
export class UsersRepository {
  constructor(private readonly db: Db) {}

  async findByUsername(username: string): Promise<UserRecord | null> {
    const rows: Row[] = await this.db.rows(`${SELECT} WHERE u.username = $1`, [username]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** The account behind a token, read at every request so a change takes effect at once. */
  async findById(id: number): Promise<UserRecord | null> {
    const rows: Row[] = await this.db.rows(`${SELECT} WHERE u.id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async list(filter: UserListFilter): Promise<PageRows<UserRecord>> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (condition: (placeholder: string) => string, value: unknown) => {
      params.push(value);
      where.push(condition(`$${params.length}`));
    };
    let scope = '';
    if (filter.withinAreaId !== null) {
      params.push(filter.withinAreaId);
      scope = SUBTREE;
      where.push('u.scope_area_id IN (SELECT id FROM subtree)');
    }
    if (filter.folded !== undefined)
      add(
        (p) =>
          `(u.username LIKE '%' || ${p} || '%' OR u.display_name_folded LIKE '%' || ${p} || '%')`,
        filter.folded,
      );
    if (filter.role !== undefined) add((p) => `u.role = ${p}`, filter.role);
    if (filter.active !== undefined) add((p) => `u.active = ${p}`, filter.active);
    params.push(filter.limit, filter.offset);
    const rows: (Row & { fullCount: number })[] = await this.db.rows(
      `${scope}
       SELECT page.*, count(*) OVER ()::int AS "fullCount" FROM (${SELECT}
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}) page
        ORDER BY page.username LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return {
      rows: rows.map(({ fullCount: _fullCount, ...row }) => toRecord(row)),
      total: rows[0]?.fullCount ?? 0,
    };
  }

  async countActiveNationalAdmins(): Promise<number> {
    const rows: { n: number }[] = await this.db.rows(
      `SELECT count(*)::int AS n FROM users
        WHERE role = 'admin' AND active AND scope_area_id IS NULL`,
    );
    return rows[0].n;
  }

  async insert(user: NewUser): Promise<void> {
    await this.db.rows(
      `INSERT INTO users (${USER_NAMES}) VALUES ($1, $2, $3, $4, $5, $6)`,
      USER_WRITES.map((column) => user[column.field]),
    );
  }

  /**
   * Adds the accounts whose username is free; an existing account is left as it is. Only the
   * columns accounts had from the start are written, so the demo's accounts can go into a
   * database of any version (the migration tests seed older ones).
   */
  async insertMissing(users: NewAccount[]): Promise<number> {
    const created = await inBatches(
      this.db,
      `INSERT INTO users (${ACCOUNT_WRITES.map((column) => column.name).join(', ')})
       SELECT * FROM ${unnestOf(ACCOUNT_WRITES)}
       ON CONFLICT (username) DO NOTHING RETURNING id`,
      ACCOUNT_WRITES,
      users.map((user) => bulkRow(ACCOUNT_WRITES, user)),
    );
    return created.length;
  }

  /**
   * Applies the changes; with `endSessions`, every token issued before stops working from the
   * next request. Returns the new token version.
   */
  async update(id: number, changes: UserChanges, endSessions: boolean): Promise<number> {
    const params: unknown[] = [id];
    const sets = Object.entries(changes)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => {
        params.push(value);
        return `${COLUMNS[key as keyof UserChanges]} = $${params.length}`;
      });
    if (endSessions) sets.push('token_version = token_version + 1');
    sets.push('updated_at = now()');
    // An UPDATE … RETURNING answers with its rows and the count of rows changed.
    const [rows] = await this.db.manager.query<[{ tokenVersion: number }[], number]>(
      `UPDATE users SET ${sets.join(', ')} WHERE id = $1 RETURNING token_version AS "tokenVersion"`,
      params,
    );
    return rows[0].tokenVersion;
  }
}
