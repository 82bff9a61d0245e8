import { Injectable } from '@nestjs/common';
import { Db } from '../db.js';
import type { AreaLevel } from '@app/domain';
import { AreaEntity, AreaParentEntity, AreaSuccessionEntity } from '../entities/index.js';
import { inForceOn } from '../sql.js';
import { bulkRow, idsByCode, inBatches, unnestOf, upsertMany, type FieldColumn } from './bulk.js';

export interface AreaRow {
  id: number;
  code: string;
  name: string;
  level: AreaLevel;
  typeLabel: string;
  difficult: boolean;
  validFrom: string;
  validTo: string | null;
  note: string | null;
  parentCode: string | null;
}

export interface AreaListFilter {
  level?: AreaLevel;
  parentCode?: string;
  /** Placement at this date: only areas in force then, under the parent they had then. */
  date?: string;
  q?: string;
  /** Only these areas (a user's scope: its subtree and the areas above it). */
  ids?: number[];
}

/** An area as reference data gives it, by code. */
export interface AreaWrite {
  code: string;
  name: string;
  nameFolded: string;
  level: AreaLevel;
  typeLabel: string;
  difficult: boolean;
  validFrom: string;
  note: string | null;
}

/** A parent link between two areas named by code. */
export interface AreaParentWrite {
  areaCode: string;
  parentCode: string;
  validFrom: string;
  validTo: string | null;
  note: string | null;
}

const AREA_WRITES: FieldColumn<AreaWrite>[] = [
  { name: 'code', type: 'text', field: 'code' },
  { name: 'name', type: 'text', field: 'name' },
  { name: 'name_folded', type: 'text', field: 'nameFolded' },
  { name: 'level', type: 'text', field: 'level' },
  { name: 'type_label', type: 'text', field: 'typeLabel' },
  { name: 'difficult', type: 'boolean', field: 'difficult' },
  { name: 'valid_from', type: 'date', field: 'validFrom' },
  { name: 'note', type: 'text', field: 'note' },
];

const PARENT_WRITES: FieldColumn<AreaParentWrite>[] = [
  { name: 'area_code', type: 'text', field: 'areaCode' },
  { name: 'parent_code', type: 'text', field: 'parentCode' },
  { name: 'valid_from', type: 'date', field: 'validFrom' },
  { name: 'valid_to', type: 'date', field: 'validTo' },
  { name: 'note', type: 'text', field: 'note' },
];

/** An area linked to another by a merger or split. */
export interface AreaLinkRow {
  code: string;
  change: string;
  effectiveOn: string;
}

/** An area above (or the area itself) in an ancestry, most specific first. */
export interface AncestorRow {
  id: number;
  code: string;
  name: string;
  level: AreaLevel;
}

/** An area with everything a request checks before it acts on it, read in one statement. */
export interface AreaContextRow extends AreaRow {
  /** The area and its ancestors at the date, most specific first. */
  ancestry: AncestorRow[];
  /** The area (itself or above) whose lock finalises the year asked about, if any. */
  lockedBy: string | null;
}

const AREA_COLUMNS = `
  a.id, a.code, a.name, a.level, a.type_label AS "typeLabel", a.difficult,
  to_char(a.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(a.valid_to, 'YYYY-MM-DD') AS "validTo",
  a.note`;

/** Areas `a` with their parent `p` on the date. */
const WITH_PARENT = (date: string) => `
  FROM areas a
  LEFT JOIN area_parents ap ON ap.area_id = a.id AND ${inForceOn('ap', date)}
  LEFT JOIN areas p ON p.id = ap.parent_id`;

/** The areas from the one `start` picks up to the top on the date in `$2`, with their depth. */
const CHAIN = (start: string) => `
  WITH RECURSIVE chain AS (
    SELECT a.id, 0 AS depth FROM areas a WHERE ${start}
    UNION ALL
    SELECT ap.parent_id, chain.depth + 1
      FROM chain JOIN area_parents ap ON ap.area_id = chain.id AND ${inForceOn('ap', '$2')}
     WHERE chain.depth < 10
  )`;

@Injectable()
export class AreasRepository {
  constructor(private readonly db: Db) {}

  /** An area with the parent it has at `date` (today when not given). */
  findByCode(code: string, date?: string): Promise<AreaRow | null> {
    return this.findWithParent('code', code, date ?? new Date().toISOString().slice(0, 10));
  }

  findById(id: number, date: string): Promise<AreaRow | null> {
    return this.findWithParent('id', id, date);
  }

