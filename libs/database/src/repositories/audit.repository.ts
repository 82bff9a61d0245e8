import { Injectable } from '@nestjs/common';
import { Db } from '../db.js';

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

/** The audit trail: who did what, when, with the record before and after. */
@Injectable()
export class AuditRepository {
  constructor(private readonly db: Db) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.db.rows(
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

  async trail(filter: AuditFilter): Promise<unknown[]> {
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
    return this.db.rows(
      `${scope} SELECT id::text, at, actor, action, entity, entity_code AS "entityCode", year, reason, before, after
         FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
  }
}
