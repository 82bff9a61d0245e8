import { Injectable } from '@nestjs/common';
import { Db } from '../db.js';
import type { ModelKind, ScoreSheet } from '@app/domain';
import { yearEnd, yearStart } from './dates.js';
import { SUBTREE } from './area-tree.repository.js';

export interface SubjectListRecord {
  code: string;
  name: string;
  hamlet: string | null;
  registered: boolean | null;
  scores: ScoreSheet | null;
  total: number | null;
  criteriaSetId: number | null;
  status: 'draft' | 'recognised' | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  /** Member households and how many are recognised families: clans and communities only. */
  members: number | null;
  membersRecognised: number | null;
}

/** The commune's hamlets as they stood at the end of the year. */
const HAMLETS_OF_COMMUNE = `
  SELECT ap.area_id AS id FROM area_parents ap
   WHERE ap.parent_id = $1 AND ap.valid_from <= $4::date AND (ap.valid_to IS NULL OR ap.valid_to >= $4::date)`;

const ACTIVE = `s.active_from <= $4::date AND (s.deactivated_on IS NULL OR s.deactivated_on > $3::date)`;

const EVALUATION_COLUMNS = `
  e.registered, e.scores, e.total::float8 AS total, e.criteria_set_id AS "criteriaSetId", e.status,
  e.decision_number AS "decisionNumber", to_char(e.decision_date, 'YYYY-MM-DD') AS "decisionDate"`;

/**
 * Member households of each clan or hamlet of the commune and how many are recognised families,
 * counted in one pass over the commune's households rather than once per clan or hamlet.
 */
const MEMBERS = (key: 'clan_id' | 'hamlet_id') => `
  LEFT JOIN (
    SELECT h.${key} AS member_of, count(*)::int AS members, count(f.id)::int AS recognised
      FROM households h
      LEFT JOIN evaluations f ON f.household_id = h.id AND f.kind = 'family' AND f.year = $2 AND f.status = 'recognised'
     WHERE h.hamlet_id IN (${HAMLETS_OF_COMMUNE})
       AND h.active_from <= $4::date AND (h.deactivated_on IS NULL OR h.deactivated_on > $3::date)
     GROUP BY h.${key}
  ) m ON m.member_of = s.id`;

const LIST_SQL: Record<ModelKind, string> = {
  family: `
    SELECT s.code, s.head_name AS name, hm.name AS hamlet, ${EVALUATION_COLUMNS},
           NULL::int AS members, NULL::int AS "membersRecognised"
      FROM households s
      JOIN areas hm ON hm.id = s.hamlet_id
      LEFT JOIN evaluations e ON e.household_id = s.id AND e.kind = 'family' AND e.year = $2
     WHERE s.hamlet_id IN (${HAMLETS_OF_COMMUNE}) AND ${ACTIVE}
     ORDER BY hm.code, s.code`,
  clan: `
    SELECT s.code, s.name, NULL AS hamlet, ${EVALUATION_COLUMNS},
           coalesce(m.members, 0) AS members, coalesce(m.recognised, 0) AS "membersRecognised"
      FROM clans s
      LEFT JOIN evaluations e ON e.clan_id = s.id AND e.kind = 'clan' AND e.year = $2
      ${MEMBERS('clan_id')}
     WHERE s.commune_id = $1 AND ${ACTIVE}
     ORDER BY s.code`,
  community: `
    SELECT s.code, s.name, s.name AS hamlet, ${EVALUATION_COLUMNS},
           coalesce(m.members, 0) AS members, coalesce(m.recognised, 0) AS "membersRecognised"
      FROM areas s
      LEFT JOIN evaluations e ON e.community_id = s.id AND e.kind = 'community' AND e.year = $2
      ${MEMBERS('hamlet_id')}
     WHERE s.id IN (${HAMLETS_OF_COMMUNE})
     ORDER BY s.code`,
  unit: `
    SELECT s.code, s.name, NULL AS hamlet, ${EVALUATION_COLUMNS},
           NULL::int AS members, NULL::int AS "membersRecognised"
      FROM units s
      LEFT JOIN evaluations e ON e.unit_id = s.id AND e.kind = 'unit' AND e.year = $2
     WHERE s.commune_id = $1 AND ${ACTIVE}
     ORDER BY s.code`,
};

@Injectable()
export class ReportsRepository {
  constructor(private readonly db: Db) {}

  /**
   * The latest change to anything a report of the area and year counts. One join per kind: an OR
   * of IN-subqueries over all evaluations ran for minutes on a province.
   */
  async latestChange(areaId: number, year: number): Promise<Date | null> {
    const rows: { latest: Date | null }[] = await this.db.rows(
      `${SUBTREE},
       places AS MATERIALIZED (SELECT id FROM subtree)
       SELECT greatest(
         (SELECT max(h.updated_at) FROM households h WHERE h.hamlet_id IN (SELECT id FROM places)),
         (SELECT max(c.updated_at) FROM clans c WHERE c.commune_id IN (SELECT id FROM places)),
         (SELECT max(u.updated_at) FROM units u WHERE u.commune_id IN (SELECT id FROM places)),
         (SELECT max(e.updated_at) FROM evaluations e JOIN households h ON h.id = e.household_id
           WHERE e.year = $2 AND e.kind = 'family' AND h.hamlet_id IN (SELECT id FROM places)),
         (SELECT max(e.updated_at) FROM evaluations e JOIN clans c ON c.id = e.clan_id
           WHERE e.year = $2 AND e.kind = 'clan' AND c.commune_id IN (SELECT id FROM places)),
         (SELECT max(e.updated_at) FROM evaluations e JOIN units u ON u.id = e.unit_id
           WHERE e.year = $2 AND e.kind = 'unit' AND u.commune_id IN (SELECT id FROM places)),
         (SELECT max(e.updated_at) FROM evaluations e
           WHERE e.year = $2 AND e.kind = 'community' AND e.community_id IN (SELECT id FROM places))
       ) AS latest`,
      [areaId, year],
    );
    return rows[0]?.latest ?? null;
  }

  /** Every subject of a kind in the commune that year, streamed through a cursor. */
  async *subjectList(
    kind: ModelKind,
    communeId: number,
    year: number,
  ): AsyncGenerator<SubjectListRecord> {
    yield* this.db.stream<SubjectListRecord>(LIST_SQL[kind], [
      communeId,
      year,
      yearStart(year),
      yearEnd(year),
    ]);
  }
}