  private findWithParent(
    column: 'code' | 'id',
    value: string | number,
    date: string,
  ): Promise<AreaRow | null> {
    return this.db.one<AreaRow>(
      `SELECT ${AREA_COLUMNS}, p.code AS "parentCode" ${WITH_PARENT('$2')} WHERE a.${column} = $1`,
      [value, date],
    );
  }

  /**
   * The area with this code, its parent and ancestors as they stood on `date`, and the lock that
   * finalises `lockYear` for it (a lock on the area or above it), in one statement.
   */
  async context(
    code: string,
    date: string,
    lockYear: number | null,
  ): Promise<AreaContextRow | null> {
    return this.db.one<AreaContextRow>(
      `${CHAIN('a.code = $1')}
       SELECT ${AREA_COLUMNS}, p.code AS "parentCode",
              (SELECT json_agg(json_build_object('id', c.id, 'code', ca.code, 'name', ca.name,
                                                 'level', ca.level) ORDER BY c.depth)
                 FROM chain c JOIN areas ca ON ca.id = c.id) AS ancestry,
              (SELECT la.code FROM chain c JOIN year_locks l ON l.area_id = c.id AND l.year = $3
                 JOIN areas la ON la.id = c.id ORDER BY la.code LIMIT 1) AS "lockedBy"
        ${WITH_PARENT('$2')}
        WHERE a.code = $1`,
      [code, date, lockYear],
    );
  }

  /** The area and its ancestors at `date`, most specific first. */
  async ancestry(areaId: number, date: string): Promise<AreaRow[]> {
    return this.db.rows(
      `${CHAIN('a.id = $1')}
       SELECT ${AREA_COLUMNS}, NULL AS "parentCode"
         FROM chain JOIN areas a ON a.id = chain.id
        ORDER BY chain.depth`,
      [areaId, date],
    );
  }

  async list(filter: AreaListFilter): Promise<AreaRow[]> {
    const date = filter.date ?? new Date().toISOString().slice(0, 10);
    const params: unknown[] = [date];
    const where: string[] = [];
    if (filter.date) where.push(inForceOn('a', '$1'));
    if (filter.level) {
      params.push(filter.level);
      where.push(`a.level = $${params.length}`);
    }
    if (filter.parentCode) {
      params.push(filter.parentCode);
      where.push(`p.code = $${params.length}`);
    }
    if (filter.q) {
      params.push(`%${filter.q}%`);
      where.push(`a.name_folded LIKE $${params.length}`);
    }
    if (filter.ids) {
      params.push(filter.ids);
      where.push(`a.id = ANY($${params.length})`);
    }
    return this.db.rows(
      `SELECT ${AREA_COLUMNS}, p.code AS "parentCode" ${WITH_PARENT('$1')}
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY array_position(ARRAY['province','district','commune','hamlet'], a.level),
                 p.code NULLS FIRST, a.name COLLATE "C", a.code`,
      params,
    );
  }

  /** The area, everything ever below it and everything ever above it. */
  async visibleFrom(areaId: number): Promise<number[]> {
    const rows: { id: number }[] = await this.db.rows(
      `WITH RECURSIVE below AS (
         SELECT $1::integer AS id
         UNION SELECT ap.area_id FROM below JOIN area_parents ap ON ap.parent_id = below.id
       ), above AS (
         SELECT $1::integer AS id
         UNION SELECT ap.parent_id FROM above JOIN area_parents ap ON ap.area_id = above.id
       )
       SELECT id FROM below UNION SELECT id FROM above`,
      [areaId],
    );
    return rows.map((row) => row.id);
  }

  /** The areas this one was made from (merged, split), with the change and its date. */
  predecessorsOf(areaId: number): Promise<AreaLinkRow[]> {
    return this.successionLinks(areaId, 'predecessor');
  }

  /** The areas made from this one. */
  successorsOf(areaId: number): Promise<AreaLinkRow[]> {
    return this.successionLinks(areaId, 'successor');
  }

  /** The areas on `side` of the successions whose other side is the area. */
  private successionLinks(
    areaId: number,
    side: 'predecessor' | 'successor',
  ): Promise<AreaLinkRow[]> {
    const other = side === 'predecessor' ? 'successor' : 'predecessor';
    return this.db.rows(
      `SELECT o.code, s.change, to_char(s.effective_on, 'YYYY-MM-DD') AS "effectiveOn"
         FROM area_successions s JOIN areas o ON o.id = s.${side}_id
        WHERE s.${other}_id = $1 ORDER BY o.code`,
      [areaId],
    );
  }

