import { Injectable } from '@nestjs/common';
import type { ClosedYear } from '@app/domain';
import { inForceOn } from '../sql.js';
import { Db } from '../db.js';
import { yearEnd } from './dates.js';

/** Finalised years: which are closed, for which places, as the hierarchy stood that year. */
@Injectable()
export class YearLocksRepository {
  constructor(private readonly db: Db) {}

  /**
   * The locks that freeze any of these places in any year of the range: a lock on an area covers
   * the area and everything below it as the hierarchy stood at the end of the locked year.
   */
  async locksOver(placeIds: number[], fromYear: number, toYear: number): Promise<ClosedYear[]> {
    return this.db.rows<ClosedYear>(
      `WITH RECURSIVE covered AS (
         SELECT l.year, l.area_id AS root, l.area_id AS id
           FROM year_locks l WHERE l.year BETWEEN $2 AND $3
         UNION
         SELECT c.year, c.root, ap.area_id
           FROM covered c JOIN area_parents ap ON ap.parent_id = c.id
            AND ${inForceOn('ap', 'make_date(c.year, 12, 31)')}
       )
       SELECT DISTINCT c.year::int AS year, c.id AS "placeId", a.code AS "areaCode"
         FROM covered c JOIN areas a ON a.id = c.root
        WHERE c.id = ANY($1::integer[])
        ORDER BY year, "areaCode"`,
      [placeIds, fromYear, toYear],
    );
  }

  /** Locks of the year on the area, above it or anywhere below it, as it stood that year. */
  async locksAroundSubtree(areaId: number, year: number): Promise<string[]> {
    const rows = await this.db.rows<{ code: string }>(
      `WITH RECURSIVE below AS (
         SELECT $1::integer AS id
         UNION SELECT ap.area_id FROM below JOIN area_parents ap ON ap.parent_id = below.id
            AND ${inForceOn('ap', '$3')}
       ), above AS (
         SELECT $1::integer AS id
         UNION SELECT ap.parent_id FROM above JOIN area_parents ap ON ap.area_id = above.id
            AND ${inForceOn('ap', '$3')}
       )
       SELECT a.code FROM year_locks l JOIN areas a ON a.id = l.area_id
        WHERE l.year = $2 AND (l.area_id IN (SELECT id FROM below) OR l.area_id IN (SELECT id FROM above))
        ORDER BY a.code`,
      [areaId, year, yearEnd(year)],
    );
    return rows.map((row) => row.code);
  }

  async lock(areaId: number, year: number, actor: string): Promise<boolean> {
    const result = await this.db.rows(
      `INSERT INTO year_locks (area_id, year, locked_by) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING area_id`,
      [areaId, year, actor],
    );
    return result.length > 0;
  }

  async unlock(areaId: number, year: number): Promise<boolean> {
    const deleted = await this.db.affected(
      `DELETE FROM year_locks WHERE area_id = $1 AND year = $2`,
      [areaId, year],
    );
    return deleted > 0;
  }
}
