import { Injectable } from '@nestjs/common';
import { Db } from '../db.js';
import type { EvaluationStatus, ModelKind } from '@app/domain';
import type {
  EvaluationListRow,
  WorklistResult,
  WorklistRow,
  WorklistStatus,
} from '@app/contracts';
import { yearEnd, yearStart } from './dates.js';

/** The area's hamlets and communes as they stood at the end of the year. */
const PLACES = `
  WITH RECURSIVE places AS (
    SELECT $1::integer AS id
    UNION
    SELECT ap.area_id FROM places JOIN area_parents ap ON ap.parent_id = places.id
       AND ap.valid_from <= $2::date AND (ap.valid_to IS NULL OR ap.valid_to >= $2::date)
  )`;

/** The place an evaluation's subject sits in: its hamlet (families, communities) or commune. */
const SUBJECT_PLACE = `coalesce(
  (SELECT h.hamlet_id FROM households h WHERE h.id = e.household_id),
  (SELECT c.commune_id FROM clans c WHERE c.id = e.clan_id),
  (SELECT u.commune_id FROM units u WHERE u.id = e.unit_id),
  e.community_id)`;

const SUBJECT_CODE = `coalesce(
  (SELECT h.code FROM households h WHERE h.id = e.household_id),
  (SELECT c.code FROM clans c WHERE c.id = e.clan_id),
  (SELECT u.code FROM units u WHERE u.id = e.unit_id),
  (SELECT a.code FROM areas a WHERE a.id = e.community_id))`;

export interface CompletenessRow {
  code: string;
  name: string;
  draft: number;
  submitted: number;
  approved: number;
  recognised: number;
}

