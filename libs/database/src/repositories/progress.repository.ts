import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ModelKind } from '@app/domain';
import { yearEnd, yearStart } from './dates.js';
import { SUBTREE } from './subtree.js';

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

interface RawRow {
  part: 'row' | ModelKind;
  row_id: number | null;
  code: string | null;
  name: string | null;
  level: string | null;
  type_label: string | null;
  difficult: boolean | null;
  path: string[] | null;
  total: number;
  registered: number;
  recognised: number;
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

const ACTIVE_SUBJECT = `s.active_from <= $3::date AND (s.deactivated_on IS NULL OR s.deactivated_on > $2::date)`;

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

const EVALUATION_COLUMN: Record<ModelKind, string> = {
  family: 'household_id',
  clan: 'clan_id',
  unit: 'unit_id',
  community: 'community_id',
};

/** Total, registered and recognised per row for one kind, with the grand total as a grouping set. */
function kindCounts({ kind, nodes, subjects, subjectColumn }: KindSource): string {
  return `${kind} AS (
  SELECT n.row_id,
         count(*)::int AS total,
         count(*) FILTER (WHERE e.registered)::int AS registered,
         count(*) FILTER (WHERE e.status = 'recognised')::int AS recognised,
         grouping(n.row_id) AS is_total
    FROM ${nodes} n
    ${subjects}
    LEFT JOIN evaluations e ON e.${EVALUATION_COLUMN[kind]} = ${subjectColumn} AND e.kind = '${kind}' AND e.year = $5
   GROUP BY GROUPING SETS ((n.row_id), ())
)`;
}

/**
 * Counts per row area and kind for one area and year, in one statement: the area's subtree as it
 * stood at the end of the year, each hamlet and commune tagged with the row (commune, or hamlet
 * when the area is a commune) it rolls up to, then one GROUP BY per kind with the total as a
 * grouping set.
 */
export const PROGRESS_SQL = `
WITH RECURSIVE tree AS (
  SELECT a.id, a.level, NULL::integer AS row_id, ARRAY[]::text[] AS path, 0 AS depth
    FROM areas a WHERE a.id = $1
  UNION ALL
  SELECT c.id, c.level,
         coalesce(tree.row_id, CASE WHEN c.level = $4 THEN c.id END),
         tree.path || c.code, tree.depth + 1
    FROM tree
    JOIN area_parents ap ON ap.parent_id = tree.id
     AND ap.valid_from <= $3::date AND (ap.valid_to IS NULL OR ap.valid_to >= $3::date)
    JOIN areas c ON c.id = ap.area_id
     AND c.valid_from <= $3::date AND (c.valid_to IS NULL OR c.valid_to >= $3::date)
   WHERE tree.depth < 10
),
hamlets AS (SELECT id, row_id FROM tree WHERE level = 'hamlet'),
communes AS (SELECT id, row_id FROM tree WHERE level = 'commune'),
${KIND_COUNTS.map(kindCounts).join(',\n')}
SELECT 'row' AS part, a.id AS row_id, a.code, a.name, a.level, a.type_label, a.difficult, t.path,
       0 AS total, 0 AS registered, 0 AS recognised
  FROM tree t JOIN areas a ON a.id = t.id WHERE t.id = t.row_id
${KIND_COUNTS.map(
  ({ kind }) => `UNION ALL
SELECT '${kind}', CASE WHEN is_total = 0 THEN row_id END, NULL, NULL, NULL, NULL, NULL, NULL,
       total, registered, recognised FROM ${kind} WHERE is_total = 1 OR row_id IS NOT NULL`,
).join('\n')}
`;

/** The parameters of PROGRESS_SQL, in order. */
export function progressParameters(
  areaId: number,
  year: number,
  rowLevel: 'commune' | 'hamlet',
): unknown[] {
  return [areaId, yearStart(year), yearEnd(year), rowLevel, year];
}

@Injectable()
export class ProgressRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * @param rowLevel the level whose areas become rows: `commune` under a district or province,
   *   `hamlet` under a commune.
   */
  async countsByRow(
    areaId: number,
    year: number,
    rowLevel: 'commune' | 'hamlet',
  ): Promise<ProgressCounts> {
    const raw: RawRow[] = await this.dataSource.query(
      PROGRESS_SQL,
      progressParameters(areaId, year, rowLevel),
    );
    const rows: ProgressRowArea[] = [];
    const counts: ProgressCountRow[] = [];
    for (const row of raw) {
      if (row.part === 'row') {
        rows.push({
          id: row.row_id as number,
          code: row.code as string,
          name: row.name as string,
          level: row.level as string,
          typeLabel: row.type_label as string,
          difficult: row.difficult === true,
          path: [...(row.path ?? [])].reverse(),
        });
      } else {
        counts.push({
          kind: row.part,
          rowId: row.row_id,
          total: row.total,
          registered: row.registered,
          recognised: row.recognised,
        });
      }
    }
    return { rows, counts };
  }

  /** Years in which anything under the area was evaluated, oldest first. */
  async yearsWithData(areaId: number): Promise<number[]> {
    const rows: { year: number }[] = await this.dataSource.query(
      `${SUBTREE}
       SELECT DISTINCT e.year FROM evaluations e
        WHERE e.community_id IN (SELECT id FROM subtree)
           OR e.household_id IN (SELECT h.id FROM households h WHERE h.hamlet_id IN (SELECT id FROM subtree))
           OR e.clan_id IN (SELECT c.id FROM clans c WHERE c.commune_id IN (SELECT id FROM subtree))
           OR e.unit_id IN (SELECT u.id FROM units u WHERE u.commune_id IN (SELECT id FROM subtree))
        ORDER BY e.year`,
      [areaId],
    );
    return rows.map((row) => row.year);
  }
}
