import { Injectable } from '@nestjs/common';
import {
  REGISTRY_MODEL_KIND,
  type AreaLevel,
  type RegistryKind,
  type UnitCategory,
} from '@app/domain';
import { Db } from '../db.js';
import { SUBJECT_SOURCES, type SubjectSource } from '../kinds.js';
import { inForceOn } from '../sql.js';
import { bulkRow, idsByCode, upsertMany, type BulkColumn, type FieldColumn } from './bulk.js';

/** A row another row points at: its place, commune or clan. */
export interface RowRef {
  id: number;
  code: string;
  name: string;
}

/** What every registry row holds, whatever its kind. */
interface RegistryRowBase {
  id: number;
  code: string;
  /** A household's head, a clan's or a unit's name. */
  name: string;
  /** The area the subject is placed in: a household's hamlet, a clan's or unit's commune. */
  place: RowRef;
  activeFrom: string;
  deactivatedOn: string | null;
  deactivationReason: string | null;
}

export interface HouseholdRow extends RegistryRowBase {
  members: number;
  address: string | null;
  /** The area the hamlet belongs to today. */
  commune: (RowRef & { level: AreaLevel }) | null;
  clan: RowRef | null;
}

export interface ClanRow extends RegistryRowBase {
  headName: string | null;
  /** Member households still active. */
  households: number;
}

export interface UnitRow extends RegistryRowBase {
  category: UnitCategory;
  headName: string | null;
}

export interface RegistryRows {
  households: HouseholdRow;
  clans: ClanRow;
  units: UnitRow;
}

/** The fields a registry row is written with; each registry has those its table holds. */
export interface RegistryWrite {
  code?: string;
  /** A household's head, a clan's or a unit's name, and its accent-folded form. */
  name?: string;
  nameFolded?: string;
  placeId?: number;
  clanId?: number | null;
  members?: number;
  address?: string | null;
  category?: UnitCategory;
  headName?: string | null;
  activeFrom?: string;
  deactivatedOn?: string | null;
  deactivationReason?: string | null;
}

/** The type of each field's column, for writes in bulk. */
const WRITE_TYPES: Record<keyof RegistryWrite, BulkColumn['type']> = {
  code: 'text',
  name: 'text',
  nameFolded: 'text',
  placeId: 'integer',
  clanId: 'integer',
  members: 'smallint',
  address: 'text',
  category: 'text',
  headName: 'text',
  activeFrom: 'date',
  deactivatedOn: 'date',
  deactivationReason: 'text',
};

/** The fields each registry's own requests set. */
export interface RegistryColumns {
  households: Required<Pick<RegistryWrite, 'name' | 'nameFolded' | 'members' | 'address'>>;
  clans: Required<Pick<RegistryWrite, 'name' | 'nameFolded' | 'headName'>>;
  units: Required<Pick<RegistryWrite, 'name' | 'nameFolded' | 'category' | 'headName'>>;
}

export interface RegistryFilter {
  communeId?: number;
  hamletId?: number;
  clanId?: number;
  category?: UnitCategory;
  /** Accent-folded text matched against the name and the code. */
  folded?: string;
  /** Only subjects active at some point of this year; otherwise only those active today. */
  year?: number;
  includeInactive?: boolean;
  /** Only subjects placed, today, somewhere under this area (the caller's scope). */
  withinAreaId?: number;
  offset: number;
  limit: number;
}

type FilterKey = 'communeId' | 'hamletId' | 'clanId' | 'category';

export interface PageRows<T> {
  rows: T[];
  total: number;
}

/** How one registry is read and written; the rest of the SQL is the same for all three. */
interface RegistryTable {
  source: SubjectSource;
  /** The kind's own columns, as its row names them. */
  columns: string;
  /** What those columns read, joined to the subject `s` and its place `pl`. */
  joins: string;
  /** The column each list filter of the kind compares with. */
  filters: Partial<Record<FilterKey, string>>;
  /** The table column of each field the registry is written with. */
  writes: Partial<Record<keyof RegistryWrite, string>>;
}

const COMMON_WRITES = {
  code: 'code',
  activeFrom: 'active_from',
  deactivatedOn: 'deactivated_on',
  deactivationReason: 'deactivation_reason',
};

const HOUSEHOLDS = SUBJECT_SOURCES[REGISTRY_MODEL_KIND.households];
const CLANS = SUBJECT_SOURCES[REGISTRY_MODEL_KIND.clans];

