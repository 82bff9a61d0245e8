import { Injectable } from '@nestjs/common';
import type { DependencyRuleType, FailureReason, ModelKind } from '@app/domain';
import { Db } from '../db.js';
import { SUBJECT_SOURCES } from '../kinds.js';
import { activeDuring } from '../sql.js';
import { subjectsPlacedIn, type AreaTreeNode, type YearTree } from './area-tree.repository.js';
import { yearEnd, yearStart } from './dates.js';

/** A dependency rule the subject does not meet, as measured in SQL. */
export interface UnmetRule {
  code: 'DEPENDENCY_UNMET';
  rule: DependencyRuleType;
  members: number;
  recognised: number;
  minShare: number;
}

/** A registered evaluation that does not pass, with everything needed to say why. */
export interface FailureRecord {
  code: string;
  name: string;
  /** The row (commune, or hamlet under a commune) the subject counts in; null for the area itself. */
  rowCode: string | null;
  /** The hamlet of a household or community; null for clans and units. */
  hamlet: { code: string; name: string } | null;
  total: number;
  threshold: number;
  /** The stored criteria reasons, then each dependency rule the subject does not meet. */
  reasons: (FailureReason | UnmetRule)[];
}

export interface BlockingCountRow {
  /** Null for the total over the area. */
  rowCode: string | null;
  code: FailureReason['code'];
  /** The criterion code or the dependency rule type; null for the total threshold. */
  ref: string | null;
  title: string | null;
  blocked: number;
  alone: number;
}

export interface EvaluatedCountRow {
  rowCode: string | null;
  evaluated: number;
  failed: number;
  /** Passing every criterion and rule but not yet recognised by a decision. */
  pending: number;
}

/**
 * The subjects of a kind under the area's places, active in the year, with their place (the
 * hamlet, or none for a clan or unit) and the row they count in.
 * Parameters: hamlet ids and row codes, commune ids and row codes, the year's first and last days.
 */
function subjectsSql(kind: ModelKind): string {
  const source = SUBJECT_SOURCES[kind];
  const hamlet = source.placeLevel === 'hamlet' ? 'n.id' : 'NULL::integer';
  return `SELECT s.id, s.code, ${source.name} AS name, n.row_code, ${hamlet} AS hamlet_id
    ${subjectsPlacedIn(source, '$5', '$6')}`;
}

/**
 * Every registered evaluation of the kind and year under the area, with each dependency rule of
 * its criteria set measured as `scoreEvaluation` does: the members active in the year and how
 * many of them are recognised learning families, compared on counts (basis points, rounded up).
 * The members are gathered first, so the planner sees how many there are: a province's are joined
 * by hash with the year's family evaluations, a commune's looked up one by one.
 * Parameters: as `subjectsSql`, then the year.
 */
