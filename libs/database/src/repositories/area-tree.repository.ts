import { Injectable } from '@nestjs/common';
import { Db } from '../db.js';
import { SUBJECT_SOURCES, type SubjectSource } from '../kinds.js';
import { inForceOn } from '../sql.js';
import type { AreaRow } from './areas.repository.js';
import { planRows, type TargetPlanView } from './targets.repository.js';

/**
 * The level whose areas are a report's rows: communes under a district or province, hamlets
 * under a commune.
 */
export type RowLevel = 'commune' | 'hamlet';

/** A place of an area's subtree as it stood on a day. */
export interface AreaTreeNode extends Pick<
  AreaRow,
  'id' | 'code' | 'name' | 'level' | 'typeLabel' | 'difficult'
> {
  /** The row it rolls up to: the first area of the row level on the way down, if any. */
  rowId: number | null;
  /** Codes from this place up to (excluding) the area asked for, most specific first. */
  path: string[];
}

/** An area's subtree at the end of a year. */
export interface YearTree {
  year: number;
  /** The area and its ancestors that year, most specific first. */
  chain: string[];
  /** The area itself, then every place under it. */
  nodes: AreaTreeNode[];
}

export interface AreaTrees {
  /** Years anything ever under the area was evaluated, oldest first; empty unless asked for. */
  yearsWithData: number[];
  /** The tree of each year asked for and of each year with data, oldest first. */
  trees: YearTree[];
  /** The target plans set on the area, above it or under it in any of those years, in order. */
  plans: TargetPlanView[];
}

/** Every place ever under the area $1, whatever the date. */
const SUBTREE_CTE = `subtree AS (
    SELECT $1::integer AS id
    UNION
    SELECT ap.area_id FROM subtree JOIN area_parents ap ON ap.parent_id = subtree.id
  )`;

/** Every place in an area's subtree, whatever the date: the areas whose data a report may count. */
export const SUBTREE = `
  WITH RECURSIVE ${SUBTREE_CTE}`;

/**
 * The walk down from the area $1 on each day of `days`, each hamlet and commune tagged with the
 * row (the first area of level $3 on the way down) it rolls up to.
 */
const TREE_CTE = `tree AS (
  SELECT d.day, a.id, a.level, NULL::integer AS row_id, ARRAY[]::text[] AS path, 0 AS depth
    FROM days d JOIN areas a ON a.id = $1
  UNION ALL
  SELECT tree.day, c.id, c.level,
         coalesce(tree.row_id, CASE WHEN c.level = $3 THEN c.id END),
         array_prepend(c.code, tree.path), tree.depth + 1
    FROM tree
    JOIN area_parents ap ON ap.parent_id = tree.id AND ${inForceOn('ap', 'tree.day')}
    JOIN areas c ON c.id = ap.area_id AND ${inForceOn('c', 'tree.day')}
   WHERE tree.depth < 10
)`;

/** The area's subtree on one day. Parameters: area id, the day, the row level. */
export const TREE_SQL = `
WITH RECURSIVE days AS (SELECT $2::date AS day),
${TREE_CTE}
SELECT t.id, t.level, t.row_id, a.code, a.name, a.type_label, a.difficult, t.path
  FROM tree t JOIN areas a ON a.id = t.id`;

/** A node of `TREE_SQL`'s answer. */
export interface TreeRow {
  id: number;
  level: string;
  row_id: number | null;
  code: string;
  name: string;
  type_label: string;
  difficult: boolean;
  path: string[];
}

/**
 * The subjects of a kind active at some point between two dates, over alias `s`, placed in a tree's
 * places: the statement's `hamlets` or `communes` (alias `n`, column `id`).
 */
export function subjectsPlacedIn(source: SubjectSource, from: string, to: string): string {
  const places = source.placeLevel === 'hamlet' ? 'hamlets' : 'communes';
  return `FROM ${places} n
    JOIN ${source.table} s ON ${source.place} = n.id AND ${source.only} AND ${source.activeDuring(from, to)}`;
}