const TABLES: Record<RegistryKind, RegistryTable> = {
  households: {
    source: HOUSEHOLDS,
    columns: `s.members, s.address,
      CASE WHEN cm.id IS NULL THEN NULL
           ELSE json_build_object('id', cm.id, 'code', cm.code, 'name', cm.name, 'level', cm.level) END AS commune,
      CASE WHEN cl.id IS NULL THEN NULL
           ELSE json_build_object('id', cl.id, 'code', cl.code, 'name', cl.name) END AS clan`,
    joins: `LEFT JOIN area_parents hp ON hp.area_id = pl.id AND ${inForceOn('hp', 'current_date')}
      LEFT JOIN areas cm ON cm.id = hp.parent_id
      LEFT JOIN ${CLANS.table} cl ON cl.id = s.clan_id`,
    filters: { hamletId: 's.hamlet_id', communeId: 'cm.id', clanId: 's.clan_id' },
    writes: {
      ...COMMON_WRITES,
      name: 'head_name',
      nameFolded: 'head_name_folded',
      placeId: 'hamlet_id',
      clanId: 'clan_id',
      members: 'members',
      address: 'address',
    },
  },
  clans: {
    source: CLANS,
    columns: `s.head_name AS "headName",
      (SELECT count(*)::int FROM ${HOUSEHOLDS.table} h
        WHERE h.${CLANS.memberColumn} = s.id AND h.deactivated_on IS NULL) AS households`,
    joins: '',
    filters: { communeId: 's.commune_id' },
    writes: {
      ...COMMON_WRITES,
      name: 'name',
      nameFolded: 'name_folded',
      placeId: 'commune_id',
      headName: 'head_name',
    },
  },
  units: {
    source: SUBJECT_SOURCES[REGISTRY_MODEL_KIND.units],
    columns: `s.category, s.head_name AS "headName"`,
    joins: '',
    filters: { communeId: 's.commune_id', category: 's.category' },
    writes: {
      ...COMMON_WRITES,
      name: 'name',
      nameFolded: 'name_folded',
      placeId: 'commune_id',
      category: 'category',
      headName: 'head_name',
    },
  },
};

/** A registry's rows as the service reads them, from its table or from the rows a write returns. */
function select(table: RegistryTable, from: string, extra = ''): string {
  return `
    SELECT s.id, s.code, ${table.source.name} AS name, ${table.columns}, ${extra}
           json_build_object('id', pl.id, 'code', pl.code, 'name', pl.name) AS place,
           ${table.source.period}, s.deactivation_reason AS "deactivationReason"
      FROM ${from} s
      JOIN areas pl ON pl.id = ${table.source.place}
      ${table.joins}`;
}

/** The subject's place lies, today, somewhere under the area in the parameter. */
function placedUnder(table: RegistryTable, parameter: string): string {
  return `${table.source.place} IN (
    WITH RECURSIVE below AS (
      SELECT ${parameter}::integer AS id
      UNION SELECT ap.area_id FROM below JOIN area_parents ap ON ap.parent_id = below.id
       AND ${inForceOn('ap', 'current_date')}
    ) SELECT id FROM below)`;
}

function activeCondition(
  table: RegistryTable,
  filter: RegistryFilter,
  params: unknown[],
): string | null {
  if (filter.includeInactive) return null;
  if (filter.year !== undefined) {
    params.push(`${filter.year}-01-01`, `${filter.year}-12-31`);
    return table.source.activeDuring(`$${params.length - 1}`, `$${params.length}`);
  }
  return `(s.deactivated_on IS NULL OR s.deactivated_on > current_date)`;
}

/** Households, clans and units: one way to find, list and write each of them. */
@Injectable()
export class RegistryRepository {
  constructor(private readonly db: Db) {}

  /** The subject with this code; with `withinAreaId`, only if placed under that area today. */
  async find<K extends RegistryKind>(
    kind: K,
    code: string,
    withinAreaId: number | null = null,
  ): Promise<RegistryRows[K] | null> {
    const table = TABLES[kind];
    const scope = withinAreaId === null ? '' : `AND ${placedUnder(table, '$2')}`;
    return this.db.one<RegistryRows[K]>(
      `${select(table, table.source.table)} WHERE s.code = $1 ${scope}`,
      withinAreaId === null ? [code] : [code, withinAreaId],
    );
  }

