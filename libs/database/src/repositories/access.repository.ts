import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { UserEntity, type Role } from '../entities/index.js';

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  scopeAreaCode: string | null;
  active: boolean;
}

export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityCode: string | null;
  year?: number | null;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditFilter {
  entity?: string;
  code?: string;
  from?: string;
  to?: string;
  limit: number;
}

const USER_COLUMNS = `
  u.id, u.username, u.display_name AS "displayName", u.role, a.code AS "scopeAreaCode", u.active`;

/** Users, the audit trail and year locks: who may act, what they did, and what is closed. */
@Injectable()
export class AccessRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findUserForLogin(
    username: string,
  ): Promise<(UserView & { passwordHash: string; scopeAreaId: number | null }) | null> {
    const rows: (UserView & { passwordHash: string; scopeAreaId: number | null })[] =
      await this.dataSource.query(
        `SELECT ${USER_COLUMNS}, u.password_hash AS "passwordHash", u.scope_area_id AS "scopeAreaId"
         FROM users u LEFT JOIN areas a ON a.id = u.scope_area_id WHERE u.username = $1`,
        [username],
      );
    return rows[0] ?? null;
  }

  async listUsers(): Promise<UserView[]> {
    return this.dataSource.query(
      `SELECT ${USER_COLUMNS} FROM users u LEFT JOIN areas a ON a.id = u.scope_area_id ORDER BY u.username`,
    );
  }

  async countAdmins(): Promise<number> {
    const rows: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND active`,
    );
    return rows[0].n;
  }

  async insertUser(manager: EntityManager, user: Partial<UserEntity>): Promise<void> {
    await manager.getRepository(UserEntity).insert(user);
  }

  async audit(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor, action, entity, entity_code, year, reason, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        entry.actor,
        entry.action,
        entry.entity,
        entry.entityCode,
        entry.year ?? null,
        entry.reason ?? null,
        entry.before === undefined ? null : JSON.stringify(entry.before),
        entry.after === undefined ? null : JSON.stringify(entry.after),
      ],
    );
  }

  async auditTrail(filter: AuditFilter): Promise<unknown[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (condition: string, value: unknown) => {
      params.push(value);
      where.push(condition.replace('?', `$${params.length}`));
    };
    if (filter.entity) add('entity = ?', filter.entity);
    if (filter.code) add('entity_code = ?', filter.code);
    if (filter.from) add('at >= ?::date', filter.from);
    if (filter.to) add(`at < ?::date + 1`, filter.to);
    params.push(filter.limit);
    return this.dataSource.query(
      `SELECT id::text, at, actor, action, entity, entity_code AS "entityCode", year, reason, before, after
         FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
  }

  /** The lock on the area or any of its ancestors for the year, if one is in force. */
  async lockCovering(
    areaIds: number[],
    year: number,
    manager?: EntityManager,
  ): Promise<string | null> {
    const rows: { code: string }[] = await (manager ?? this.dataSource).query(
      `SELECT a.code FROM year_locks l JOIN areas a ON a.id = l.area_id
        WHERE l.area_id = ANY($1) AND l.year = $2 LIMIT 1`,
      [areaIds, year],
    );
    return rows[0]?.code ?? null;
  }

  async lock(
    manager: EntityManager,
    areaId: number,
    year: number,
    actor: string,
  ): Promise<boolean> {
    const result: unknown[] = await manager.query(
      `INSERT INTO year_locks (area_id, year, locked_by) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING area_id`,
      [areaId, year, actor],
    );
    return result.length > 0;
  }

  async unlock(manager: EntityManager, areaId: number, year: number): Promise<boolean> {
    const result: [unknown[], number] = await manager.query(
      `DELETE FROM year_locks WHERE area_id = $1 AND year = $2`,
      [areaId, year],
    );
    return result[1] > 0;
  }
}
