import { Injectable } from '@nestjs/common';
import { Db } from '../db.js';
import type { ModelKind } from '@app/domain';
import { yearEnd, yearStart } from './dates.js';
import { SUBTREE, TREE_SQL, type TreeRow } from './area-tree.repository.js';

export interface ProgressRowArea {
  id: number;
  code: string;
  name: string;
  level: string;
  typeLabel: string;
  difficult: boolean;
  /** Codes from this row's area up to (excluding) the area asked for, most specific first. */
  path: string[];
}

export interface ProgressCountRow {
  kind: ModelKind;
  /** Null for the total over the whole area. */
  rowId: number | null;
  total: number;
  registered: number;
  recognised: number;
}

export interface ProgressCounts {
  rows: ProgressRowArea[];
  counts: ProgressCountRow[];
}

interface KindSource {
  kind: ModelKind;
  /** The tree nodes subjects of this kind hang from. */
  nodes: 'hamlets' | 'communes';
  /** Joins the subjects to the nodes, active during the year; empty for communities (the hamlets). */
  subjects: string;
  /** The evaluation column that points at the subject. */
  subjectColumn: string;
}

const ACTIVE_SUBJECT = `s.active_from <= $6::date AND (s.deactivated_on IS NULL OR s.deactivated_on > $5::date)`;

const KIND_COUNTS: KindSource[] = [
  {
    kind: 'family',
    nodes: 'hamlets',
    subjects: `JOIN households s ON s.hamlet_id = n.id AND ${ACTIVE_SUBJECT}`,
    subjectColumn: 's.id',
  },
  {
    kind: 'clan',
    nodes: 'communes',
    subjects: `JOIN clans s ON s.commune_id = n.id AND ${ACTIVE_SUBJECT}`,
    subjectColumn: 's.id',
  },
  {
    kind: 'unit',
    nodes: 'communes',
    subjects: `JOIN units s ON s.commune_id = n.id AND ${ACTIVE_SUBJECT}`,
    subjectColumn: 's.id',
  },
  { kind: 'community', nodes: 'hamlets', subjects: '', subjectColumn: 'n.id' },
];

/**
 * Total, registered and recognised per row for one kind, with the grand total as a grouping set.
 * Evaluations are joined on `subject_id`, which `evaluations_kind_year_idx` carries with the
 * registration and the status: the year's evaluations of a kind are read from the index alone.
 */
function kindCounts({ kind, nodes, subjects, subjectColumn }: KindSource): string {
  return `${kind} AS (
  SELECT n.row_id,
         count(*)::int AS total,
         count(*) FILTER (WHERE e.registered)::int AS registered,
         count(*) FILTER (WHERE e.status = 'recognised')::int AS recognised,
         grouping(n.row_id) AS is_total
    FROM ${nodes} n
    ${subjects}
    LEFT JOIN evaluations e ON e.subject_id = ${subjectColumn} AND e.kind = '${kind}' AND e.year = $7
   GROUP BY GROUPING SETS ((n.row_id), ())
)`;
}

/**
 * Total, registered and recognised per row and kind, one GROUP BY per kind with the total as a
 * grouping set. The hamlets and communes come as arrays rather than from the recursive CTE: the
 * planner sizes an array exactly but guesses a recursive CTE at a handful of rows, and then walks
 * 300,000 households one index lookup at a time instead of joining them in one pass.
 * Parameters: hamlet ids and their row ids, commune ids and their row ids, the year's first and
 * last days, the year.
 */
export const COUNTS_SQL = `
WITH hamlets AS (SELECT * FROM unnest($1::integer[], $2::integer[]) AS n(id, row_id)),
communes AS (SELECT * FROM unnest($3::integer[], $4::integer[]) AS n(id, row_id)),
${KIND_COUNTS.map(kindCounts).join(',\n')}
${KIND_COUNTS.map(
  ({ kind }) => `SELECT '${kind}' AS kind, CASE WHEN is_total = 0 THEN row_id END AS row_id,
       total, registered, recognised FROM ${kind} WHERE is_total = 1 OR row_id IS NOT NULL`,
).join('\nUNION ALL\n')}
`;

