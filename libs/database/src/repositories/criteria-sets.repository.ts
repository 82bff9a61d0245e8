import { Injectable } from '@nestjs/common';
import { Db } from '../db.js';
import type { CriteriaSetRules, ModelKind } from '@app/domain';
import { CriteriaSetEntity } from '../entities/index.js';

export interface CriteriaSetView {
  id: number;
  code: string;
  kind: ModelKind;
  name: string;
  sourceNote: string | null;
  localisable: boolean;
  scopeAreaCode: string | null;
  fromYear: number;
  toYear: number | null;
  rules: CriteriaSetRules;
}

export interface CriteriaSetFilter {
  kind?: ModelKind;
  /** Only the sets in force in the year… */
  year?: number;
  /** …and this one besides, whatever its years (the set an evaluation was scored with). */
  orId?: number;
  code?: string;
}

export type NewCriteriaSet = Omit<CriteriaSetView, 'id' | 'scopeAreaCode'> & {
  scopeAreaId: number | null;
};

/** A set with its scope's code, its criteria in order and its dependency rules, as one row. */
const SET_COLUMNS = `
  s.id, s.code, s.kind, s.name, s.source_note AS "sourceNote", s.localisable,
  sa.code AS "scopeAreaCode", s.from_year AS "fromYear", s.to_year AS "toYear",
  json_build_object(
    'kind', s.kind,
    'passThreshold', s.pass_threshold::float8,
    'criteria', coalesce((
      SELECT json_agg(json_build_object(
               'code', c.code, 'title', c.title, 'maxPoints', c.max_points::float8,
               'minPoints', c.min_points::float8, 'indicators', c.indicators) ORDER BY c.position)
        FROM criteria c WHERE c.criteria_set_id = s.id), '[]'::json),
    'dependencyRules', coalesce((
      SELECT json_agg(json_build_object('type', r.type, 'minShare', r.min_share::float8) ORDER BY r.id)
        FROM criteria_set_rules r WHERE r.criteria_set_id = s.id), '[]'::json)
  ) AS rules`;

@Injectable()
export class CriteriaSetsRepository {
  constructor(private readonly db: Db) {}

  /** The sets that match, each with its criteria and rules, in one statement. */
  async list(filter: CriteriaSetFilter): Promise<CriteriaSetView[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.kind) where.push(`s.kind = ${param(filter.kind)}`);
    if (filter.code !== undefined) where.push(`s.code = ${param(filter.code)}`);
    if (filter.year !== undefined) {
      const year = param(filter.year);
      const inForce = `s.from_year <= ${year} AND (s.to_year IS NULL OR s.to_year >= ${year})`;
      where.push(
        filter.orId === undefined ? inForce : `((${inForce}) OR s.id = ${param(filter.orId)})`,
      );
    }
    return this.db.rows<CriteriaSetView>(
      `SELECT ${SET_COLUMNS}
         FROM criteria_sets s LEFT JOIN areas sa ON sa.id = s.scope_area_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY s.kind, s.from_year, s.id`,
      params,
    );
  }

  async findByCode(code: string): Promise<CriteriaSetView | null> {
    const [set] = await this.list({ code });
    return set ?? null;
  }

  async insert(set: NewCriteriaSet): Promise<number> {
    const entity = this.db.manager.create(CriteriaSetEntity, {
      code: set.code,
      kind: set.kind,
      name: set.name,
      sourceNote: set.sourceNote,
      localisable: set.localisable,
      scopeAreaId: set.scopeAreaId,
      fromYear: set.fromYear,
      toYear: set.toYear,
      passThreshold: set.rules.passThreshold,
      criteria: set.rules.criteria.map((criterion, position) => ({
        position,
        code: criterion.code,
        title: criterion.title,
        maxPoints: criterion.maxPoints,
        minPoints: criterion.minPoints,
        indicators: criterion.indicators ?? [],
      })),
      rules: set.rules.dependencyRules.map((rule) => ({
        type: rule.type,
        minShare: rule.minShare,
      })),
    });
    const saved = await this.db.manager.getRepository(CriteriaSetEntity).save(entity);
    return saved.id;
  }
}
