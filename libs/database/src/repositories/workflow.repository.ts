import { Injectable } from '@nestjs/common';
import { Db } from '../db.js';
import type { EvaluationStatus, ModelKind } from '@app/domain';
import type { WorklistResult, WorklistStatus } from '@app/contracts';
import { SUBJECT_SOURCES, type SubjectSource } from '../kinds.js';
import { inForceOn } from '../sql.js';
import { yearEnd, yearStart } from './dates.js';

/** The area ($1) and everything under it as the hierarchy stood on the date ($2). */
const PLACES = `
  WITH RECURSIVE places AS (
    SELECT $1::integer AS id
    UNION
    SELECT ap.area_id FROM places JOIN area_parents ap ON ap.parent_id = places.id
       AND ${inForceOn('ap', '$2')}
  )`;

const ALL_SOURCES = Object.values(SUBJECT_SOURCES);

/**
 * The evaluations of the year whose subjects are placed among `places`, each with its subject's
 * code, name and place: one branch per kind, each joining the kind's own table.
 */
function evaluatedUnder(sources: SubjectSource[], year: string, where: string): string {
  return sources
    .map(
      (source) => `
      SELECT e.id, e.kind, e.status, e.registered, e.total::float8 AS total, e.version,
             e.updated_at AS "updatedAt", s.code, ${source.name} AS name, ${source.place} AS place
        FROM evaluations e JOIN ${source.table} s ON s.id = e.${source.evaluationColumn}
       WHERE e.kind = '${source.kind}' AND e.year = ${year}
         AND ${source.place} IN (SELECT id FROM places) AND ${where}`,
    )
    .join('\n      UNION ALL');
}

/**
 * A column of the subject of the evaluation `e`, looked up in its kind's table: one probe per
 * evaluation, for statements that must not depend on what the planner expects of the statuses
 * (a bulk step changes them in bulk, long before statistics catch up).
 */
function subjectOf(pick: (source: SubjectSource) => string): string {
  const probes = ALL_SOURCES.map(
    (source) =>
      `WHEN '${source.kind}' THEN (SELECT ${pick(source)} FROM ${source.table} s WHERE s.id = e.${source.evaluationColumn})`,
  );
  return `CASE e.kind ${probes.join(' ')} END`;
}

/** Counts per status for one row (a commune or a hamlet) of the completeness table. */
export interface CompletenessRow {
  code: string;
  name: string;
  draft: number;
  submitted: number;
  approved: number;
  recognised: number;
}

/** An evaluation of an area's year with its subject. */
export interface AreaEvaluationRow {
  kind: ModelKind;
  code: string;
  name: string;
  status: EvaluationStatus;
  registered: boolean;
  total: number;
  version: number;
  updatedAt: Date;
}

export interface CompletenessFigures {
  rows: CompletenessRow[];
  /** Registered subjects whose evaluation is still a draft, the first `limit` by kind and code. */
  pending: Pick<AreaEvaluationRow, 'kind' | 'code' | 'name'>[];
  pendingTotal: number;
}

export interface EvaluationListFilter {
  kind?: ModelKind;
  status?: EvaluationStatus;
  limit: number;
  offset: number;
}

/** A subject of the worklist, with the figures of its evaluation of the year when there is one. */
export interface WorklistSubjectRow {
  code: string;
  name: string;
  category: string | null;
  /** The hamlet or commune it is placed in; null for a community, which is its own place. */
  placeCode: string | null;
  placeName: string | null;
  /** The evaluation's, or all null when there is none. */
  status: EvaluationStatus | null;
  registered: boolean | null;
  total: number | null;
  criteriaPassed: boolean | null;
  version: number | null;
}

export interface WorklistFilter {
  kind: ModelKind;
  status?: WorklistStatus;
  result?: WorklistResult;
  /** Accent-folded text matched against the name and the code. */
  folded?: string;
  limit: number;
  offset: number;
}

const WORKLIST_STATUS = `($4::text IS NULL OR ($4 = 'none' AND e.id IS NULL) OR e.status = $4)`;
const WORKLIST_RESULT = `($5::text IS NULL
  OR ($5 = 'none' AND e.id IS NULL)
  OR ($5 = 'passed' AND e.registered AND e.criteria_passed)
  OR ($5 = 'failed' AND e.id IS NOT NULL AND NOT (e.registered AND e.criteria_passed)))`;

@Injectable()
export class WorkflowRepository {
  constructor(private readonly db: Db) {}

  /**
   * Moves every evaluation of the area and year from one status to the next in one statement, and
   * writes one audit row for each, so a bulk step is as traceable as a single one.
   */
  async moveAll(
    move: {
      areaId: number;
      year: number;
      kind: ModelKind | null;
      from: EvaluationStatus;
      to: EvaluationStatus;
      onlyRegistered: boolean;
    },
    actor: string,
    action: string,
  ): Promise<number> {
    const place = subjectOf((source) => source.place);
    const rows: { n: number }[] = await this.db.rows(
      `${PLACES},
       moved AS (
         UPDATE evaluations e SET status = $5, version = e.version + 1, updated_at = now()
          WHERE e.year = $3 AND e.status = $4 AND ($6::text IS NULL OR e.kind = $6)
            AND (NOT $7 OR e.registered) AND ${place} IN (SELECT id FROM places)
         RETURNING e.kind, e.year, e.version, ${subjectOf(() => 's.code')} AS code, ${place} AS place
       ),
       audited AS (
         INSERT INTO audit_log (actor, action, entity, entity_code, area_id, year, before, after)
         SELECT $8, $9, 'evaluation.' || kind, code, place, year,
                jsonb_build_object('status', $4::text, 'version', version - 1),
                jsonb_build_object('status', $5::text, 'version', version)
           FROM moved ORDER BY kind, code
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM audited`,
      [
        move.areaId,
        yearEnd(move.year),
        move.year,
        move.from,
        move.to,
        move.kind,
        move.onlyRegistered,
        actor,
        action,
      ],
    );
    return rows[0].n;
  }

