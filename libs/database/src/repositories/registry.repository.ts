import { Injectable } from '@nestjs/common';
import { Db } from '../db.js';
import type { UnitCategory } from '@app/domain';
import { ClanEntity, HouseholdEntity, UnitEntity } from '../entities/index.js';

export interface AreaRef {
  code: string;
  name: string;
}

interface ActivePeriod {
  activeFrom: string;
  deactivatedOn: string | null;
  deactivationReason: string | null;
}

export interface HouseholdView extends ActivePeriod {
  id: number;
  code: string;
  headName: string;
  hamlet: AreaRef;
  commune: AreaRef | null;
  clan: AreaRef | null;
  members: number;
  address: string | null;
}

export interface ClanView extends ActivePeriod {
  id: number;
  code: string;
  name: string;
  commune: AreaRef;
  headName: string | null;
  households: number;
}

export interface UnitView extends ActivePeriod {
  id: number;
  code: string;
  name: string;
  commune: AreaRef;
  category: UnitCategory;
  headName: string | null;
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

export interface PageRows<T> {
  rows: T[];
  total: number;
}

const PERIOD = (alias: string) => `
  to_char(${alias}.active_from, 'YYYY-MM-DD') AS "activeFrom",
  to_char(${alias}.deactivated_on, 'YYYY-MM-DD') AS "deactivatedOn",
  ${alias}.deactivation_reason AS "deactivationReason"`;

/** The commune a hamlet belongs to today. */
const HAMLET_COMMUNE = `
  LEFT JOIN area_parents hp ON hp.area_id = hm.id
   AND hp.valid_from <= current_date AND (hp.valid_to IS NULL OR hp.valid_to >= current_date)
  LEFT JOIN areas cm ON cm.id = hp.parent_id`;

const HOUSEHOLD_SELECT = `
  SELECT s.id, s.code, s.head_name AS "headName", s.members, s.address,
         count(*) OVER ()::int AS full_count,
         json_build_object('code', hm.code, 'name', hm.name) AS hamlet,
         CASE WHEN cm.id IS NULL THEN NULL ELSE json_build_object('code', cm.code, 'name', cm.name) END AS commune,
         CASE WHEN cl.id IS NULL THEN NULL ELSE json_build_object('code', cl.code, 'name', cl.name) END AS clan,
         ${PERIOD('s')}
    FROM households s
    JOIN areas hm ON hm.id = s.hamlet_id
    ${HAMLET_COMMUNE}
    LEFT JOIN clans cl ON cl.id = s.clan_id`;

const CLAN_SELECT = `
  SELECT s.id, s.code, s.name, s.head_name AS "headName",
         count(*) OVER ()::int AS full_count,
         json_build_object('code', cm.code, 'name', cm.name) AS commune,
         (SELECT count(*)::int FROM households h WHERE h.clan_id = s.id AND h.deactivated_on IS NULL) AS households,
         ${PERIOD('s')}
    FROM clans s JOIN areas cm ON cm.id = s.commune_id`;

const UNIT_SELECT = `
  SELECT s.id, s.code, s.name, s.category, s.head_name AS "headName",
         count(*) OVER ()::int AS full_count,
         json_build_object('code', cm.code, 'name', cm.name) AS commune,
         ${PERIOD('s')}
    FROM units s JOIN areas cm ON cm.id = s.commune_id`;

function scopeCondition(
  filter: RegistryFilter,
  params: unknown[],
  placeColumn: string,
): string | null {
  if (filter.withinAreaId === undefined) return null;
  params.push(filter.withinAreaId);
  return `${placeColumn} IN (
    WITH RECURSIVE below AS (
      SELECT $${params.length}::integer AS id
      UNION SELECT ap.area_id FROM below JOIN area_parents ap ON ap.parent_id = below.id
       AND ap.valid_from <= current_date AND (ap.valid_to IS NULL OR ap.valid_to >= current_date)
    ) SELECT id FROM below)`;
}

function activeCondition(filter: RegistryFilter, params: unknown[]): string | null {
  if (filter.includeInactive) return null;
  if (filter.year !== undefined) {
    params.push(`${filter.year}-01-01`, `${filter.year}-12-31`);
    return `s.active_from <= $${params.length}::date AND (s.deactivated_on IS NULL OR s.deactivated_on > $${params.length - 1}::date)`;
  }
  return `(s.deactivated_on IS NULL OR s.deactivated_on > current_date)`;
}

function withoutCount<T extends object>(row: T | undefined): T | null {
  if (!row) return null;
  const { full_count: _count, ...rest } = row as T & { full_count?: number };
  return rest as T;
}

@Injectable()
export class RegistryRepository {
  constructor(private readonly db: Db) {}