function evaluatedSql(kind: ModelKind, scope: 'all' | 'failing'): string {
  const members = SUBJECT_SOURCES[kind].memberColumn;
  const head = `
WITH hamlets AS (SELECT * FROM unnest($1::integer[], $2::text[]) AS n(id, row_code)),
communes AS (SELECT * FROM unnest($3::integer[], $4::text[]) AS n(id, row_code)),
subjects AS (${subjectsSql(kind)}),
ev AS (
  SELECT e.id, e.subject_id, e.criteria_set_id, e.total::float8 AS total, e.criteria_passed,
         e.criteria_reasons, e.status, s.code, s.name, s.row_code, s.hamlet_id
    FROM subjects s
    JOIN evaluations e ON e.kind = '${kind}' AND e.subject_id = s.id AND e.year = $7 AND e.registered`;
  if (!members) {
    // Only the criteria can fail a subject without a dependency rule: the failing ones come from
    // the partial index of failed evaluations, and counting all of them needs no evaluation id,
    // so it reads the kind-and-year index alone.
    return `${head}
     ${scope === 'failing' ? 'AND NOT e.criteria_passed' : ''}
),
evaluated AS (
  SELECT ev.*, '[]'::jsonb AS unmet_rules, NOT ev.criteria_passed AS failed FROM ev
)`;
  }
  return `${head}
),
members AS MATERIALIZED (
  SELECT h.id, h.${members} AS subject_id
    FROM households h
   WHERE h.${members} IN (SELECT subject_id FROM ev) AND ${activeDuring('h', '$5', '$6')}
),
member_counts AS (
  SELECT m.subject_id, count(*)::int AS members, count(fe.subject_id)::int AS recognised
    FROM members m
    LEFT JOIN evaluations fe ON fe.kind = 'family' AND fe.subject_id = m.id AND fe.year = $7
     AND fe.status = 'recognised'
   GROUP BY m.subject_id
),
dependencies AS (
  SELECT ev.id AS evaluation_id, r.type, r.min_share::float8 AS min_share,
         coalesce(m.members, 0) AS members, coalesce(m.recognised, 0) AS recognised,
         coalesce(m.members, 0) = 0
           OR m.recognised < ceil(round(r.min_share * 100) * m.members / 10000.0) AS unmet
    FROM ev
    JOIN criteria_set_rules r ON r.criteria_set_id = ev.criteria_set_id
    LEFT JOIN member_counts m ON m.subject_id = ev.subject_id
),
unmet AS (
  SELECT evaluation_id,
         jsonb_agg(jsonb_build_object('code', 'DEPENDENCY_UNMET', 'rule', type,
           'members', members, 'recognised', recognised, 'minShare', min_share)) AS reasons
    FROM dependencies WHERE unmet GROUP BY evaluation_id
),
evaluated AS (
  SELECT ev.*, coalesce(u.reasons, '[]'::jsonb) AS unmet_rules,
         NOT ev.criteria_passed OR u.evaluation_id IS NOT NULL AS failed
    FROM ev LEFT JOIN unmet u ON u.evaluation_id = ev.id
)`;
}

/** Hamlet ids and their row codes, commune ids and theirs, the year's first and last days, the year. */
type PlaceParameters = [
  number[],
  (string | null)[],
  number[],
  (string | null)[],
  string,
  string,
  number,
];

/** The places of a year's tree, each with the code of the row it rolls up to. */
function placesOf({ year, nodes }: YearTree): PlaceParameters {
  const codes = new Map(nodes.map((node) => [node.id, node.code]));
  const rowCode = (node: AreaTreeNode) =>
    node.rowId === null ? null : (codes.get(node.rowId) ?? null);
  const hamlets = nodes.filter((node) => node.level === 'hamlet');
  const communes = nodes.filter((node) => node.level === 'commune');
  return [
    hamlets.map((node) => node.id),
    hamlets.map(rowCode),
    communes.map((node) => node.id),
    communes.map(rowCode),
    yearStart(year),
    yearEnd(year),
    year,
  ];
}

/** Registered, failed and pending subjects of the kind, per row and for the whole area. */
const COUNTS_SQL = (kind: ModelKind) => `${evaluatedSql(kind, 'all')}
       SELECT CASE WHEN grouping(row_code) = 0 THEN row_code END AS "rowCode",
              count(*)::int AS evaluated,
              count(*) FILTER (WHERE failed)::int AS failed,
              count(*) FILTER (WHERE NOT failed AND status <> 'recognised')::int AS pending
         FROM evaluated GROUP BY GROUPING SETS ((row_code), ())
       HAVING grouping(row_code) = 1 OR row_code IS NOT NULL`;

/**
 * For each reason, how many failed subjects of the kind it holds back, in all and as their only
 * reason, per row and for the whole area (rowCode null).
 */
