import { Injectable } from '@nestjs/common';
import { Db, AreasRepository, CoursesRepository, type CourseRecord } from '@app/database';
import {
  courseDays,
  normalizeText,
  validateAttendanceDays,
  validateCourseDates,
  yearOf,
  type Problem,
} from '@app/domain';
import { AreasService } from '../../areas/areas.service.js';
import { ScopeService } from '../../scope/scope.service.js';
import { YearLockChecks } from '../../year-locks/year-lock-checks.service.js';
import { AuditService } from '../../audit/audit.service.js';
import type { Principal } from '../../auth/principal.js';
import { InvalidInputException } from '../../common/app.exception.js';
import type { Page } from '../../common/paging.js';
import {
  CourseNotFoundException,
  DuplicateTrainingCodeException,
  UnknownTraineesException,
} from '../training.exception.js';
import type {
  CourseDetailView,
  CourseQuery,
  CourseView,
  CreateCourseDto,
  PutAttendanceDto,
  UpdateCourseDto,
} from './dto/course.dto.js';

function courseView(record: CourseRecord): CourseView {
  const { id: _id, areaId: _areaId, ...view } = record;
  return { ...view, days: courseDays(record.startsOn, record.endsOn) };
}

/** Training courses, and the days each person attended them. */
@Injectable()
export class CoursesService {
  constructor(
    private readonly db: Db,
    private readonly courses: CoursesRepository,
    private readonly areaRows: AreasRepository,
    private readonly areas: AreasService,
    private readonly scope: ScopeService,
    private readonly locks: YearLockChecks,
    private readonly audit: AuditService,
  ) {}

