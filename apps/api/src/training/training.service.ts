import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  assessTraining,
  courseDays,
  foldForSearch,
  groupsOf,
  normalizeText,
  resolveTrainingTargets,
  TRAINEE_GROUPS,
  validateAttendanceDays,
  validateCourseDates,
  validateRoleLevel,
  yearOf,
  type Problem,
  type TraineeGroup,
  type TrainingCounts,
  type TrainingProgress,
} from '@app/domain';
import {
  AreasRepository,
  CoursesRepository,
  TargetsRepository,
  TraineesRepository,
  TrainingProgressRepository,
  yearEnd,
  type AreaRow,
  type CourseRecord,
  type TraineeRecord,
} from '@app/database';
import { AreasService } from '../areas/areas.service.js';
import { AccessService } from '../auth/access.service.js';
import type { Principal } from '../auth/principal.js';
import { InvalidInputException } from '../common/app.exception.js';
import type { Page } from '../common/paging.js';
import type { ProgressQuery } from '../progress/dto/progress.dto.js';
import { brief } from '../progress/progress.service.js';
import {
  CourseNotFoundException,
  DuplicateTrainingCodeException,
  TraineeNotFoundException,
  UnknownTraineesException,
} from './training.exception.js';
import type { TrainingProgressView } from '@app/contracts';
import type {
  CourseDetailView,
  CourseQuery,
  CourseView,
  CreateCourseDto,
  PutAttendanceDto,
  UpdateCourseDto,
} from './courses/dto/course.dto.js';
import type {
  CreateTraineeDto,
  PostingDto,
  TraineeDetailView,
  TraineeQuery,
  TraineeView,
  UpdateTraineeDto,
} from './people/dto/trainee.dto.js';

const today = () => new Date().toISOString().slice(0, 10);

const NO_COUNTS: TrainingCounts = {
  total: 0,
  trainedInYear: 0,
  trainedInPeriod: 0,
  partialOnly: 0,
};

function traineeView(record: TraineeRecord): TraineeView {
  const { posting } = record;
  return {
    code: record.code,
    fullName: record.fullName,
    associationMember: record.associationMember,
    phone: record.phone,
    posting: posting && {
      area: posting.area,
      role: posting.role,
      validFrom: posting.validFrom,
      validTo: posting.validTo,
    },
    groups: posting ? groupsOf(posting.role, record.associationMember) : [],
  };
}

function courseView(record: CourseRecord): CourseView {
  const { id: _id, areaId: _areaId, ...view } = record;
  return { ...view, days: courseDays(record.startsOn, record.endsOn) };
}

