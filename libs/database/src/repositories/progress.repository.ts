import { Injectable } from '@nestjs/common';
import type { ModelKind } from '@app/domain';
import { Db } from '../db.js';
import { SUBJECT_SOURCES, type SubjectSource } from '../kinds.js';
import { subjectsPlacedIn, type YearTree } from './area-tree.repository.js';

export interface ProgressCountRow {
  year: number;
  kind: ModelKind;
  /** Null for the total over the whole area. */
  rowId: number | null;
  total: number;
  registered: number;
  recognised: number;
}

/**
 * Total, registered and recognised per year and row for one kind. Evaluations are joined on
 * `subject_id`, which `evaluations_kind_year_idx` carries with the registration and the status:
 * the years' evaluations of a kind are read from the index alone, the years bounded by a constant
 * so the index is entered at them. A plain GROUP BY, not grouping sets, so each parallel worker
 * aggregates its share before gathering.
 */
function kindCounts(source: SubjectSource): string {
  return `${source.kind} AS (
  SELECT n.year, n.row_id,
         count(*)::int AS total,
         count(*) FILTER (WHERE e.registered)::int AS registered,
         count(*) FILTER (WHERE e.status = 'recognised')::int AS recognised
    ${subjectsPlacedIn(source, 'make_date(n.year, 1, 1)', 'make_date(n.year, 12, 31)')}
    LEFT JOIN evaluations e ON e.subject_id = s.id AND e.kind = '${source.kind}'
     AND e.year = n.year AND e.year = ANY($7::integer[])
   GROUP BY n.year, n.row_id
)`;
}

/**
 * Per year, row and kind, and per year and kind for the whole area (the rows' counts and those of
 * the places above the rows, summed). The hamlets and communes come as arrays rather than from
 * the recursive walk: the planner sizes an array exactly but guesses a recursive CTE at a handful
 * of rows, and then walks 300,000 households one index lookup at a time instead of joining them
 * in one pass. Parameters: the year, id and row id of each hamlet, then of each commune, then the
 * years.
 */
const COUNTS_SQL = `
WITH hamlets AS (SELECT * FROM unnest($1::integer[], $2::integer[], $3::integer[]) AS n(year, id, row_id)),
communes AS (SELECT * FROM unnest($4::integer[], $5::integer[], $6::integer[]) AS n(year, id, row_id)),
${Object.values(SUBJECT_SOURCES).map(kindCounts).join(',\n')}
${Object.values(SUBJECT_SOURCES)
  .map(
    ({ kind }) => `SELECT year, '${kind}' AS kind, row_id AS "rowId", total, registered, recognised
  FROM ${kind} WHERE row_id IS NOT NULL
UNION ALL
SELECT year, '${kind}', NULL, sum(total)::int, sum(registered)::int, sum(recognised)::int
  FROM ${kind} GROUP BY year`,
  )
  .join('\nUNION ALL\n')}
`;

/** The places of each year's tree at one level: years, ids and row ids side by side. */
function placesAt(trees: YearTree[], level: 'hamlet' | 'commune'): [number[], number[], unknown[]] {
  const places = trees.flatMap(({ year, nodes }) =>
    nodes.filter((node) => node.level === level).map((node) => ({ year, node })),
  );
  return [
    places.map((place) => place.year),
    places.map((place) => place.node.id),
    places.map((place) => place.node.rowId),
  ];
}

@Injectable()
export class ProgressRepository {
  constructor(private readonly db: Db) {}

  /** The counts of every year's tree, in one statement. */
  async counts(trees: YearTree[]): Promise<ProgressCountRow[]> {
    return this.db.rows<ProgressCountRow>(COUNTS_SQL, [
      ...placesAt(trees, 'hamlet'),
      ...placesAt(trees, 'commune'),
      trees.map((tree) => tree.year),
    ]);
  }
}