  async list<K extends RegistryKind>(
    kind: K,
    filter: RegistryFilter,
  ): Promise<PageRows<RegistryRows[K]>> {
    const table = TABLES[kind];
    const params: unknown[] = [];
    const where: string[] = [];
    for (const [key, column] of Object.entries(table.filters) as [FilterKey, string][]) {
      if (filter[key] === undefined) continue;
      params.push(filter[key]);
      where.push(`${column} = $${params.length}`);
    }
    if (filter.folded) {
      params.push(`%${filter.folded}%`);
      where.push(
        `(${table.source.folded} LIKE $${params.length} OR lower(s.code) LIKE $${params.length})`,
      );
    }
    const active = activeCondition(table, filter, params);
    if (active) where.push(active);
    if (filter.withinAreaId !== undefined) {
      params.push(filter.withinAreaId);
      where.push(placedUnder(table, `$${params.length}`));
    }
    const condition = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = await this.db.rows<RegistryRows[K] & { full_count: number }>(
      `${select(table, table.source.table, 'count(*) OVER ()::int AS full_count,')} ${condition}
        ORDER BY ${table.source.folded}, s.code
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    // A page past the end has no row to carry the window count.
    let total = rows[0]?.full_count ?? 0;
    if (rows.length === 0 && filter.offset > 0) {
      const counted = await this.db.one<{ n: number }>(
        `SELECT count(*)::int AS n FROM (${select(table, table.source.table)} ${condition}) q`,
        params,
      );
      total = counted?.n ?? 0;
    }
    return { rows, total };
  }

  /** Inserts the subject and returns its row. */
  async insert<K extends RegistryKind>(kind: K, values: RegistryWrite): Promise<RegistryRows[K]> {
    const table = TABLES[kind];
    const { columns, params } = written(table, values);
    return this.returning(
      table,
      `INSERT INTO ${table.source.table} (${columns.join(', ')})
       VALUES (${params.map((_value, index) => `$${index + 1}`).join(', ')}) RETURNING *`,
      params,
    );
  }

  /** Applies the changes (a deactivation is one) and returns the row as it now stands. */
  async update<K extends RegistryKind>(
    kind: K,
    id: number,
    changes: RegistryWrite,
  ): Promise<RegistryRows[K]> {
    const table = TABLES[kind];
    const { columns, params } = written(table, changes);
    const sets = columns.map((column, index) => `${column} = $${index + 2}`);
    return this.returning(
      table,
      `UPDATE ${table.source.table} SET ${[...sets, 'updated_at = now()'].join(', ')}
        WHERE id = $1 RETURNING *`,
      [id, ...params],
    );
  }

  /** The ids of the registry's subjects with these codes; unknown codes are left out. */
  idsByCode(kind: RegistryKind, codes: string[]): Promise<Map<string, number>> {
    return idsByCode(this.db, TABLES[kind].source.table, codes);
  }

  /**
   * Adds the subjects whose code is new and updates the others, in bulk; every row gives the
   * same fields, and a subject already as given is left untouched. Returns how many were written.
   */
  upsertByCode(kind: RegistryKind, rows: (RegistryWrite & { code: string })[]): Promise<number> {
    if (rows.length === 0) return Promise.resolve(0);
    const table = TABLES[kind];
    const fields = (Object.keys(rows[0]) as (keyof RegistryWrite)[]).filter(
      (field) => rows[0][field] !== undefined,
    );
    const columns: FieldColumn<RegistryWrite>[] = fields.map((field) => ({
      name: columnOf(table, field),
      type: WRITE_TYPES[field],
      field,
    }));
    return upsertMany(
      this.db,
      { table: table.source.table, key: ['code'], columns },
      rows.map((row) => bulkRow(columns, row)),
    );
  }

  /** A write and the row it leaves, read in the same statement. */
  private async returning<K extends RegistryKind>(
    table: RegistryTable,
    write: string,
    params: unknown[],
  ): Promise<RegistryRows[K]> {
    const row = await this.db.one<RegistryRows[K]>(
      `WITH written AS (${write}) ${select(table, 'written')}`,
      params,
    );
    return row as RegistryRows[K];
  }
}

/** The columns and values of the fields given. */
function written(
  table: RegistryTable,
  values: RegistryWrite,
): { columns: string[]; params: unknown[] } {
  const given = Object.entries(values).filter(([, value]) => value !== undefined);
  return {
    columns: given.map(([field]) => columnOf(table, field as keyof RegistryWrite)),
    params: given.map(([, value]) => value as unknown),
  };
}

function columnOf(table: RegistryTable, field: keyof RegistryWrite): string {
  const column = table.writes[field];
  if (!column) throw new Error(`${table.source.table} has no column for ${field}`);
  return column;
}
