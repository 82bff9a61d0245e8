import { Injectable } from '@nestjs/common';
import { Db } from '../db.js';
import type { EvaluationStatus, FailureReason, ModelKind, ScoreSheet } from '@app/domain';
import { SUBJECT_SOURCES, type SubjectSource } from '../kinds.js';
import { upsertMany, type BulkColumn } from './bulk.js';
import { activeDuring, inForceOn } from '../sql.js';
import type { AncestorRow } from './areas.repository.js';
import { yearEnd, yearStart } from './dates.js';

/**
 * A subject with everything a request about its evaluation of a year checks, read in one
 * statement: where it is placed and under what as the hierarchy stood at the end of the year, the
 * lock that finalises that year for it, and its member figures.
 */
export interface SubjectRow {
  id: number;
  code: string;
  name: string;
  /** The hamlet (family, community itself) or commune (clan, unit) the subject is placed in. */
  placeId: number;
  activeFrom: string;
  /** The first day it is gone, if it is. */
  deactivatedOn: string | null;
  /** The place and the areas above it at the end of the year, most specific first. */
  ancestry: AncestorRow[];
  /** The area (the place or above it) whose lock finalises the year, if any. */
  lockedBy: string | null;
  /**
   * For kinds with members (clans, communities): the member households active in the year and
   * how many of them are recognised learning families that year; null for the others.
   */
  members: { members: number; recognised: number } | null;
}

/** What a save or a workflow step writes to an evaluation. */
export interface EvaluationValues {
  criteriaSetId: number;
  registered: boolean;
  scores: ScoreSheet;
  total: number;
  criteriaPassed: boolean;
  criteriaReasons: FailureReason[];
  status: EvaluationStatus;
  reviewComment: string | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  version: number;
}

export interface EvaluationRow extends EvaluationValues {
  id: string;
  kind: ModelKind;
  year: number;
  createdAt: Date;
  updatedAt: Date;
}

const EVALUATION_COLUMNS = `
  e.id, e.kind, e.year, e.criteria_set_id AS "criteriaSetId", e.registered, e.scores,
  e.total::float8 AS total, e.criteria_passed AS "criteriaPassed",
  e.criteria_reasons AS "criteriaReasons", e.status, e.review_comment AS "reviewComment",
  e.decision_number AS "decisionNumber", to_char(e.decision_date, 'YYYY-MM-DD') AS "decisionDate",
  e.version, e.created_at AS "createdAt", e.updated_at AS "updatedAt"`;

/** What the database fills in on a write. */
type Written = Pick<EvaluationRow, 'id' | 'kind' | 'year' | 'createdAt' | 'updatedAt'>;

const WRITTEN_COLUMNS = `e.id, e.kind, e.year, e.created_at AS "createdAt", e.updated_at AS "updatedAt"`;

/** The columns a save or a step writes, in the order of `values()`. */
const VALUE_COLUMNS = [
  'criteria_set_id',
  'registered',
  'scores',
  'total',
  'criteria_passed',
  'criteria_reasons',
  'status',
  'review_comment',
  'decision_number',
  'decision_date',
  'version',
];

function values(evaluation: EvaluationValues): unknown[] {
  return [
    evaluation.criteriaSetId,
    evaluation.registered,
    JSON.stringify(evaluation.scores),
    evaluation.total,
    evaluation.criteriaPassed,
    JSON.stringify(evaluation.criteriaReasons),
    evaluation.status,
    evaluation.reviewComment,
    evaluation.decisionNumber,
    evaluation.decisionDate,
    evaluation.version,
  ];
}

/** An evaluation written in bulk, found by its natural key: kind, subject and year. */
export interface EvaluationUpsert extends Omit<EvaluationValues, 'reviewComment' | 'version'> {
  kind: ModelKind;
  year: number;
  subjectId: number;
}

const UPSERT_COLUMNS: (BulkColumn & { value: (row: EvaluationUpsert) => unknown })[] = [
  { name: 'kind', type: 'text', value: (e) => e.kind },
  { name: 'year', type: 'smallint', value: (e) => e.year },
  ...Object.values(SUBJECT_SOURCES).map((source) => ({
    name: source.evaluationColumn,
    type: 'integer' as const,
    value: (e: EvaluationUpsert) => (e.kind === source.kind ? e.subjectId : null),
  })),
  { name: 'criteria_set_id', type: 'integer', value: (e) => e.criteriaSetId },
  { name: 'registered', type: 'boolean', value: (e) => e.registered },
  { name: 'scores', type: 'jsonb', value: (e) => JSON.stringify(e.scores) },
  { name: 'total', type: 'numeric', value: (e) => e.total },
  { name: 'criteria_passed', type: 'boolean', value: (e) => e.criteriaPassed },
  { name: 'criteria_reasons', type: 'jsonb', value: (e) => JSON.stringify(e.criteriaReasons) },
  { name: 'status', type: 'text', value: (e) => e.status },
  { name: 'decision_number', type: 'text', value: (e) => e.decisionNumber },
  { name: 'decision_date', type: 'date', value: (e) => e.decisionDate },
];

const FAMILY = SUBJECT_SOURCES.family;

