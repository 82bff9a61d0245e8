import { Injectable } from '@nestjs/common';
import { Db } from '../../db.js';
import { GROUP_ROLES, TRAINEE_GROUPS, type TraineeGroup } from '@app/domain';
import type { AreaTreeNode, YearTree } from '../area-tree.repository.js';
import { yearEnd, yearStart } from '../dates.js';
import { inForceOn } from '../../sql.js';

export interface TrainingCountRow {
  group: TraineeGroup;
  /** Null for the total over the whole area. */
  rowId: number | null;
  total: number;
  trainedInYear: number;
  trainedInPeriod: number;
  partialOnly: number;
}

/**
 * Who serves where at the end of the year, in which groups, and whether they were trained. A
 * person is trained by attending every day of a course; each person counts once per group however
 * many courses they attended. Group membership mirrors `groupsOf`: the roles of `GROUP_ROLES`,
 * plus everyone flagged as an association member.
 * Parameters: place ids and their row ids, the year's last day, the year's first day, the first
 * day of the plan period, the group of each role and the role.
 */
const TRAINING_COUNTS_SQL = `
WITH places AS (SELECT * FROM unnest($1::integer[], $2::integer[]) AS p(id, row_id)),
serving AS (
  SELECT p.row_id, tp.trainee_id, tp.role, t.association_member
    FROM places p
    JOIN trainee_postings tp ON tp.area_id = p.id AND ${inForceOn('tp', '$3')}
    JOIN trainees t ON t.id = tp.trainee_id
),
membership AS (
  SELECT s.row_id, s.trainee_id, g.grp
    FROM serving s JOIN unnest($6::text[], $7::text[]) AS g(grp, role) ON g.role = s.role
  UNION
  SELECT s.row_id, s.trainee_id, 'association' FROM serving s WHERE s.association_member
),
attended AS (
  SELECT a.trainee_id,
         bool_or(a.days_attended > c.ends_on - c.starts_on AND c.starts_on >= $4::date) AS in_year,
         bool_or(a.days_attended > c.ends_on - c.starts_on) AS in_period,
         bool_or(a.days_attended > 0) AS attended_any
    FROM training_attendance a
    JOIN training_courses c ON c.id = a.course_id AND c.starts_on BETWEEN $5::date AND $3::date
   WHERE a.trainee_id IN (SELECT trainee_id FROM serving)
   GROUP BY a.trainee_id
)
SELECT m.grp AS "group", CASE WHEN grouping(m.row_id) = 0 THEN m.row_id END AS "rowId",
       count(*)::int AS total,
       count(*) FILTER (WHERE at.in_year)::int AS "trainedInYear",
       count(*) FILTER (WHERE at.in_period)::int AS "trainedInPeriod",
       count(*) FILTER (WHERE at.attended_any AND NOT at.in_period)::int AS "partialOnly"
  FROM membership m
  LEFT JOIN attended at ON at.trainee_id = m.trainee_id
 GROUP BY GROUPING SETS ((m.grp, m.row_id), (m.grp))`;

const GROUP_ROLE_PAIRS = TRAINEE_GROUPS.flatMap((group) =>
  GROUP_ROLES[group].map((role) => [group, role] as const),
);

/**
 * The training row a place of a tree counts in: its commune, or the area itself when that is a
 * commune; null above the communes.
 */
export function trainingRowOf(tree: YearTree): (node: AreaTreeNode) => number | null {
  const root = tree.nodes.find((node) => node.path.length === 0);
  const rowOfAll = root?.level === 'commune' ? root.id : null;
  return (node) => node.rowId ?? rowOfAll;
}

/** Who serves in each group under an area at the end of a year, and how many were trained. */
@Injectable()
export class TrainingProgressRepository {
  constructor(private readonly db: Db) {}

  /**
   * Per commune of the tree (walked with communes as rows; the commune itself when the area is
   * one) and for the whole area: people in each group at the end of the year and how many were
   * trained since the first year of the plan period.
   */
  async counts(tree: YearTree, periodFrom: number): Promise<TrainingCountRow[]> {
    const rowOf = trainingRowOf(tree);
    const places = tree.nodes.filter((node) => rowOf(node) !== null);
    return this.db.rows<TrainingCountRow>(TRAINING_COUNTS_SQL, [
      places.map((node) => node.id),
      places.map(rowOf),
      yearEnd(tree.year),
      yearStart(tree.year),
      yearStart(Math.min(periodFrom, tree.year)),
      GROUP_ROLE_PAIRS.map(([group]) => group),
      GROUP_ROLE_PAIRS.map(([, role]) => role),
    ]);
  }
}