/** A tree node as a report row: its area, and the codes from it up to the area asked for. */
export function rowAreaOf(node: TreeRow): ProgressRowArea {
  return {
    id: node.id,
    code: node.code,
    name: node.name,
    level: node.level,
    typeLabel: node.type_label,
    difficult: node.difficult === true,
    path: node.path ?? [],
  };
}

type Query = (sql: string, parameters: unknown[]) => Promise<unknown[]>;

/** Both statements of a progress count, on any client: the repository's, or a bare pg pool. */
export async function runProgress(
  query: Query,
  areaId: number,
  year: number,
  rowLevel: 'commune' | 'hamlet',
): Promise<{
  tree: TreeRow[];
  counts: {
    kind: ModelKind;
    row_id: number | null;
    total: number;
    registered: number;
    recognised: number;
  }[];
}> {
  const tree = (await query(TREE_SQL, [areaId, yearEnd(year), rowLevel])) as TreeRow[];
  const of = (level: string) => tree.filter((node) => node.level === level);
  const hamlets = of('hamlet');
  const communes = of('commune');
  const counts = (await query(COUNTS_SQL, [
    hamlets.map((node) => node.id),
    hamlets.map((node) => node.row_id),
    communes.map((node) => node.id),
    communes.map((node) => node.row_id),
    yearStart(year),
    yearEnd(year),
    year,
  ])) as Awaited<ReturnType<typeof runProgress>>['counts'];
  return { tree, counts };
}

@Injectable()
export class ProgressRepository {
  constructor(private readonly db: Db) {}

  /**
   * @param rowLevel the level whose areas become rows: `commune` under a district or province,
   *   `hamlet` under a commune.
   */
  async countsByRow(
    areaId: number,
    year: number,
    rowLevel: 'commune' | 'hamlet',
  ): Promise<ProgressCounts> {
    const { tree, counts } = await runProgress(
      (sql, parameters) => this.db.rows(sql, parameters),
      areaId,
      year,
      rowLevel,
    );
    const rows = tree.filter((node) => node.id === node.row_id).map(rowAreaOf);
    return {
      rows,
      counts: counts.map((count) => ({
        kind: count.kind,
        rowId: count.row_id,
        total: count.total,
        registered: count.registered,
        recognised: count.recognised,
      })),
    };
  }

  /** Years in which anything under the area was evaluated, oldest first. */
  async yearsWithData(areaId: number): Promise<number[]> {
    // The span of years comes from the ends of an index. Each year then asks whether one subject
    // under the area has an evaluation, walking from the area's places to their subjects' index
    // entries and stopping at the first: a few probes per year, wherever the rows lie on disk.
    const rows: { year: number }[] = await this.db.rows(
      `${SUBTREE},
       places AS MATERIALIZED (SELECT id FROM subtree),
       years AS (SELECT generate_series(min(year)::int, max(year)::int) AS year FROM evaluations)
       SELECT y.year FROM years y
        WHERE EXISTS (SELECT 1 FROM places p JOIN households h ON h.hamlet_id = p.id
                        JOIN evaluations e ON e.household_id = h.id AND e.year = y.year)
           OR EXISTS (SELECT 1 FROM places p JOIN clans c ON c.commune_id = p.id
                        JOIN evaluations e ON e.kind = 'clan' AND e.subject_id = c.id AND e.year = y.year)
           OR EXISTS (SELECT 1 FROM places p JOIN units u ON u.commune_id = p.id
                        JOIN evaluations e ON e.kind = 'unit' AND e.subject_id = u.id AND e.year = y.year)
           OR EXISTS (SELECT 1 FROM places p JOIN evaluations e
                         ON e.kind = 'community' AND e.subject_id = p.id AND e.year = y.year)
        ORDER BY y.year`,
      [areaId],
    );
    return rows.map((row) => row.year);
  }
}
