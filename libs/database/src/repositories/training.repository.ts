import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { GROUP_ROLES, TRAINEE_GROUPS, type TraineeGroup, type TraineeRole } from '@app/domain';
import type { AreaBrief, CourseAttendee, TraineePosting } from '@app/contracts';
import { yearEnd, yearStart } from './dates.js';
import type { PageRows } from './registry.repository.js';
import { rowAreaOf, TREE_SQL, type ProgressRowArea, type TreeRow } from './progress.repository.js';

const AREA_BRIEF = (alias: string) =>
  `json_build_object('code', ${alias}.code, 'name', ${alias}.name, 'level', ${alias}.level,
     'typeLabel', ${alias}.type_label, 'difficult', ${alias}.difficult)`;

const POSTING = (posting: string, area: string) =>
  `json_build_object('area', ${AREA_BRIEF(area)}, 'role', ${posting}.role,
     'validFrom', to_char(${posting}.valid_from, 'YYYY-MM-DD'),
     'validTo', to_char(${posting}.valid_to, 'YYYY-MM-DD'))`;

export interface TraineeRecord {
  id: number;
  code: string;
  fullName: string;
  associationMember: boolean | null;
  phone: string | null;
  /** The open posting, or the last one when all are closed. */
  posting: (TraineePosting & { id: number; areaId: number }) | null;
}

const TRAINEE_SELECT = `
  SELECT t.id, t.code, t.full_name AS "fullName", t.association_member AS "associationMember",
         t.phone,
         (SELECT ${POSTING('p', 'a')}::jsonb || jsonb_build_object('id', p.id, 'areaId', p.area_id)
            FROM trainee_postings p JOIN areas a ON a.id = p.area_id
           WHERE p.trainee_id = t.id
           ORDER BY p.valid_to IS NULL DESC, p.valid_from DESC LIMIT 1) AS posting
    FROM trainees t`;

export interface TraineeFilter {
  /** Places (communes and hamlets) whose people are listed. */
  placeIds: number[];
  /** People serving there on this day. */
  on: string;
  folded?: string;
  role?: TraineeRole;
  group?: TraineeGroup;
  limit: number;
  offset: number;
}

export interface CourseInput {
  code: string;
  title: string;
  topics: string[];
  startsOn: string;
  endsOn: string;
  venue: string | null;
  organiser: string;
  trainers: string[];
  areaId: number;
}

export interface CourseRecord extends CourseInput {
  id: number;
  area: AreaBrief;
  attendance: { full: number; partial: number; absent: number };
}

/** A course's columns after its code, in the order the insert and the update list them. */
const courseFields = (course: CourseInput) => [
  course.title,
  course.topics,
  course.startsOn,
  course.endsOn,
  course.venue,
  course.organiser,
  course.trainers,
  course.areaId,
];

const COURSE_SELECT = `
  SELECT c.id, c.code, c.title, c.topics, to_char(c.starts_on, 'YYYY-MM-DD') AS "startsOn",
         to_char(c.ends_on, 'YYYY-MM-DD') AS "endsOn", c.venue, c.organiser, c.trainers,
         c.area_id AS "areaId", ${AREA_BRIEF('a')} AS area,
         json_build_object(
           'full', count(t.trainee_id) FILTER (WHERE t.days_attended > c.ends_on - c.starts_on),
           'partial', count(t.trainee_id) FILTER (WHERE t.days_attended BETWEEN 1 AND c.ends_on - c.starts_on),
           'absent', count(t.trainee_id) FILTER (WHERE t.days_attended = 0)) AS attendance
    FROM training_courses c
    JOIN areas a ON a.id = c.area_id
    LEFT JOIN training_attendance t ON t.course_id = c.id`;

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
    JOIN trainee_postings tp ON tp.area_id = p.id
     AND tp.valid_from <= $3::date AND (tp.valid_to IS NULL OR tp.valid_to >= $3::date)
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

@Injectable()
export class TrainingRepository {
  constructor(private readonly dataSource: DataSource) {}