/**
 * Whether a subject of the kind placed under the area has an evaluation in year `y.year`: a walk
 * from the area's places to their subjects' index entries that stops at the first.
 */
function evaluatedIn({ kind, table, place }: SubjectSource): string {
  return `EXISTS (SELECT 1 FROM places p JOIN ${table} s ON ${place} = p.id
                    JOIN evaluations e ON e.kind = '${kind}' AND e.subject_id = s.id AND e.year = y.year)`;
}

/**
 * The years with data (when asked), then each year's tree, the area's ancestry that year and the
 * plans set anywhere on them. The span of years comes from the ends of an index; each year then
 * asks whether one subject ever under the area has an evaluation, a few probes per year wherever
 * the rows lie on disk. Parameters: area id, the years asked for, the row level.
 */
function treesSql(withData: boolean): string {
  const years = withData
    ? `${SUBTREE_CTE},
places AS MATERIALIZED (SELECT id FROM subtree),
evaluated AS (
  SELECT y.year FROM (SELECT generate_series(min(year)::int, max(year)::int) AS year FROM evaluations) y
   WHERE ${Object.values(SUBJECT_SOURCES).map(evaluatedIn).join('\n      OR ')}
),
days AS (
  SELECT year, make_date(year, 12, 31) AS day
    FROM (SELECT unnest($2::integer[]) AS year UNION SELECT year FROM evaluated) y
)`
    : `days AS (SELECT year, make_date(year, 12, 31) AS day FROM unnest($2::integer[]) AS y(year))`;
  const yearsWithData = withData
    ? `(SELECT coalesce(array_agg(year ORDER BY year), '{}') FROM evaluated)`
    : `'{}'::integer[]`;
  return `
WITH RECURSIVE ${years},
${TREE_CTE},
chain AS (
  SELECT d.day, $1::integer AS id, 0 AS depth FROM days d
  UNION ALL
  SELECT chain.day, ap.parent_id, chain.depth + 1
    FROM chain JOIN area_parents ap ON ap.area_id = chain.id AND ${inForceOn('ap', 'chain.day')}
   WHERE chain.depth < 10
),
scoped AS (SELECT id FROM tree UNION SELECT id FROM chain)
SELECT ${yearsWithData} AS "yearsWithData",
       (SELECT coalesce(json_agg(json_build_object(
                 'year', d.year,
                 'chain', (SELECT array_agg(ca.code ORDER BY c.depth)
                             FROM chain c JOIN areas ca ON ca.id = c.id WHERE c.day = d.day),
                 'nodes', (SELECT json_agg(json_build_object(
                             'id', t.id, 'code', a.code, 'name', a.name, 'level', t.level,
                             'typeLabel', a.type_label, 'difficult', a.difficult,
                             'rowId', t.row_id, 'path', t.path))
                             FROM tree t JOIN areas a ON a.id = t.id WHERE t.day = d.day))
                 ORDER BY d.year), '[]')
          FROM days d) AS trees,
       (SELECT coalesce(json_agg(p ORDER BY p."milestoneYear", p.code), '[]')
          FROM (${planRows('p.scope_area_id IS NULL OR p.scope_area_id IN (SELECT id FROM scoped)')}) p
       ) AS plans`;
}

/** The one home of the walks of the area hierarchy: an area's subtree in given years, or ever. */
@Injectable()
export class AreaTreeRepository {
  constructor(private readonly db: Db) {}

  /**
   * The area's subtree at the end of each of `years` and, with `withData`, of each year anything
   * ever under it was evaluated, with the plans that may set a target for any of its rows.
   */
  async yearTrees(
    areaId: number,
    rowLevel: RowLevel,
    years: number[],
    withData: boolean,
  ): Promise<AreaTrees> {
    return (await this.db.one<AreaTrees>(treesSql(withData), [
      areaId,
      years,
      rowLevel,
    ])) as AreaTrees;
  }
}