const REASONS_SQL = (kind: ModelKind) => `${evaluatedSql(kind, 'failing')},
       reasons AS (
         SELECT f.id, f.row_code, f.criteria_set_id, r->>'code' AS code, r->>'criterion' AS ref
           FROM evaluated f, jsonb_array_elements(f.criteria_reasons) r WHERE f.failed
         UNION ALL
         SELECT f.id, f.row_code, f.criteria_set_id, 'DEPENDENCY_UNMET', d->>'rule'
           FROM evaluated f, jsonb_array_elements(f.unmet_rules) d WHERE f.failed
       ),
       counted AS (SELECT *, count(*) OVER (PARTITION BY id) AS reasons_of_subject FROM reasons)
       SELECT CASE WHEN grouping(c.row_code) = 0 THEN c.row_code END AS "rowCode", c.code, c.ref,
              min(cr.title) AS title,
              count(*)::int AS blocked,
              count(*) FILTER (WHERE c.reasons_of_subject = 1)::int AS alone
         FROM counted c
         LEFT JOIN criteria cr ON cr.criteria_set_id = c.criteria_set_id AND cr.code = c.ref
        GROUP BY GROUPING SETS ((c.row_code, c.code, c.ref), (c.code, c.ref))
       HAVING grouping(c.row_code) = 1 OR c.row_code IS NOT NULL`;

/**
 * The counts and the reasons of each kind, each kind's two queries planned on their own as
 * subqueries of one statement.
 */
const BLOCKING_SQL = (kinds: readonly ModelKind[]) =>
  kinds
    .map(
      (kind) => `SELECT '${kind}' AS kind,
       (SELECT coalesce(json_agg(c), '[]') FROM (${COUNTS_SQL(kind)}) c) AS counts,
       (SELECT coalesce(json_agg(r), '[]') FROM (${REASONS_SQL(kind)}) r) AS reasons`,
    )
    .join('\nUNION ALL\n');

/** The failed registered subjects of each kind with their reasons, kind after kind. */
const FAILURES_SQL = (kinds: readonly ModelKind[]) =>
  kinds
    .map(
      (kind) => `SELECT '${kind}' AS kind, failure.* FROM (${evaluatedSql(kind, 'failing')}
       SELECT f.code, f.name, f.row_code AS "rowCode",
              CASE WHEN h.id IS NULL THEN NULL
                   ELSE json_build_object('code', h.code, 'name', h.name) END AS hamlet,
              f.total, cs.pass_threshold::float8 AS threshold,
              f.criteria_reasons || f.unmet_rules AS reasons
         FROM evaluated f
         JOIN criteria_sets cs ON cs.id = f.criteria_set_id
         LEFT JOIN areas h ON h.id = f.hamlet_id
        WHERE f.failed) failure`,
    )
    .join('\nUNION ALL\n');

/** The evaluated subjects of a kind and what held the failed ones back. */
export interface BlockingRow {
  kind: ModelKind;
  counts: EvaluatedCountRow[];
  reasons: BlockingCountRow[];
}

@Injectable()
export class InsightsRepository {
  constructor(private readonly db: Db) {}

  /** Registered, failed and pending subjects of the kind, per row of the tree and in all. */
  async counts(tree: YearTree, kind: ModelKind): Promise<EvaluatedCountRow[]> {
    return this.db.rows<EvaluatedCountRow>(COUNTS_SQL(kind), placesOf(tree));
  }

  /** The counts of each kind and how many each reason held back, in one statement. */
  async blocking(tree: YearTree, kinds: readonly ModelKind[]): Promise<BlockingRow[]> {
    return this.db.rows<BlockingRow>(BLOCKING_SQL(kinds), placesOf(tree));
  }

  /** Every failed registered subject of the kind under the area, with its reasons. */
  async failures(tree: YearTree, kind: ModelKind): Promise<FailureRecord[]> {
    return this.db.rows<FailureRecord>(FAILURES_SQL([kind]), placesOf(tree));
  }

  /**
   * The failures of each kind one at a time through a cursor: a province has tens of thousands,
   * and counting its near misses per commune need not hold them all.
   */
  async *streamFailures(
    tree: YearTree,
    kinds: readonly ModelKind[],
  ): AsyncGenerator<FailureRecord & { kind: ModelKind }> {
    yield* this.db.stream<FailureRecord & { kind: ModelKind }>(FAILURES_SQL(kinds), placesOf(tree));
  }
}