/** People to train, the courses they attend, and the trained share of each group. */
@Injectable()
export class TrainingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trainees: TraineesRepository,
    private readonly courses: CoursesRepository,
    private readonly counts: TrainingProgressRepository,
    private readonly areaRows: AreasRepository,
    private readonly targets: TargetsRepository,
    private readonly areas: AreasService,
    private readonly access: AccessService,
  ) {}

  async listTrainees(query: TraineeQuery, user: Principal): Promise<Page<TraineeView>> {
    const area = await this.areaInScope(query, user);
    const on = query.year === undefined ? today() : yearEnd(query.year);
    const { rows, total } = await this.trainees.listTrainees({
      placeIds: await this.trainees.placesUnder(area.id, on),
      on,
      folded: query.q ? foldForSearch(query.q) : undefined,
      role: query.role,
      group: query.group,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return { items: rows.map(traineeView), page: query.page, pageSize: query.pageSize, total };
  }

  async getTrainee(code: string, user: Principal): Promise<TraineeDetailView> {
    const record = await this.requireTrainee(code);
    await this.assertTraineeInScope(user, record);
    const [postings, courses] = await Promise.all([
      this.trainees.postings(record.id),
      this.trainees.coursesOf(record.id),
    ]);
    return { ...traineeView(record), postings, courses };
  }

  async createTrainee(dto: CreateTraineeDto, user: Principal): Promise<TraineeDetailView> {
    await this.dataSource.transaction(async (manager) => {
      const area = await this.postingArea(dto.posting, 'posting.', user, manager);
      if (await this.trainees.findTrainee(dto.code, manager)) {
        throw new DuplicateTrainingCodeException('người học', dto.code);
      }
      await this.access.assertOpenSince(
        [area.id],
        yearOf(dto.posting.validFrom ?? today()),
        manager,
      );
      const fullName = normalizeText(dto.fullName);
      const id = await this.trainees.insertTrainee(manager, {
        code: dto.code,
        fullName,
        fullNameFolded: foldForSearch(fullName),
        associationMember: dto.associationMember ?? null,
        phone: dto.phone ?? null,
      });
      await this.trainees.startPosting(manager, id, {
        areaId: area.id,
        role: dto.posting.role,
        validFrom: dto.posting.validFrom ?? today(),
      });
      await this.access.audit(manager, user, {
        action: 'create',
        entity: 'trainee',
        entityCode: dto.code,
        areaId: area.id,
        after: dto,
      });
    });
    return this.getTrainee(dto.code, user);
  }

  async updateTrainee(
    code: string,
    dto: UpdateTraineeDto,
    user: Principal,
  ): Promise<TraineeDetailView> {
    await this.dataSource.transaction(async (manager) => {
      const record = await this.requireTrainee(code, manager);
      await this.assertTraineeInScope(user, record, manager);
      // Membership decides the group a person counts in, for every year of the current post.
      if (
        record.posting &&
        dto.associationMember !== undefined &&
        dto.associationMember !== record.associationMember
      )
        await this.access.assertOpenSince(
          [record.posting.areaId],
          yearOf(record.posting.validFrom),
          manager,
        );
      const fullName = dto.fullName === undefined ? record.fullName : normalizeText(dto.fullName);
      const changes = {
        fullName,
        fullNameFolded: foldForSearch(fullName),
        associationMember:
          dto.associationMember === undefined ? record.associationMember : dto.associationMember,
        phone: dto.phone === undefined ? record.phone : dto.phone,
      };
      await this.trainees.updateTrainee(manager, record.id, changes);
      await this.access.audit(manager, user, {
        action: 'update',
        entity: 'trainee',
        entityCode: code,
        areaId: record.posting?.areaId ?? null,
        before: traineeView(record),
        after: dto,
      });
    });
    return this.getTrainee(code, user);
  }

  /**
   * A new post or a move: the current posting ends the day before. Recorded by someone whose
   * scope holds both the place the person leaves and the one they go to (the district's
   * association for a move between communes); a person outside the caller's scope is not found.
   */
  async startPosting(code: string, dto: PostingDto, user: Principal): Promise<TraineeDetailView> {
    await this.dataSource.transaction(async (manager) => {
      const record = await this.requireTrainee(code, manager);
      await this.assertTraineeInScope(user, record, manager);
      const area = await this.postingArea(dto, '', user, manager);
      const validFrom = dto.validFrom ?? today();
      // A posting decides where the person counts in every year from its first day on.
      await this.access.assertOpenSince(
        record.posting ? [record.posting.areaId, area.id] : [area.id],
        yearOf(validFrom),
        manager,
      );
      const current = record.posting?.validTo === null ? record.posting : null;
      if (current && validFrom <= current.validFrom) {
        throw new InvalidInputException([
          {
            field: 'validFrom',
            code: 'POSTING_BEFORE_CURRENT',
            message: `validFrom: phải sau ngày bắt đầu vị trí hiện tại (${current.validFrom})`,
          },
        ]);
      }
      await this.trainees.startPosting(manager, record.id, {
        areaId: area.id,
        role: dto.role,
        validFrom,
      });
      await this.access.audit(manager, user, {
        action: 'posting',
        entity: 'trainee',
        entityCode: code,
        areaId: area.id,
        before: record.posting,
        after: { ...dto, validFrom },
      });
    });
    return this.getTrainee(code, user);
  }

  async listCourses(query: CourseQuery, user: Principal): Promise<Page<CourseView>> {
    const area = await this.areaInScope(query, user);
    const { rows, total } = await this.courses.listCourses({
      areaIds: await this.areaRows.visibleFrom(area.id),
      year: query.year,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return { items: rows.map(courseView), page: query.page, pageSize: query.pageSize, total };
  }

  async getCourse(code: string, user: Principal): Promise<CourseDetailView> {
    const course = await this.requireCourse(code);
    await this.assertCourseVisible(user, course);
    const attendees = await this.courses.attendees(course.id, course.startsOn);
    return { ...courseView(course), attendees };
  }

  async createCourse(dto: CreateCourseDto, user: Principal): Promise<CourseDetailView> {
    await this.dataSource.transaction(async (manager) => {
      const input = await this.courseInput(dto, user, manager);
      if (await this.courses.findCourse(dto.code, manager)) {
        throw new DuplicateTrainingCodeException('lớp tập huấn', dto.code);
      }
      await this.access.assertYearOpen(input.areaId, yearOf(input.startsOn), manager);
      await this.courses.insertCourse(manager, { code: dto.code, ...input });
      await this.access.audit(manager, user, {
        action: 'create',
        entity: 'course',
        entityCode: dto.code,
        areaId: input.areaId,
        after: dto,
      });
    });
    return this.getCourse(dto.code, user);
  }

  async updateCourse(
    code: string,
    dto: UpdateCourseDto,
    user: Principal,
  ): Promise<CourseDetailView> {
    await this.dataSource.transaction(async (manager) => {
      const course = await this.requireCourse(code, manager);
      await this.assertCourseManaged(user, course, manager);
      const input = await this.courseInput(dto, user, manager);
      await this.access.assertYearOpen(course.areaId, yearOf(course.startsOn), manager);
      await this.access.assertYearOpen(input.areaId, yearOf(input.startsOn), manager);
      const longest = await this.courses.longestAttendance(manager, course.id);
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
      await this.courses.updateCourse(manager, course.id, { code, ...input });
      await this.access.audit(manager, user, {
        action: 'update',
        entity: 'course',
        entityCode: code,
        areaId: input.areaId,
        before: courseView(course),
        after: dto,
      });
    });
    return this.getCourse(code, user);
  }

  /** Sets the days each listed person attended; all entries are written or none. */
  async putAttendance(
    code: string,
    dto: PutAttendanceDto,
    user: Principal,
  ): Promise<{ created: number; updated: number; unchanged: number }> {
    return this.dataSource.transaction(async (manager) => {
      const course = await this.requireCourse(code, manager);
      await this.assertCourseManaged(user, course, manager);
      await this.access.assertYearOpen(course.areaId, yearOf(course.startsOn), manager);
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
      const ids = await this.courses.findTraineeIds([...seen], manager);
      const unknown = dto.entries.flatMap((entry, index) =>
        ids.has(entry.traineeCode) ? [] : [{ index, code: entry.traineeCode }],
      );
      if (unknown.length > 0) throw new UnknownTraineesException(unknown);
      const result = await this.courses.putAttendance(
        manager,
        course.id,
        dto.entries.map((entry) => ({
          traineeId: ids.get(entry.traineeCode) as number,
          daysAttended: entry.daysAttended,
        })),
      );
      await this.access.audit(manager, user, {
        action: 'attendance',
        entity: 'course',
        entityCode: code,
        areaId: course.areaId,
        after: { entries: dto.entries, ...result },
      });
      return result;
    });
  }

  /**
   * The share of each group trained, per commune and for the area, against the training targets
   * of the plan in force. The plan period is the area's: its first year bounds "trained in the period".
   */
  async progress(query: ProgressQuery, user?: Principal): Promise<TrainingProgressView> {
    const area = await this.areas.requireInForce(query.area, 'area', query.year);
    if (user) await this.access.assertArea(user, area.id, query.year);
    const [chain, plans] = await Promise.all([
      this.areas.chainCodes(area.id, query.year),
      this.targets.list(),
    ]);
    const upward = chain.map((a) => a.code);
    const resolved = resolveTrainingTargets(plans, query.year, upward);
    const periodFrom = resolved.periodFrom ?? query.year;
    const { rows, counts } = await this.counts.countsByCommune(area.id, query.year, periodFrom);
    const assess = (
      rowId: number | null,
      targets: Record<TraineeGroup, TrainingProgress['target']>,
    ): Record<TraineeGroup, TrainingProgress> =>
      Object.fromEntries(
        TRAINEE_GROUPS.map((group) => {
          const found = counts.find((count) => count.group === group && count.rowId === rowId);
          return [group, assessTraining(found ?? NO_COUNTS, targets[group])];
        }),
      ) as Record<TraineeGroup, TrainingProgress>;
    const collator = new Intl.Collator('vi', { numeric: true });
    return {
      area: brief(area),
      year: query.year,
      periodFrom,
      rows: [...rows]
        .sort((a, b) => collator.compare(a.name, b.name))
        .map((row) => ({
          area: brief(row),
          groups: assess(
            row.id,
            row.id === area.id
              ? resolved.targets
              : resolveTrainingTargets(plans, query.year, [...row.path, ...upward]).targets,
          ),
        })),
      total: assess(null, resolved.targets),
    };
  }

  /** The area a list is asked for, refused outside the caller's scope. */
  private async areaInScope(
    query: { area: string; year?: number },
    user: Principal,
  ): Promise<AreaRow> {
    const area = await this.areas.require(query.area, 'area', undefined, query.year);
    await this.access.assertArea(user, area.id, query.year);
    return area;
  }

  private async requireTrainee(code: string, manager?: EntityManager): Promise<TraineeRecord> {
    const record = await this.trainees.findTrainee(code, manager);
    if (!record) throw new TraineeNotFoundException(code);
    return record;
  }

  private async requireCourse(code: string, manager?: EntityManager): Promise<CourseRecord> {
    const course = await this.courses.findCourse(code, manager);
    if (!course) throw new CourseNotFoundException(code);
    return course;
  }

  /** A person is seen where they serve (or last served); elsewhere they are not found. */
  private async assertTraineeInScope(
    user: Principal,
    record: TraineeRecord,
    manager?: EntityManager,
  ): Promise<void> {
    const visible = record.posting
      ? await this.access.covers(user, record.posting.areaId, undefined, manager)
      : user.scopeAreaId === null;
    if (!visible) throw new TraineeNotFoundException(record.code);
  }

  /** Visible to those whose scope holds the course's area, or lies under it. */
  private async assertCourseVisible(user: Principal, course: CourseRecord): Promise<void> {
    if (user.scopeAreaId === null) return;
    const visible = await this.areaRows.visibleFrom(user.scopeAreaId);
    if (!visible.includes(course.areaId)) throw new CourseNotFoundException(course.code);
  }

  /** Changed by those whose scope holds the course's area; unknown to those it is hidden from. */
  private async assertCourseManaged(
    user: Principal,
    course: CourseRecord,
    manager: EntityManager,
  ): Promise<void> {
    if (await this.access.covers(user, course.areaId, undefined, manager)) return;
    await this.assertCourseVisible(user, course);
    await this.access.assertArea(user, course.areaId, undefined, manager);
  }

  private async postingArea(
    posting: PostingDto,
    prefix: string,
    user: Principal,
    manager: EntityManager,
  ): Promise<AreaRow> {
    const field = `${prefix}areaCode`;
    const area = await this.areas.require(posting.areaCode, field, undefined, undefined, manager);
    const problems = validateRoleLevel(posting.role, area.level, `${prefix}role`);
    if (problems.length > 0) throw InvalidInputException.fromProblems(problems, 'INVALID_POSTING');
    await this.access.assertArea(user, area.id, undefined, manager);
    return area;
  }

  private async courseInput(dto: UpdateCourseDto, user: Principal, manager: EntityManager) {
    const problems = validateCourseDates(dto.startsOn, dto.endsOn);
    if (problems.length > 0) throw InvalidInputException.fromProblems(problems, 'INVALID_COURSE');
    const area = await this.areas.require(dto.areaCode, 'areaCode', undefined, undefined, manager);
    await this.access.assertArea(user, area.id, undefined, manager);
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
