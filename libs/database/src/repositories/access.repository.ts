import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ClosedYear } from '@app/domain';
import { yearEnd } from './dates.js';

export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityCode: string | null;
  /** The area whose scope governs who may read the row; null for national records. */
  areaId: number | null;
  year?: number | null;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditFilter {
  /** The reader's scope: rows about its subtree, and the reference data above it; null: all. */
  withinAreaId: number | null;
  entity?: string;
  code?: string;
  from?: string;
  to?: string;
  limit: number;
}

/**
 * Records everyone may read in their own scope's chain (the hierarchy, closed years, criteria and
 * targets), so their history is readable from below too; people's data only within the subtree.
 */
const PUBLIC_RECORDS = ['area', 'year', 'criteria-set', 'target-plan'];

/** The audit trail and year locks: what was done, and what is closed. */
@Injectable()
export class AccessRepository {
  constructor(private readonly dataSource: DataSource) {}

  async audit(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor, action, entity, entity_code, area_id, year, reason, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        entry.actor,
        entry.action,
        entry.entity,
        entry.entityCode,
        entry.areaId,
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
    let scope = '';
    if (filter.withinAreaId !== null) {
      add(
        `(area_id IN (SELECT id FROM below) OR (entity = ANY(?) AND (area_id IS NULL OR area_id IN (SELECT id FROM above))))`,
        PUBLIC_RECORDS,
      );
      params.push(filter.withinAreaId);
      scope = `WITH RECURSIVE below AS (
          SELECT $${params.length}::integer AS id
          UNION SELECT ap.area_id FROM below JOIN area_parents ap ON ap.parent_id = below.id
        ), above AS (
          SELECT $${params.length}::integer AS id
          UNION SELECT ap.parent_id FROM above JOIN area_parents ap ON ap.area_id = above.id
        )`;
    }
    if (filter.entity) add('entity = ?', filter.entity);
    if (filter.code) add('entity_code = ?', filter.code);
    if (filter.from) add('at >= ?::date', filter.from);
    if (filter.to) add(`at < ?::date + 1`, filter.to);
    params.push(filter.limit);
    return this.dataSource.query(
      `${scope} SELECT id::text, at, actor, action, entity, entity_code AS "entityCode", year, reason, before, after
         FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
  }

  /**
   * The locks that freeze any of these places in any year of the range: a lock on an area covers
   * the area and everything below it as the hierarchy stood at the end of the locked year.
   */
  async locksOver(
    placeIds: number[],
    fromYear: number,
    toYear: number,
    manager?: EntityManager,
  ): Promise<ClosedYear[]> {
    return (manager ?? this.dataSource).query(
      `WITH RECURSIVE covered AS (
         SELECT l.year, l.area_id AS root, l.area_id AS id
           FROM year_locks l WHERE l.year BETWEEN $2 AND $3
         UNION
         SELECT c.year, c.root, ap.area_id
           FROM covered c JOIN area_parents ap ON ap.parent_id = c.id
            AND ap.valid_from <= make_date(c.year, 12, 31)
            AND (ap.valid_to IS NULL OR ap.valid_to >= make_date(c.year, 12, 31))
       )
       SELECT DISTINCT c.year::int AS year, c.id AS "placeId", a.code AS "areaCode"
         FROM covered c JOIN areas a ON a.id = c.root
        WHERE c.id = ANY($1::integer[])
        ORDER BY year, "areaCode"`,
      [placeIds, fromYear, toYear],
    );
  }

  /** Locks of the year on the area, above it or anywhere below it, as it stood that year. */
  async locksAroundSubtree(
    areaId: number,
    year: number,
    manager?: EntityManager,
  ): Promise<string[]> {
    const rows: { code: string }[] = await (manager ?? this.dataSource).query(
      `WITH RECURSIVE below AS (
         SELECT $1::integer AS id
         UNION SELECT ap.area_id FROM below JOIN area_parents ap ON ap.parent_id = below.id
            AND ap.valid_from <= $3::date AND (ap.valid_to IS NULL OR ap.valid_to >= $3::date)
       ), above AS (
         SELECT $1::integer AS id
         UNION SELECT ap.parent_id FROM above JOIN area_parents ap ON ap.area_id = above.id
            AND ap.valid_from <= $3::date AND (ap.valid_to IS NULL OR ap.valid_to >= $3::date)
       )
       SELECT a.code FROM year_locks l JOIN areas a ON a.id = l.area_id
        WHERE l.year = $2 AND (l.area_id IN (SELECT id FROM below) OR l.area_id IN (SELECT id FROM above))
        ORDER BY a.code`,
      [areaId, year, yearEnd(year)],
    );
    return rows.map((row) => row.code);
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
