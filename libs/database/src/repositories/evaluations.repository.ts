import { Injectable } from '@nestjs/common';
import { Db } from '../db.js';
import type { DependencyFigures, ModelKind } from '@app/domain';
import { EvaluationEntity } from '../entities/index.js';
import { yearEnd, yearStart } from './dates.js';

export interface SubjectRef {
  id: number;
  code: string;
  name: string;
  /** The hamlet (family, community) or commune (clan, unit) the subject is placed in. */
  areaId: number;
  activeFrom: string;
  deactivatedOn: string | null;
}

const SUBJECT_SQL: Record<ModelKind, string> = {
  family: `SELECT id, code, head_name AS name, hamlet_id AS "areaId",
                  to_char(active_from, 'YYYY-MM-DD') AS "activeFrom",
                  to_char(deactivated_on, 'YYYY-MM-DD') AS "deactivatedOn"
             FROM households WHERE code = $1`,
  clan: `SELECT id, code, name, commune_id AS "areaId",
                to_char(active_from, 'YYYY-MM-DD') AS "activeFrom",
                to_char(deactivated_on, 'YYYY-MM-DD') AS "deactivatedOn"
           FROM clans WHERE code = $1`,
  unit: `SELECT id, code, name, commune_id AS "areaId",
                to_char(active_from, 'YYYY-MM-DD') AS "activeFrom",
                to_char(deactivated_on, 'YYYY-MM-DD') AS "deactivatedOn"
           FROM units WHERE code = $1`,
  community: `SELECT id, code, name, id AS "areaId",
                     to_char(valid_from, 'YYYY-MM-DD') AS "activeFrom",
                     to_char(valid_to + 1, 'YYYY-MM-DD') AS "deactivatedOn"
                FROM areas WHERE code = $1 AND level = 'hamlet'`,
};

const SUBJECT_COLUMN: Record<ModelKind, 'householdId' | 'clanId' | 'unitId' | 'communityId'> = {
  family: 'householdId',
  clan: 'clanId',
  unit: 'unitId',
  community: 'communityId',
};

/** Households counted by a clan's or a hamlet's dependency rule. */
const MEMBER_FILTER: Partial<Record<ModelKind, string>> = {
  clan: 'h.clan_id = $1',
  community: 'h.hamlet_id = $1',
};

@Injectable()
export class EvaluationsRepository {
  constructor(private readonly db: Db) {}

  async findSubject(kind: ModelKind, code: string): Promise<SubjectRef | null> {
    const rows: SubjectRef[] = await this.db.rows(SUBJECT_SQL[kind], [code]);
    return rows[0] ?? null;
  }

  async find(
    kind: ModelKind,
    subjectId: number,
    year: number,
    lock = false,
  ): Promise<EvaluationEntity | null> {
    return this.db.manager.getRepository(EvaluationEntity).findOne({
      where: { kind, year, [SUBJECT_COLUMN[kind]]: subjectId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  async save(evaluation: Partial<EvaluationEntity>): Promise<EvaluationEntity> {
    return this.db.manager
      .getRepository(EvaluationEntity)
      .save(this.db.manager.create(EvaluationEntity, evaluation));
  }

  subjectColumns(kind: ModelKind, subjectId: number): Partial<EvaluationEntity> {
    return { [SUBJECT_COLUMN[kind]]: subjectId };
  }

  /** Member households active in the year and how many of them are recognised learning families. */
  async dependencyFigures(
    kind: ModelKind,
    subjectId: number,
    year: number,
  ): Promise<DependencyFigures[]> {
    const filter = MEMBER_FILTER[kind];
    if (!filter) return [];
    const rows: { members: number; recognised: number }[] = await this.db.rows(
      `SELECT count(*)::int AS members, count(e.id)::int AS recognised
         FROM households h
         LEFT JOIN evaluations e ON e.household_id = h.id AND e.kind = 'family'
          AND e.year = $2 AND e.status = 'recognised'
        WHERE ${filter}
          AND h.active_from <= $4::date AND (h.deactivated_on IS NULL OR h.deactivated_on > $3::date)`,
      [subjectId, year, yearStart(year), yearEnd(year)],
    );
    const figures = rows[0] ?? { members: 0, recognised: 0 };
    return [{ type: 'member_families_recognised', ...figures }];
  }
}