  /**
   * Evaluations per status for each commune (or hamlet, under a commune) of the area, and the
   * registered subjects still at a draft, in one statement.
   */
  async completeness(
    areaId: number,
    year: number,
    rowLevel: 'commune' | 'hamlet',
    pendingLimit: number,
  ): Promise<CompletenessFigures> {
    const rows: CompletenessFigures[] = await this.db.rows(
      `WITH RECURSIVE tree AS (
         SELECT $1::integer AS id, NULL::integer AS row_id
         UNION ALL
         SELECT ap.area_id, coalesce(tree.row_id, CASE WHEN a.level = $4 THEN a.id END)
           FROM tree JOIN area_parents ap ON ap.parent_id = tree.id AND ${inForceOn('ap', '$2')}
           JOIN areas a ON a.id = ap.area_id
       ),
       places AS (SELECT id FROM tree),
       evaluated AS (${evaluatedUnder(ALL_SOURCES, '$3', 'TRUE')}),
       statuses AS (
         SELECT t.row_id, x.status FROM evaluated x JOIN tree t ON t.id = x.place
       ),
       counted AS (
         SELECT a.code, a.name,
                count(s.status) FILTER (WHERE s.status = 'draft')::int AS draft,
                count(s.status) FILTER (WHERE s.status = 'submitted')::int AS submitted,
                count(s.status) FILTER (WHERE s.status = 'approved')::int AS approved,
                count(s.status) FILTER (WHERE s.status = 'recognised')::int AS recognised
           FROM tree t JOIN areas a ON a.id = t.id
           LEFT JOIN statuses s ON s.row_id = t.id
          WHERE t.id = t.row_id
          GROUP BY a.code, a.name
       ),
       pending AS (
         SELECT x.kind, x.code, x.name FROM evaluated x WHERE x.status = 'draft' AND x.registered
       )
       SELECT (SELECT coalesce(json_agg(c ORDER BY c.code), '[]'::json) FROM counted c) AS rows,
              (SELECT coalesce(json_agg(p ORDER BY p.kind, p.code), '[]'::json)
                 FROM (SELECT * FROM pending ORDER BY kind, code LIMIT $5) p) AS pending,
              (SELECT count(*)::int FROM pending) AS "pendingTotal"`,
      [areaId, yearEnd(year), year, rowLevel, pendingLimit],
    );
    return rows[0];
  }

  /** The evaluations of an area and year, filtered, a page at a time, with the count of all. */
  async list(
    areaId: number,
    year: number,
    filter: EvaluationListFilter,
  ): Promise<{ rows: AreaEvaluationRow[]; total: number }> {
    const sources = filter.kind ? [SUBJECT_SOURCES[filter.kind]] : ALL_SOURCES;
    const rows: (AreaEvaluationRow & { fullCount: number })[] = await this.db.rows(
      `${PLACES}
       SELECT x.kind, x.code, x.name, x.status, x.registered, x.total, x.version, x."updatedAt",
              count(*) OVER ()::int AS "fullCount"
         FROM (${evaluatedUnder(sources, '$3', '($4::text IS NULL OR e.status = $4)')}) x
        ORDER BY x.kind, x.code
        LIMIT $5 OFFSET $6`,
      [areaId, yearEnd(year), year, filter.status ?? null, filter.limit, filter.offset],
    );
    return {
      rows: rows.map(({ fullCount: _count, ...row }) => row),
      total: rows[0]?.fullCount ?? 0,
    };
  }

  /**
   * The subjects of a kind under an area, active in the year, each with its evaluation of the
   * year when there is one: the officers' worklist, a page at a time.
   */
  async worklist(
    areaId: number,
    year: number,
    filter: WorklistFilter,
  ): Promise<{ rows: WorklistSubjectRow[]; total: number }> {
    const source = SUBJECT_SOURCES[filter.kind];
    // A community is its own place: it shows none.
    const placed = source.registry !== null;
    const rows: (WorklistSubjectRow & { fullCount: number })[] = await this.db.rows(
      `${PLACES}
       SELECT s.code, ${source.name} AS name, ${source.category} AS category,
              ${placed ? 'p.code' : 'NULL::text'} AS "placeCode",
              ${placed ? 'p.name' : 'NULL::text'} AS "placeName",
              e.status, e.registered, e.total::float8 AS total, e.criteria_passed AS "criteriaPassed",
              e.version, count(*) OVER ()::int AS "fullCount"
         FROM ${source.table} s
         ${placed ? `LEFT JOIN areas p ON p.id = ${source.place}` : ''}
         LEFT JOIN evaluations e ON e.${source.evaluationColumn} = s.id
          AND e.kind = '${source.kind}' AND e.year = $6
        WHERE ${source.only} AND ${source.place} IN (SELECT id FROM places)
          AND ${source.activeDuring('$3', '$2')}
          AND ${WORKLIST_STATUS} AND ${WORKLIST_RESULT}
          AND ($7::text IS NULL OR ${source.folded} LIKE $7 OR lower(s.code) LIKE $7)
        ORDER BY ${source.folded}, s.code
        LIMIT $8 OFFSET $9`,
      [
        areaId,
        yearEnd(year),
        yearStart(year),
        filter.status ?? null,
        filter.result ?? null,
        year,
        filter.folded ? `%${filter.folded}%` : null,
        filter.limit,
        filter.offset,
      ],
    );
    return {
      rows: rows.map(({ fullCount: _count, ...row }) => row),
      total: rows[0]?.fullCount ?? 0,
    };
  }
}