/**
 * The subject of a kind by code ($1), with its ancestry at the end of the year ($2), the lock on
 * the year ($3) over it and, for kinds with members, their figures in the year ($4, its first
 * day, passed only then).
 */
function subjectSql(source: SubjectSource): string {
  const members =
    source.memberColumn === null
      ? 'NULL::json'
      : `(SELECT json_build_object('members', count(*)::int, 'recognised', count(e.id)::int)
            FROM ${FAMILY.table} m
            LEFT JOIN evaluations e ON e.${FAMILY.evaluationColumn} = m.id
             AND e.kind = '${FAMILY.kind}' AND e.year = $3 AND e.status = 'recognised'
           WHERE m.${source.memberColumn} = subject.id AND ${activeDuring('m', '$4', '$2')})`;
  return `
    WITH RECURSIVE subject AS (
      SELECT s.id, s.code, ${source.name} AS name, ${source.place} AS "placeId", ${source.period}
        FROM ${source.table} s
       WHERE s.code = $1 AND ${source.only}
    ), chain AS (
      SELECT "placeId" AS id, 0 AS depth FROM subject
      UNION ALL
      SELECT ap.parent_id, chain.depth + 1
        FROM chain JOIN area_parents ap ON ap.area_id = chain.id AND ${inForceOn('ap', '$2')}
       WHERE chain.depth < 10
    )
    SELECT subject.*,
           (SELECT json_agg(json_build_object('id', a.id, 'code', a.code, 'name', a.name,
                                              'level', a.level) ORDER BY c.depth)
              FROM chain c JOIN areas a ON a.id = c.id) AS ancestry,
           (SELECT a.code FROM chain c JOIN year_locks l ON l.area_id = c.id AND l.year = $3
              JOIN areas a ON a.id = c.id ORDER BY a.code LIMIT 1) AS "lockedBy",
           ${members} AS members
      FROM subject`;
}

const SUBJECT_SQL = Object.fromEntries(
  Object.values(SUBJECT_SOURCES).map((source) => [source.kind, subjectSql(source)]),
) as Record<ModelKind, string>;

@Injectable()
export class EvaluationsRepository {
  constructor(private readonly db: Db) {}

  /** The subject of this kind and code, placed as the hierarchy stood at the end of `year`. */
  subject(kind: ModelKind, code: string, year: number): Promise<SubjectRow | null> {
    const parameters = [code, yearEnd(year), year];
    if (SUBJECT_SOURCES[kind].memberColumn !== null) parameters.push(yearStart(year));
    return this.db.one<SubjectRow>(SUBJECT_SQL[kind], parameters);
  }

  /** The subject's evaluation of the year, locked until the transaction ends when `lock`. */
  find(
    kind: ModelKind,
    subjectId: number,
    year: number,
    lock = false,
  ): Promise<EvaluationRow | null> {
    // The generated `subject_id` is the one subject column the kind fills: the unique key's.
    return this.db.one<EvaluationRow>(
      `SELECT ${EVALUATION_COLUMNS} FROM evaluations e
        WHERE e.kind = $1 AND e.subject_id = $2 AND e.year = $3 ${lock ? 'FOR UPDATE' : ''}`,
      [kind, subjectId, year],
    );
  }

  /**
   * Writes evaluations by kind, subject and year, a batch at a time: new ones are inserted, changed
   * ones rewritten with their version raised (clients holding the old one must notice), equal ones
   * left alone. Returns how many were written.
   */
  upsertMany(evaluations: EvaluationUpsert[]): Promise<number> {
    return upsertMany(
      this.db,
      {
        table: 'evaluations',
        key: ['kind', 'subject_id', 'year'],
        columns: UPSERT_COLUMNS,
        onChange: 'version = evaluations.version + 1',
      },
      evaluations.map((e) =>
        Object.fromEntries(UPSERT_COLUMNS.map((column) => [column.name, column.value(e)])),
      ),
    );
  }

  /**
   * A subject's first evaluation of the year: the values as written, with the id and the times
   * the database gave them.
   */
  async insert(
    kind: ModelKind,
    subjectId: number,
    year: number,
    evaluation: EvaluationValues,
  ): Promise<EvaluationRow> {
    const columns = ['kind', 'year', SUBJECT_SOURCES[kind].evaluationColumn, ...VALUE_COLUMNS];
    const [written] = await this.db.rows<Written>(
      `INSERT INTO evaluations AS e (${columns.join(', ')})
       VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')})
       RETURNING ${WRITTEN_COLUMNS}`,
      [kind, year, subjectId, ...values(evaluation)],
    );
    return { ...evaluation, ...written };
  }

  /** Writes an evaluation anew, `updated_at` with it: the values as written, with the times. */
  async update(id: string, evaluation: EvaluationValues): Promise<EvaluationRow> {
    // Wrapped in a SELECT, the driver answers rows (an UPDATE's answer comes with its count).
    const [written] = await this.db.rows<Written>(
      `WITH written AS (
         UPDATE evaluations e
            SET ${VALUE_COLUMNS.map((column, index) => `${column} = $${index + 2}`).join(', ')},
                updated_at = now()
          WHERE e.id = $1
         RETURNING ${WRITTEN_COLUMNS}
       )
       SELECT * FROM written`,
      [id, ...values(evaluation)],
    );
    return { ...evaluation, ...written };
  }
}
