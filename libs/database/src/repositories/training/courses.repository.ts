import { Injectable } from '@nestjs/common';
import { inForceOn } from '../../sql.js';
import { Db } from '../../db.js';
import type { TraineeRole } from '@app/domain';
import { bulkRow, idsByCode, inBatches, unnestOf, type FieldColumn } from '../bulk.js';
import { yearEnd, yearStart } from '../dates.js';
import type { PageRows } from '../registry.repository.js';
import { AREA_BRIEF, type AreaBriefRow } from './area-brief.js';

/** A person on a course's list: where they served when it began, and the days attended. */
export interface AttendeeRow {
  trainee: { code: string; fullName: string };
  role: TraineeRole | null;
  area: AreaBriefRow | null;
  daysAttended: number;
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
  area: AreaBriefRow;
  attendance: { full: number; partial: number; absent: number };
}

/** A course's columns, in the order the inserts list them; lists travel in bulk as JSON arrays. */
const COURSE_WRITES: FieldColumn<CourseInput>[] = [
  { name: 'code', type: 'text', field: 'code' },
  { name: 'title', type: 'text', field: 'title' },
  { name: 'topics', type: 'jsonb', field: 'topics' },
  { name: 'starts_on', type: 'date', field: 'startsOn' },
  { name: 'ends_on', type: 'date', field: 'endsOn' },
  { name: 'venue', type: 'text', field: 'venue' },
  { name: 'organiser', type: 'text', field: 'organiser' },
  { name: 'trainers', type: 'jsonb', field: 'trainers' },
  { name: 'area_id', type: 'integer', field: 'areaId' },
];

const COURSE_NAMES = COURSE_WRITES.map((column) => column.name).join(', ');

/** The text array a JSON array of strings holds, in its order. */
const textArray = (json: string) =>
  `ARRAY(SELECT e.value FROM jsonb_array_elements_text(${json}) WITH ORDINALITY AS e(value, n) ORDER BY e.n)`;

const ATTENDANCE_WRITES: FieldColumn<AttendanceWrite>[] = [
  { name: 'course_id', type: 'integer', field: 'courseId' },
  { name: 'trainee_id', type: 'integer', field: 'traineeId' },
  { name: 'days_attended', type: 'smallint', field: 'daysAttended' },
];

export interface AttendanceWrite {
  courseId: number;
  traineeId: number;
  daysAttended: number;
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

/** Training courses and who attended them, for how many days. */
@Injectable()
export class CoursesRepository {
  constructor(private readonly db: Db) {}

  /** The ids of the people an attendance list names, by code; unknown codes are left out. */
  async findTraineeIds(codes: string[]): Promise<Map<string, number>> {
    const rows: { id: number; code: string }[] = await this.db.rows(
      `SELECT id, code FROM trainees WHERE code = ANY($1::text[])`,
      [codes],
    );
    return new Map(rows.map((row) => [row.code, row.id]));
  }

  async findCourse(code: string): Promise<CourseRecord | null> {
    if (this.db.inTransaction) {
      // Serialises attendance writes to one course; the read below then sees the latest.
      await this.db.rows(`SELECT 1 FROM training_courses WHERE code = $1 FOR UPDATE`, [code]);
    }
    const rows: CourseRecord[] = await this.db.rows(
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
    const [{ total }] = await this.db.rows<{ total: number }>(
      `SELECT count(*)::int AS total FROM training_courses c WHERE ${where.join(' AND ')}`,
      params,
    );
    const rows: CourseRecord[] = await this.db.rows(
      `${COURSE_SELECT} WHERE ${where.join(' AND ')} GROUP BY c.id, a.id
        ORDER BY c.starts_on DESC, c.code
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { rows, total };
  }

  async insertCourse(course: CourseInput): Promise<void> {
    await this.db.rows(
      `INSERT INTO training_courses (${COURSE_NAMES})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [course.code, ...courseFields(course)],
    );
  }

  /** Adds the courses whose code is new; a course already there is left as it stands. */
  async insertMissing(courses: CourseInput[]): Promise<void> {
    const selected = COURSE_WRITES.map((column) =>
      column.type === 'jsonb' ? textArray(column.name) : column.name,
    );
    await inBatches(
      this.db,
      `INSERT INTO training_courses (${COURSE_NAMES})
       SELECT ${selected.join(', ')} FROM ${unnestOf(COURSE_WRITES)} AS c(${COURSE_NAMES})
       ON CONFLICT (code) DO NOTHING`,
      COURSE_WRITES,
      courses.map((course) => ({
        ...bulkRow(COURSE_WRITES, course),
        topics: JSON.stringify(course.topics),
        trainers: JSON.stringify(course.trainers),
      })),
    );
  }

  /** The ids of the courses with these codes; unknown codes are left out. */
  courseIdsByCode(codes: string[]): Promise<Map<string, number>> {
    return idsByCode(this.db, 'training_courses', codes);
  }

  /** Adds the entries of people not yet on their course's list; recorded entries are kept. */
  async addAttendanceWhereNone(entries: AttendanceWrite[]): Promise<void> {
    await inBatches(
      this.db,
      `INSERT INTO training_attendance (${ATTENDANCE_WRITES.map((column) => column.name).join(', ')})
       SELECT * FROM ${unnestOf(ATTENDANCE_WRITES)}
       ON CONFLICT (course_id, trainee_id) DO NOTHING`,
      ATTENDANCE_WRITES,
      entries.map((entry) => bulkRow(ATTENDANCE_WRITES, entry)),
    );
  }

  async updateCourse(id: number, course: CourseInput): Promise<void> {
    await this.db.rows(
      `UPDATE training_courses
          SET title = $2, topics = $3, starts_on = $4, ends_on = $5, venue = $6, organiser = $7,
              trainers = $8, area_id = $9, updated_at = now()
        WHERE id = $1`,
      [id, ...courseFields(course)],
    );
  }

  /** The most days anyone attended the course: a course cannot be shortened below it. */
  async longestAttendance(courseId: number): Promise<number> {
    const [{ days }] = await this.db.rows<{ days: number }>(
      `SELECT coalesce(max(days_attended), 0)::int AS days FROM training_attendance WHERE course_id = $1`,
      [courseId],
    );
    return days;
  }

  /** Sets the days attended of each person given; people not listed keep their entry. */
  async putAttendance(
    courseId: number,
    entries: { traineeId: number; daysAttended: number }[],
  ): Promise<{ created: number; updated: number; unchanged: number }> {
    const rows: { inserted: boolean; changed: boolean }[] = await this.db.rows(
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

  async attendees(courseId: number, startsOn: string): Promise<AttendeeRow[]> {
    return this.db.rows(
      `SELECT json_build_object('code', t.code, 'fullName', t.full_name) AS trainee,
              p.role, CASE WHEN ar.id IS NULL THEN NULL ELSE ${AREA_BRIEF('ar')} END AS area,
              a.days_attended AS "daysAttended"
         FROM training_attendance a
         JOIN trainees t ON t.id = a.trainee_id
         LEFT JOIN trainee_postings p ON p.trainee_id = t.id
          AND ${inForceOn('p', '$2')}
         LEFT JOIN areas ar ON ar.id = p.area_id
        WHERE a.course_id = $1
        ORDER BY t.full_name_folded, t.code`,
      [courseId, startsOn],
    );
  }
}