  private run(manager?: EntityManager) {
    return manager ?? this.dataSource;
  }

  /** The area and the communes and hamlets under it on the day: where its people serve. */
  async placesUnder(areaId: number, on: string): Promise<number[]> {
    const tree: TreeRow[] = await this.dataSource.query(TREE_SQL, [areaId, on, 'commune']);
    return tree.map((node) => node.id);
  }

  async findTrainee(code: string, manager?: EntityManager): Promise<TraineeRecord | null> {
    const rows: TraineeRecord[] = await this.run(manager).query(
      `${TRAINEE_SELECT} WHERE t.code = $1 ${manager ? 'FOR UPDATE OF t' : ''}`,
      [code],
    );
    return rows[0] ?? null;
  }

  async findTraineeIds(codes: string[], manager: EntityManager): Promise<Map<string, number>> {
    const rows: { id: number; code: string }[] = await manager.query(
      `SELECT id, code FROM trainees WHERE code = ANY($1::text[])`,
      [codes],
    );
    return new Map(rows.map((row) => [row.code, row.id]));
  }

  /** People by code with their open posting, for an import to compare its rows against. */
  async existingForImport(
    codes: string[],
    manager: EntityManager,
  ): Promise<
    {
      id: number;
      code: string;
      fullName: string;
      associationMember: boolean | null;
      phone: string | null;
      areaId: number | null;
      placeCode: string | null;
      role: TraineeRole | null;
      validFrom: string | null;
    }[]
  > {
    return manager.query(
      `SELECT t.id, t.code, t.full_name AS "fullName", t.association_member AS "associationMember",
              t.phone, p.area_id AS "areaId", a.code AS "placeCode", p.role,
              to_char(p.valid_from, 'YYYY-MM-DD') AS "validFrom"
         FROM trainees t
         LEFT JOIN trainee_postings p ON p.trainee_id = t.id AND p.valid_to IS NULL
         LEFT JOIN areas a ON a.id = p.area_id
        WHERE t.code = ANY($1::text[])
        FOR UPDATE OF t`,
      [codes],
    );
  }

  /**
   * An import's batch: new people with their first posting, changed people, and new postings of
   * those whose place or role changed (the open posting ends the day before).
   */
  async importBatch(
    manager: EntityManager,
    creates: {
      code: string;
      full_name: string;
      full_name_folded: string;
      association_member: boolean | null;
      phone: string | null;
      area_id: number;
      role: TraineeRole;
      valid_from: string;
    }[],
    updates: {
      id: number;
      full_name: string;
      full_name_folded: string;
      association_member: boolean | null;
      phone: string | null;
      posting: { area_id: number; role: TraineeRole; valid_from: string } | null;
    }[],
  ): Promise<void> {
    const column = <T, K extends keyof T>(rows: T[], key: K) => rows.map((row) => row[key]);
    if (creates.length > 0) {
      await manager.query(
        `WITH given AS (
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::text[],
                                $6::integer[], $7::text[], $8::date[])
             AS g(code, full_name, full_name_folded, association_member, phone, area_id, role, valid_from)),
         added AS (
           INSERT INTO trainees (code, full_name, full_name_folded, association_member, phone)
           SELECT code, full_name, full_name_folded, association_member, phone FROM given
           RETURNING id, code)
         INSERT INTO trainee_postings (trainee_id, area_id, role, valid_from)
         SELECT added.id, given.area_id, given.role, given.valid_from
           FROM added JOIN given ON given.code = added.code`,
        [
          column(creates, 'code'),
          column(creates, 'full_name'),
          column(creates, 'full_name_folded'),
          column(creates, 'association_member'),
          column(creates, 'phone'),
          column(creates, 'area_id'),
          column(creates, 'role'),
          column(creates, 'valid_from'),
        ],
      );
    }
    if (updates.length > 0) {
      await manager.query(
        `UPDATE trainees t
            SET full_name = g.full_name, full_name_folded = g.full_name_folded,
                association_member = g.association_member, phone = g.phone, updated_at = now()
           FROM unnest($1::integer[], $2::text[], $3::text[], $4::boolean[], $5::text[])
                  AS g(id, full_name, full_name_folded, association_member, phone)
          WHERE t.id = g.id`,
        [
          column(updates, 'id'),
          column(updates, 'full_name'),
          column(updates, 'full_name_folded'),
          column(updates, 'association_member'),
          column(updates, 'phone'),
        ],
      );
    }
    const moves = updates.flatMap((update) =>
      update.posting ? [{ traineeId: update.id, ...update.posting }] : [],
    );
    if (moves.length > 0) {
      const given = [
        column(moves, 'traineeId'),
        column(moves, 'area_id'),
        column(moves, 'role'),
        column(moves, 'valid_from'),
      ];
      const unnest = `unnest($1::integer[], $2::integer[], $3::text[], $4::date[])
                        AS g(trainee_id, area_id, role, valid_from)`;
      // Two statements: one person may hold one open posting, checked row by row.
      await manager.query(
        `UPDATE trainee_postings p SET valid_to = g.valid_from - 1
           FROM ${unnest} WHERE p.trainee_id = g.trainee_id AND p.valid_to IS NULL`,
        given,
      );
      await manager.query(
        `INSERT INTO trainee_postings (trainee_id, area_id, role, valid_from)
         SELECT trainee_id, area_id, role, valid_from FROM ${unnest}`,
        given,
      );
    }
  }

