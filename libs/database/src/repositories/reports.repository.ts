import { Injectable } from '@nestjs/common';
import type { ModelKind, ScoreSheet } from '@app/domain';
import { Db } from '../db.js';
import { REGISTRY_SOURCES, SUBJECT_SOURCES, type SubjectSource } from '../kinds.js';
import { activeDuring } from '../sql.js';
import { SUBTREE, type YearTree } from './area-tree.repository.js';
import { yearEnd, yearStart } from './dates.js';

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
      LEFT JOIN evaluations f ON f.household_id = h.id AND f.kind = 'family' AND f.year = $1 AND f.status = 'recognised'
     WHERE h.hamlet_id = ANY($5::integer[]) AND ${activeDuring('h', '$2', '$3')}
     GROUP BY h.${key}
  ) m ON m.member_of = s.id`;

/**
 * Every subject of a kind in the commune, with its evaluation of the year: a hamlet's subjects by
 * hamlet, a commune's by code. Parameters: the year, its first and last days, where the subjects
 * are placed (the commune's hamlets at the end of the year, or the commune), then for kinds with
 * members the hamlets again.
 */
function listSql(source: SubjectSource): string {
  const inHamlet = source.placeLevel === 'hamlet';
  const members = source.memberColumn
    ? `coalesce(m.members, 0) AS members, coalesce(m.recognised, 0) AS "membersRecognised"`
    : `NULL::int AS members, NULL::int AS "membersRecognised"`;
  return `
    SELECT s.code, ${source.name} AS name, ${inHamlet ? 'hm.name' : 'NULL'} AS hamlet, ${EVALUATION_COLUMNS},
           ${members}
      FROM ${source.table} s
      ${inHamlet ? `JOIN areas hm ON hm.id = ${source.place}` : ''}
      LEFT JOIN evaluations e ON e.kind = '${source.kind}' AND e.subject_id = s.id AND e.year = $1
      ${source.memberColumn ? MEMBERS(source.memberColumn) : ''}
     WHERE ${source.place} ${inHamlet ? '= ANY($4::integer[])' : '= $4::integer'}
       AND ${source.only} AND ${source.activeDuring('$2', '$3')}
     ORDER BY ${inHamlet ? 'hm.code, s.code' : 's.code'}`;
}

/** The latest change to a kind's evaluations of the year under the places. */
function latestEvaluation({ kind, table, place, evaluationColumn }: SubjectSource): string {
  return `(SELECT max(e.updated_at) FROM evaluations e JOIN ${table} s ON s.id = e.${evaluationColumn}
           WHERE e.year = $2 AND e.kind = '${kind}' AND ${place} IN (SELECT id FROM places))`;
}

@Injectable()
export class ReportsRepository {
  constructor(private readonly db: Db) {}

  /**
   * The latest change to anything a report of the area and year counts. One subquery per kind: an
   * OR of IN-subqueries over all evaluations ran for minutes on a province.
   */
  async latestChange(areaId: number, year: number): Promise<Date | null> {
    const rows: { latest: Date | null }[] = await this.db.rows(
      `${SUBTREE},
       places AS MATERIALIZED (SELECT id FROM subtree)
       SELECT greatest(
         ${REGISTRY_SOURCES.map(
           ({ table, place }) =>
             `(SELECT max(s.updated_at) FROM ${table} s WHERE ${place} IN (SELECT id FROM places))`,
         ).join(',\n         ')},
         ${Object.values(SUBJECT_SOURCES).map(latestEvaluation).join(',\n         ')}
       ) AS latest`,
      [areaId, year],
    );
    return rows[0]?.latest ?? null;
  }

  /** Every subject of a kind in the commune that year, streamed through a cursor. */
  async *subjectList(
    kind: ModelKind,
    communeId: number,
    tree: YearTree,
  ): AsyncGenerator<SubjectListRecord> {
    const source = SUBJECT_SOURCES[kind];
    const hamlets = tree.nodes.filter((node) => node.level === 'hamlet').map((node) => node.id);
    yield* this.db.stream<SubjectListRecord>(listSql(source), [
      tree.year,
      yearStart(tree.year),
      yearEnd(tree.year),
      source.placeLevel === 'hamlet' ? hamlets : communeId,
      ...(source.memberColumn ? [hamlets] : []),
    ]);
  }
}