  async parentHistory(
    areaId: number,
  ): Promise<
    { parentCode: string; validFrom: string; validTo: string | null; note: string | null }[]
  > {
    return this.db.rows(
      `SELECT p.code AS "parentCode", to_char(ap.valid_from, 'YYYY-MM-DD') AS "validFrom",
              to_char(ap.valid_to, 'YYYY-MM-DD') AS "validTo", ap.note
         FROM area_parents ap JOIN areas p ON p.id = ap.parent_id
        WHERE ap.area_id = $1 ORDER BY ap.valid_from`,
      [areaId],
    );
  }

  async insert(area: Omit<AreaEntity, 'id' | 'createdAt' | 'updatedAt'>): Promise<number> {
    const saved = await this.db.manager
      .getRepository(AreaEntity)
      .save(this.db.manager.create(AreaEntity, area));
    return saved.id;
  }

  async addParent(link: {
    areaId: number;
    parentId: number;
    validFrom: string;
    validTo?: string | null;
    note?: string | null;
  }): Promise<void> {
    await this.db.manager.getRepository(AreaParentEntity).insert({
      areaId: link.areaId,
      parentId: link.parentId,
      validFrom: link.validFrom,
      validTo: link.validTo ?? null,
      note: link.note ?? null,
    });
  }

  /** Ends the parent link in force on `lastDay` so that a new one can start the day after. */
  async endParentLink(areaId: number, lastDay: string): Promise<number> {
    return this.db.affected(
      `UPDATE area_parents SET valid_to = $2::date
        WHERE area_id = $1 AND ${inForceOn('area_parents', '$2')}`,
      [areaId, lastDay],
    );
  }

  async endArea(areaId: number, lastDay: string): Promise<void> {
    await this.db.rows(`UPDATE areas SET valid_to = $2::date, updated_at = now() WHERE id = $1`, [
      areaId,
      lastDay,
    ]);
    await this.db.rows(
      `UPDATE area_parents SET valid_to = $2::date
        WHERE area_id = $1 AND (valid_to IS NULL OR valid_to > $2::date)`,
      [areaId, lastDay],
    );
  }

  async addSuccession(link: Omit<AreaSuccessionEntity, 'id'>): Promise<void> {
    await this.db.manager.getRepository(AreaSuccessionEntity).insert(link);
  }

  /** Children in force at `date`, used to move hamlets to the commune that absorbs theirs. */
  async childrenAt(parentId: number, date: string): Promise<number[]> {
    const rows: { id: number }[] = await this.db.rows(
      `SELECT ap.area_id AS id FROM area_parents ap
        WHERE ap.parent_id = $1 AND ${inForceOn('ap', '$2')}`,
      [parentId, date],
    );
    return rows.map((row) => row.id);
  }

  /** The ids of the areas with these codes; unknown codes are left out. */
  idsByCode(codes: string[]): Promise<Map<string, number>> {
    return idsByCode(this.db, 'areas', codes);
  }

  /**
   * Adds the areas whose code is new and respells the others (name and type label); an existing
   * area keeps its level, validity, difficult flag and note. Returns how many were written.
   */
  upsertByCode(areas: AreaWrite[]): Promise<number> {
    return upsertMany(
      this.db,
      {
        table: 'areas',
        key: ['code'],
        columns: AREA_WRITES,
        updates: ['name', 'name_folded', 'type_label'],
      },
      areas.map((area) => bulkRow(AREA_WRITES, area)),
    );
  }

  /**
   * Adds each link unless its area already has a parent for any day of the link's period (the
   * same link, or history recorded since, which the exclusion constraint would refuse to overlap
   * anyway). Returns how many were added.
   */
  async addParentsWhereNone(links: AreaParentWrite[]): Promise<number> {
    const added = await inBatches(
      this.db,
      `INSERT INTO area_parents (area_id, parent_id, valid_from, valid_to, note)
       SELECT a.id, p.id, l.valid_from, l.valid_to, l.note
         FROM ${unnestOf(PARENT_WRITES)} AS l (${PARENT_WRITES.map((column) => column.name).join(', ')})
         JOIN areas a ON a.code = l.area_code
         JOIN areas p ON p.code = l.parent_code
        WHERE NOT EXISTS (
          SELECT 1 FROM area_parents x
           WHERE x.area_id = a.id
             AND daterange(x.valid_from, x.valid_to, '[]') && daterange(l.valid_from, l.valid_to, '[]'))
       RETURNING id`,
      PARENT_WRITES,
      links.map((link) => bulkRow(PARENT_WRITES, link)),
    );
    return added.length;
  }
}