export interface EvaluationListFilter {
  kind?: ModelKind;
  status?: EvaluationStatus;
  registeredOnly?: boolean;
  limit: number;
  offset: number;
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

interface WorklistSource {
  table: string;
  name: string;
  folded: string;
  /** The area the subject hangs from, null for communities. */
  place: string;
  category: string;
  /** Under the area and active at some point of the year. */
  included: string;
}

const ACTIVE_IN_YEAR = `s.active_from <= $2::date AND (s.deactivated_on IS NULL OR s.deactivated_on > $4::date)`;

const WORKLIST_SOURCES: Record<ModelKind, WorklistSource> = {
  family: {
    table: 'households',
    name: 's.head_name',
    folded: 's.head_name_folded',
    place: 's.hamlet_id',
    category: 'NULL::text',
    included: `s.hamlet_id IN (SELECT id FROM places) AND ${ACTIVE_IN_YEAR}`,
  },
  clan: {
    table: 'clans',
    name: 's.name',
    folded: 's.name_folded',
    place: 's.commune_id',
    category: 'NULL::text',
    included: `s.commune_id IN (SELECT id FROM places) AND ${ACTIVE_IN_YEAR}`,
  },
  unit: {
    table: 'units',
    name: 's.name',
    folded: 's.name_folded',
    place: 's.commune_id',
    category: 's.category',
    included: `s.commune_id IN (SELECT id FROM places) AND ${ACTIVE_IN_YEAR}`,
  },
  community: {
    table: 'areas',
    name: 's.name',
    folded: 's.name_folded',
    place: 'NULL::integer',
    category: 'NULL::text',
    included: `s.level = 'hamlet' AND s.id IN (SELECT id FROM places)
       AND s.valid_from <= $2::date AND (s.valid_to IS NULL OR s.valid_to >= $4::date)`,
  },
};

const EVALUATION_COLUMN: Record<ModelKind, string> = {
  family: 'household_id',
  clan: 'clan_id',
  unit: 'unit_id',
  community: 'community_id',
};

const WORKLIST_STATUS = `($5::text IS NULL OR ($5 = 'none' AND e.id IS NULL) OR e.status = $5)`;
const WORKLIST_RESULT = `($6::text IS NULL
  OR ($6 = 'none' AND e.id IS NULL)
  OR ($6 = 'passed' AND e.registered AND e.criteria_passed)
  OR ($6 = 'failed' AND e.id IS NOT NULL AND NOT (e.registered AND e.criteria_passed)))`;

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
    const rows: { n: number }[] = await this.db.rows(
      `${PLACES},
       moved AS (
         UPDATE evaluations e SET status = $5, version = e.version + 1, updated_at = now()
          WHERE e.year = $3 AND e.status = $4 AND ($6::text IS NULL OR e.kind = $6)
            AND (NOT $7 OR e.registered) AND ${SUBJECT_PLACE} IN (SELECT id FROM places)
         RETURNING e.kind, e.year, e.version, ${SUBJECT_CODE} AS code, ${SUBJECT_PLACE} AS place
       ),
       audited AS (
         INSERT INTO audit_log (actor, action, entity, entity_code, area_id, year, before, after)
         SELECT $8, $9, 'evaluation.' || kind, code, place, year,
                jsonb_build_object('status', $4::text, 'version', version - 1),
                jsonb_build_object('status', $5::text, 'version', version)
           FROM moved
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

  /** Evaluations per status for each commune (or hamlet, under a commune) of the area. */
  async completeness(
    areaId: number,
    year: number,
    rowLevel: 'commune' | 'hamlet',
  ): Promise<CompletenessRow[]> {
    return this.db.rows(
      `WITH RECURSIVE tree AS (
         SELECT $1::integer AS id, NULL::integer AS row_id
         UNION ALL
         SELECT ap.area_id, coalesce(tree.row_id, CASE WHEN a.level = $4 THEN a.id END)
           FROM tree JOIN area_parents ap ON ap.parent_id = tree.id
            AND ap.valid_from <= $2::date AND (ap.valid_to IS NULL OR ap.valid_to >= $2::date)
           JOIN areas a ON a.id = ap.area_id
       ),
       statuses AS (
         SELECT t.row_id, e.status FROM evaluations e
           JOIN tree t ON t.id = ${SUBJECT_PLACE}
          WHERE e.year = $3
       )
       SELECT a.code, a.name,
              count(s.status) FILTER (WHERE s.status = 'draft')::int AS draft,
              count(s.status) FILTER (WHERE s.status = 'submitted')::int AS submitted,
              count(s.status) FILTER (WHERE s.status = 'approved')::int AS approved,
              count(s.status) FILTER (WHERE s.status = 'recognised')::int AS recognised
         FROM tree t JOIN areas a ON a.id = t.id
         LEFT JOIN statuses s ON s.row_id = t.id
        WHERE t.id = t.row_id
        GROUP BY a.code, a.name
        ORDER BY a.code`,
      [areaId, yearEnd(year), year, rowLevel],
    );
  }

  /** The evaluations of an area and year, filtered, a page at a time, with the count of all. */
  async list(
    areaId: number,
    year: number,
    filter: EvaluationListFilter,
  ): Promise<{ rows: EvaluationListRow[]; total: number }> {
    const rows: (EvaluationListRow & { full_count: number })[] = await this.db.rows(
      `${PLACES}
       SELECT e.kind, ${SUBJECT_CODE} AS code,
              coalesce((SELECT h.head_name FROM households h WHERE h.id = e.household_id),
                       (SELECT c.name FROM clans c WHERE c.id = e.clan_id),
                       (SELECT u.name FROM units u WHERE u.id = e.unit_id),
                       (SELECT a.name FROM areas a WHERE a.id = e.community_id)) AS name,
              e.status, e.registered, e.total::float8 AS total, e.version, e.updated_at AS "updatedAt",
              count(*) OVER ()::int AS full_count
         FROM evaluations e
        WHERE e.year = $3 AND ${SUBJECT_PLACE} IN (SELECT id FROM places)
          AND ($4::text IS NULL OR e.kind = $4) AND ($5::text IS NULL OR e.status = $5)
          AND (NOT $6 OR e.registered)
        ORDER BY e.kind, code
        LIMIT $7 OFFSET $8`,
      [
        areaId,
        yearEnd(year),
        year,
        filter.kind ?? null,
        filter.status ?? null,
        filter.registeredOnly ?? false,
        filter.limit,
        filter.offset,
      ],
    );
    return {
      rows: rows.map(({ full_count: _count, ...row }) => row),
      total: rows[0]?.full_count ?? 0,
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
  ): Promise<{ rows: WorklistRow[]; total: number }> {
    const source = WORKLIST_SOURCES[filter.kind];
    const rows: (WorklistRow & { full_count: number })[] = await this.db.rows(
      `${PLACES}
       SELECT s.code, ${source.name} AS name, ${source.category} AS category,
              CASE WHEN p.id IS NULL THEN NULL ELSE json_build_object('code', p.code, 'name', p.name) END AS place,
              CASE WHEN e.id IS NULL THEN NULL ELSE json_build_object(
                'status', e.status, 'registered', e.registered, 'total', e.total::float8,
                'criteriaPassed', e.criteria_passed, 'version', e.version) END AS evaluation,
              count(*) OVER ()::int AS full_count
         FROM ${source.table} s
         LEFT JOIN areas p ON p.id = ${source.place}
         LEFT JOIN evaluations e ON e.${EVALUATION_COLUMN[filter.kind]} = s.id
          AND e.kind = $3::text AND e.year = $7
        WHERE ${source.included} AND ${WORKLIST_STATUS} AND ${WORKLIST_RESULT}
          AND ($8::text IS NULL OR ${source.folded} LIKE $8 OR lower(s.code) LIKE $8)
        ORDER BY ${source.folded}, s.code
        LIMIT $9 OFFSET $10`,
      [
        areaId,
        yearEnd(year),
        filter.kind,
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
      rows: rows.map(({ full_count: _count, ...row }) => row),
      total: rows[0]?.full_count ?? 0,
    };
  }
}