  async listTrainees(filter: TraineeFilter): Promise<PageRows<TraineeRecord>> {
    const params: unknown[] = [filter.placeIds, filter.on];
    const posting = [
      `sp.trainee_id = t.id`,
      `sp.area_id = ANY($1::integer[])`,
      `sp.valid_from <= $2::date AND (sp.valid_to IS NULL OR sp.valid_to >= $2::date)`,
    ];
    if (filter.role) {
      params.push(filter.role);
      posting.push(`sp.role = $${params.length}`);
    }
    if (filter.group) {
      params.push([...GROUP_ROLES[filter.group]]);
      // As in `groupsOf`: a flagged member belongs to the association whatever their role.
      const flagged = filter.group === 'association' ? ' OR t.association_member' : '';
      posting.push(`(sp.role = ANY($${params.length}::text[])${flagged})`);
    }
    const where = [`EXISTS (SELECT 1 FROM trainee_postings sp WHERE ${posting.join(' AND ')})`];
    if (filter.folded) {
      params.push(`%${filter.folded}%`);
      where.push(
        `(t.full_name_folded LIKE $${params.length} OR lower(t.code) LIKE $${params.length})`,
      );
    }
    const filtered = `FROM trainees t WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total ${filtered}`,
      params,
    );
    const rows: TraineeRecord[] = await this.dataSource.query(
      `${TRAINEE_SELECT} WHERE t.id IN (SELECT t.id ${filtered})
        ORDER BY t.full_name_folded, t.code
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { rows, total };
  }

  async insertTrainee(
    manager: EntityManager,
    trainee: {
      code: string;
      fullName: string;
      fullNameFolded: string;
      associationMember: boolean | null;
      phone: string | null;
    },
  ): Promise<number> {
    const [{ id }] = await manager.query<{ id: number }[]>(
      `INSERT INTO trainees (code, full_name, full_name_folded, association_member, phone)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [
        trainee.code,
        trainee.fullName,
        trainee.fullNameFolded,
        trainee.associationMember,
        trainee.phone,
      ],
    );
    return id;
  }

  async updateTrainee(
    manager: EntityManager,
    id: number,
    changes: {
      fullName: string;
      fullNameFolded: string;
      associationMember: boolean | null;
      phone: string | null;
    },
  ): Promise<void> {
    await manager.query(
      `UPDATE trainees SET full_name = $2, full_name_folded = $3, association_member = $4,
              phone = $5, updated_at = now()
        WHERE id = $1`,
      [id, changes.fullName, changes.fullNameFolded, changes.associationMember, changes.phone],
    );
  }

  /** Closes the open posting the day before `validFrom`, then opens the new one. */
  async startPosting(
    manager: EntityManager,
    traineeId: number,
    posting: { areaId: number; role: TraineeRole; validFrom: string },
  ): Promise<void> {
    await manager.query(
      `UPDATE trainee_postings SET valid_to = $2::date - 1 WHERE trainee_id = $1 AND valid_to IS NULL`,
      [traineeId, posting.validFrom],
    );
    await manager.query(
      `INSERT INTO trainee_postings (trainee_id, area_id, role, valid_from) VALUES ($1, $2, $3, $4)`,
      [traineeId, posting.areaId, posting.role, posting.validFrom],
    );
  }

  async postings(traineeId: number): Promise<TraineePosting[]> {
    const rows: { posting: TraineePosting }[] = await this.dataSource.query(
      `SELECT ${POSTING('p', 'a')} AS posting
         FROM trainee_postings p JOIN areas a ON a.id = p.area_id
        WHERE p.trainee_id = $1 ORDER BY p.valid_from DESC`,
      [traineeId],
    );
    return rows.map((row) => row.posting);
  }

  async coursesOf(
    traineeId: number,
  ): Promise<
    { code: string; title: string; startsOn: string; days: number; daysAttended: number }[]
  > {
    return this.dataSource.query(
      `SELECT c.code, c.title, to_char(c.starts_on, 'YYYY-MM-DD') AS "startsOn",
              (c.ends_on - c.starts_on + 1)::int AS days, a.days_attended AS "daysAttended"
         FROM training_attendance a JOIN training_courses c ON c.id = a.course_id
        WHERE a.trainee_id = $1 ORDER BY c.starts_on DESC, c.code`,
      [traineeId],
    );
  }

  async findCourse(code: string, manager?: EntityManager): Promise<CourseRecord | null> {
    if (manager) {
      // Serialises attendance writes to one course; the read below then sees the latest.
      await manager.query(`SELECT 1 FROM training_courses WHERE code = $1 FOR UPDATE`, [code]);
    }
    const rows: CourseRecord[] = await this.run(manager).query(
      `${COURSE_SELECT} WHERE c.code = $1 GROUP BY c.id, a.id`,
      [code],
    );
    return rows[0] ?? null;
  }

  /** Courses run by the areas given, or starting in the year, latest first. */
  async listCourses(filter: {
    areaIds: number[];
    year?: number;
    limit: number;
    offset: number;
  }): Promise<PageRows<CourseRecord>> {
    const params: unknown[] = [filter.areaIds];
    const where = [`c.area_id = ANY($1::integer[])`];
    if (filter.year !== undefined) {
      params.push(yearStart(filter.year), yearEnd(filter.year));
      where.push(`c.starts_on BETWEEN $2::date AND $3::date`);
    }
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM training_courses c WHERE ${where.join(' AND ')}`,
      params,
    );
    const rows: CourseRecord[] = await this.dataSource.query(
      `${COURSE_SELECT} WHERE ${where.join(' AND ')} GROUP BY c.id, a.id
        ORDER BY c.starts_on DESC, c.code
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { rows, total };
  }

  async insertCourse(manager: EntityManager, course: CourseInput): Promise<void> {
    await manager.query(
      `INSERT INTO training_courses
         (code, title, topics, starts_on, ends_on, venue, organiser, trainers, area_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [course.code, ...courseFields(course)],
    );
  }

  async updateCourse(manager: EntityManager, id: number, course: CourseInput): Promise<void> {
    await manager.query(
      `UPDATE training_courses
          SET title = $2, topics = $3, starts_on = $4, ends_on = $5, venue = $6, organiser = $7,
              trainers = $8, area_id = $9, updated_at = now()
        WHERE id = $1`,
      [id, ...courseFields(course)],
    );
  }

  /** The most days anyone attended the course: a course cannot be shortened below it. */
  async longestAttendance(manager: EntityManager, courseId: number): Promise<number> {
    const [{ days }] = await manager.query<{ days: number }[]>(
      `SELECT coalesce(max(days_attended), 0)::int AS days FROM training_attendance WHERE course_id = $1`,
      [courseId],
    );
    return days;
  }

  /** Sets the days attended of each person given; people not listed keep their entry. */
  async putAttendance(
    manager: EntityManager,
    courseId: number,
    entries: { traineeId: number; daysAttended: number }[],
  ): Promise<{ created: number; updated: number; unchanged: number }> {
    const rows: { inserted: boolean; changed: boolean }[] = await manager.query(
      `WITH given AS (SELECT * FROM unnest($2::integer[], $3::smallint[]) AS g(trainee_id, days)),
       before AS (SELECT a.trainee_id, a.days_attended FROM training_attendance a
                   WHERE a.course_id = $1 AND a.trainee_id IN (SELECT trainee_id FROM given)),
       written AS (
         INSERT INTO training_attendance (course_id, trainee_id, days_attended)
         SELECT $1, trainee_id, days FROM given
         ON CONFLICT (course_id, trainee_id) DO UPDATE SET days_attended = EXCLUDED.days_attended
         RETURNING trainee_id, days_attended)
       SELECT b.trainee_id IS NULL AS inserted,
              b.days_attended IS DISTINCT FROM w.days_attended AS changed
         FROM written w LEFT JOIN before b ON b.trainee_id = w.trainee_id`,
      [courseId, entries.map((e) => e.traineeId), entries.map((e) => e.daysAttended)],
    );
    const created = rows.filter((row) => row.inserted).length;
    const updated = rows.filter((row) => !row.inserted && row.changed).length;
    return { created, updated, unchanged: rows.length - created - updated };
  }

  async attendees(courseId: number, startsOn: string): Promise<CourseAttendee[]> {
    return this.dataSource.query(
      `SELECT json_build_object('code', t.code, 'fullName', t.full_name) AS trainee,
              p.role, CASE WHEN ar.id IS NULL THEN NULL ELSE ${AREA_BRIEF('ar')} END AS area,
              a.days_attended AS "daysAttended"
         FROM training_attendance a
         JOIN trainees t ON t.id = a.trainee_id
         LEFT JOIN trainee_postings p ON p.trainee_id = t.id
          AND p.valid_from <= $2::date AND (p.valid_to IS NULL OR p.valid_to >= $2::date)
         LEFT JOIN areas ar ON ar.id = p.area_id
        WHERE a.course_id = $1
        ORDER BY t.full_name_folded, t.code`,
      [courseId, startsOn],
    );
  }

  /**
   * Per commune under the area (the commune itself when the area is one) and for the whole area:
   * people in each group at the end of the year and how many were trained.
   */
  async countsByCommune(
    areaId: number,
    year: number,
    periodFrom: number,
  ): Promise<{ rows: ProgressRowArea[]; counts: TrainingCountRow[] }> {
    const tree: TreeRow[] = await this.dataSource.query(TREE_SQL, [
      areaId,
      yearEnd(year),
      'commune',
    ]);
    const root = tree.find((node) => node.id === areaId);
    const rowOf = (node: TreeRow) => node.row_id ?? (root?.level === 'commune' ? areaId : null);
    const places = tree.filter((node) => rowOf(node) !== null);
    const counts: TrainingCountRow[] = await this.dataSource.query(TRAINING_COUNTS_SQL, [
      places.map((node) => node.id),
      places.map(rowOf),
      yearEnd(year),
      yearStart(year),
      yearStart(Math.min(periodFrom, year)),
      GROUP_ROLE_PAIRS.map(([group]) => group),
      GROUP_ROLE_PAIRS.map(([, role]) => role),
    ]);
    const rows = tree
      .filter((node) => node.level === 'commune' && rowOf(node) === node.id)
      .map(rowAreaOf);
    return { rows, counts };
  }
}