  async findHousehold(code: string): Promise<HouseholdView | null> {
    const rows: (HouseholdView & { full_count?: number })[] = await this.db.rows(
      `${HOUSEHOLD_SELECT} WHERE s.code = $1`,
      [code],
    );
    return withoutCount(rows[0]);
  }

  async findClan(code: string): Promise<ClanView | null> {
    const rows: ClanView[] = await this.db.rows(`${CLAN_SELECT} WHERE s.code = $1`, [code]);
    return withoutCount(rows[0]);
  }

  async findUnit(code: string): Promise<UnitView | null> {
    const rows: UnitView[] = await this.db.rows(`${UNIT_SELECT} WHERE s.code = $1`, [code]);
    return withoutCount(rows[0]);
  }

  async listHouseholds(filter: RegistryFilter): Promise<PageRows<HouseholdView>> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.hamletId !== undefined) {
      params.push(filter.hamletId);
      where.push(`s.hamlet_id = $${params.length}`);
    }
    if (filter.communeId !== undefined) {
      params.push(filter.communeId);
      where.push(`cm.id = $${params.length}`);
    }
    if (filter.clanId !== undefined) {
      params.push(filter.clanId);
      where.push(`s.clan_id = $${params.length}`);
    }
    if (filter.folded) {
      params.push(`%${filter.folded}%`);
      where.push(
        `(s.head_name_folded LIKE $${params.length} OR lower(s.code) LIKE $${params.length})`,
      );
    }
    return this.page(
      HOUSEHOLD_SELECT,
      where,
      params,
      filter,
      `s.head_name_folded, s.code`,
      's.hamlet_id',
    );
  }

  async listClans(filter: RegistryFilter): Promise<PageRows<ClanView>> {
    return this.listCommuneSubjects(CLAN_SELECT, filter);
  }

  async listUnits(filter: RegistryFilter): Promise<PageRows<UnitView>> {
    return this.listCommuneSubjects(UNIT_SELECT, filter);
  }

  private listCommuneSubjects<T>(select: string, filter: RegistryFilter): Promise<PageRows<T>> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.communeId !== undefined) {
      params.push(filter.communeId);
      where.push(`s.commune_id = $${params.length}`);
    }
    if (filter.category) {
      params.push(filter.category);
      where.push(`s.category = $${params.length}`);
    }
    if (filter.folded) {
      params.push(`%${filter.folded}%`);
      where.push(`(s.name_folded LIKE $${params.length} OR lower(s.code) LIKE $${params.length})`);
    }
    return this.page(select, where, params, filter, `s.name_folded, s.code`, 's.commune_id');
  }

  private async page<T>(
    select: string,
    where: string[],
    params: unknown[],
    filter: RegistryFilter,
    order: string,
    placeColumn: string,
  ): Promise<PageRows<T>> {
    const active = activeCondition(filter, params);
    if (active) where.push(active);
    const scope = scopeCondition(filter, params, placeColumn);
    if (scope) where.push(scope);
    const filtered = `${select} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const rows: (T & { full_count: number })[] = await this.db.rows(
      `${filtered} ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    // A page past the end has no row to carry the window count.
    let total = rows[0]?.full_count ?? 0;
    if (rows.length === 0 && filter.offset > 0) {
      const counted = await this.db.rows<{ n: number }>(
        `SELECT count(*)::int AS n FROM (${filtered}) q`,
        params,
      );
      total = counted[0].n;
    }
    return { rows: rows.map(({ full_count: _count, ...row }) => row as unknown as T), total };
  }

  async insertHousehold(household: Partial<HouseholdEntity>): Promise<void> {
    await this.db.manager.getRepository(HouseholdEntity).insert(household);
  }

  async insertClan(clan: Partial<ClanEntity>): Promise<void> {
    await this.db.manager.getRepository(ClanEntity).insert(clan);
  }

  async insertUnit(unit: Partial<UnitEntity>): Promise<void> {
    await this.db.manager.getRepository(UnitEntity).insert(unit);
  }

  async updateHousehold(id: number, changes: Partial<HouseholdEntity>): Promise<void> {
    await this.db.manager.getRepository(HouseholdEntity).update(id, changes);
  }

  async updateClan(id: number, changes: Partial<ClanEntity>): Promise<void> {
    await this.db.manager.getRepository(ClanEntity).update(id, changes);
  }

  async updateUnit(id: number, changes: Partial<UnitEntity>): Promise<void> {
    await this.db.manager.getRepository(UnitEntity).update(id, changes);
  }
}