  async list(query: CourseQuery, user: Principal): Promise<Page<CourseView>> {
    const area = await this.areas.require(query.area, 'area', undefined, query.year);
    await this.scope.assertArea(user, area.id, query.year);
    const { rows, total } = await this.courses.listCourses({
      areaIds: await this.areaRows.visibleFrom(area.id),
      year: query.year,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return { items: rows.map(courseView), page: query.page, pageSize: query.pageSize, total };
  }

  async get(code: string, user: Principal): Promise<CourseDetailView> {
    const course = await this.requireCourse(code);
    await this.assertCourseVisible(user, course);
    const attendees = await this.courses.attendees(course.id, course.startsOn);
    return { ...courseView(course), attendees };
  }

  async create(dto: CreateCourseDto, user: Principal): Promise<CourseDetailView> {
    await this.db.transactional(async () => {
      const input = await this.courseInput(dto, user);
      if (await this.courses.findCourse(dto.code)) {
        throw new DuplicateTrainingCodeException('lớp tập huấn', dto.code);
      }
      await this.locks.assertYearOpen(input.areaId, yearOf(input.startsOn));
      await this.courses.insertCourse({ code: dto.code, ...input });
      await this.audit.record(user, {
        action: 'create',
        entity: 'course',
        entityCode: dto.code,
        areaId: input.areaId,
        after: dto,
      });
    });
    return this.get(dto.code, user);
  }

  async update(code: string, dto: UpdateCourseDto, user: Principal): Promise<CourseDetailView> {
    await this.db.transactional(async () => {
      const course = await this.requireCourse(code);
      await this.assertCourseManaged(user, course);
      const input = await this.courseInput(dto, user);
      await this.locks.assertYearOpen(course.areaId, yearOf(course.startsOn));
      await this.locks.assertYearOpen(input.areaId, yearOf(input.startsOn));
      const longest = await this.courses.longestAttendance(course.id);
      const days = courseDays(input.startsOn, input.endsOn);
      if (longest > days) {
        throw new InvalidInputException([
          {
            field: 'endsOn',
            code: 'COURSE_SHORTER_THAN_ATTENDANCE',
            message: `endsOn: lớp ${days} ngày ngắn hơn số ngày đã ghi nhận cho học viên (${longest} ngày); sửa điểm danh trước`,
          },
        ]);
      }
      await this.courses.updateCourse(course.id, { code, ...input });
      await this.audit.record(user, {
        action: 'update',
        entity: 'course',
        entityCode: code,
        areaId: input.areaId,
        before: courseView(course),
        after: dto,
      });
    });
    return this.get(code, user);
  }

  /** Sets the days each listed person attended; all entries are written or none. */
  async putAttendance(
    code: string,
    dto: PutAttendanceDto,
    user: Principal,
  ): Promise<{ created: number; updated: number; unchanged: number }> {
    return this.db.transactional(async () => {
      const course = await this.requireCourse(code);
      await this.assertCourseManaged(user, course);
      await this.locks.assertYearOpen(course.areaId, yearOf(course.startsOn));
      const days = courseDays(course.startsOn, course.endsOn);
      const problems: Problem[] = [];
      const seen = new Set<string>();
      dto.entries.forEach((entry, index) => {
        const field = `entries[${index}]`;
        if (seen.has(entry.traineeCode)) {
          problems.push({
            field: `${field}.traineeCode`,
            code: 'DUPLICATE_ENTRY',
            message: `"${entry.traineeCode}" có mặt hai lần trong danh sách`,
          });
        }
        seen.add(entry.traineeCode);
        problems.push(...validateAttendanceDays(entry.daysAttended, days, `${field}.daysAttended`));
      });
      if (problems.length > 0)
        throw InvalidInputException.fromProblems(problems, 'INVALID_ATTENDANCE');
      const ids = await this.courses.findTraineeIds([...seen]);
      const unknown = dto.entries.flatMap((entry, index) =>
        ids.has(entry.traineeCode) ? [] : [{ index, code: entry.traineeCode }],
      );
      if (unknown.length > 0) throw new UnknownTraineesException(unknown);
      const result = await this.courses.putAttendance(
        course.id,
        dto.entries.map((entry) => ({
          traineeId: ids.get(entry.traineeCode) as number,
          daysAttended: entry.daysAttended,
        })),
      );
      await this.audit.record(user, {
        action: 'attendance',
        entity: 'course',
        entityCode: code,
        areaId: course.areaId,
        after: { entries: dto.entries, ...result },
      });
      return result;
    });
  }

  private async requireCourse(code: string): Promise<CourseRecord> {
    const course = await this.courses.findCourse(code);
    if (!course) throw new CourseNotFoundException(code);
    return course;
  }

  /** Visible to those whose scope holds the course's area, or lies under it. */
  private async assertCourseVisible(user: Principal, course: CourseRecord): Promise<void> {
    if (user.scopeAreaId === null) return;
    const visible = await this.areaRows.visibleFrom(user.scopeAreaId);
    if (!visible.includes(course.areaId)) throw new CourseNotFoundException(course.code);
  }

  /** Changed by those whose scope holds the course's area; unknown to those it is hidden from. */
  private async assertCourseManaged(user: Principal, course: CourseRecord): Promise<void> {
    if (await this.scope.covers(user, course.areaId, undefined)) return;
    await this.assertCourseVisible(user, course);
    await this.scope.assertArea(user, course.areaId, undefined);
  }

  private async courseInput(dto: UpdateCourseDto, user: Principal) {
    const problems = validateCourseDates(dto.startsOn, dto.endsOn);
    if (problems.length > 0) throw InvalidInputException.fromProblems(problems, 'INVALID_COURSE');
    const area = await this.areas.require(dto.areaCode, 'areaCode', undefined, undefined);
    await this.scope.assertArea(user, area.id, undefined);
    return {
      title: normalizeText(dto.title),
      topics: (dto.topics ?? []).map(normalizeText),
      startsOn: dto.startsOn,
      endsOn: dto.endsOn,
      venue: dto.venue ? normalizeText(dto.venue) : null,
      organiser: normalizeText(dto.organiser),
      trainers: (dto.trainers ?? []).map(normalizeText),
      areaId: area.id,
    };
  }
}
