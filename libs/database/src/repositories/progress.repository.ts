import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ModelKind } from '@app/domain';
import { yearEnd, yearStart } from './dates.js';

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

/**
 * Counts per row area and kind for one area and year, in one statement: the area's subtree as it
 * stood at the end of the year, each hamlet and commune tagged with the row (commune, or hamlet
 * when the area is a commune) it rolls up to, then one GROUP BY per kind with the total as a
 * grouping set.
 */
const PROGRESS_SQL = `
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
family AS (
  SELECT h.row_id,
         count(*)::int AS total,
         count(*) FILTER (WHERE e.registered)::int AS registered,
         count(*) FILTER (WHERE e.status = 'recognised')::int AS recognised,
         grouping(h.row_id) AS is_total
    FROM hamlets h
    JOIN households s ON s.hamlet_id = h.id
     AND s.active_from <= $3::date AND (s.deactivated_on IS NULL OR s.deactivated_on > $2::date)
    LEFT JOIN evaluations e ON e.household_id = s.id AND e.kind = 'family' AND e.year = $5
   GROUP BY GROUPING SETS ((h.row_id), ())
),
clan AS (
  SELECT c.row_id,
         count(*)::int AS total,
         count(*) FILTER (WHERE e.registered)::int AS registered,
         count(*) FILTER (WHERE e.status = 'recognised')::int AS recognised,
         grouping(c.row_id) AS is_total
    FROM communes c
    JOIN clans s ON s.commune_id = c.id
     AND s.active_from <= $3::date AND (s.deactivated_on IS NULL OR s.deactivated_on > $2::date)
    LEFT JOIN evaluations e ON e.clan_id = s.id AND e.kind = 'clan' AND e.year = $5
   GROUP BY GROUPING SETS ((c.row_id), ())
),
unit AS (
  SELECT c.row_id,
         count(*)::int AS total,
         count(*) FILTER (WHERE e.registered)::int AS registered,
         count(*) FILTER (WHERE e.status = 'recognised')::int AS recognised,
         grouping(c.row_id) AS is_total
    FROM communes c
    JOIN units s ON s.commune_id = c.id
     AND s.active_from <= $3::date AND (s.deactivated_on IS NULL OR s.deactivated_on > $2::date)
    LEFT JOIN evaluations e ON e.unit_id = s.id AND e.kind = 'unit' AND e.year = $5
   GROUP BY GROUPING SETS ((c.row_id), ())
),
community AS (
  SELECT h.row_id,
         count(*)::int AS total,
         count(*) FILTER (WHERE e.registered)::int AS registered,
         count(*) FILTER (WHERE e.status = 'recognised')::int AS recognised,
         grouping(h.row_id) AS is_total
    FROM hamlets h
    LEFT JOIN evaluations e ON e.community_id = h.id AND e.kind = 'community' AND e.year = $5
   GROUP BY GROUPING SETS ((h.row_id), ())
)
SELECT 'row' AS part, a.id AS row_id, a.code, a.name, a.level, a.type_label, a.difficult, t.path,
       0 AS total, 0 AS registered, 0 AS recognised
  FROM tree t JOIN areas a ON a.id = t.id WHERE t.id = t.row_id
UNION ALL
SELECT 'family', CASE WHEN is_total = 0 THEN row_id END, NULL, NULL, NULL, NULL, NULL, NULL,
       total, registered, recognised FROM family WHERE is_total = 1 OR row_id IS NOT NULL
UNION ALL
SELECT 'clan', CASE WHEN is_total = 0 THEN row_id END, NULL, NULL, NULL, NULL, NULL, NULL,
       total, registered, recognised FROM clan WHERE is_total = 1 OR row_id IS NOT NULL
UNION ALL
SELECT 'unit', CASE WHEN is_total = 0 THEN row_id END, NULL, NULL, NULL, NULL, NULL, NULL,
       total, registered, recognised FROM unit WHERE is_total = 1 OR row_id IS NOT NULL
UNION ALL
SELECT 'community', CASE WHEN is_total = 0 THEN row_id END, NULL, NULL, NULL, NULL, NULL, NULL,
       total, registered, recognised FROM community WHERE is_total = 1 OR row_id IS NOT NULL
`;

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
    const raw: RawRow[] = await this.dataSource.query(PROGRESS_SQL, [
      areaId,
      yearStart(year),
      yearEnd(year),
      rowLevel,
      year,
    ]);
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
}
