import { Injectable } from '@nestjs/common';
import { Db, TraineesRepository, yearEnd, type AreaRow, type TraineeRecord } from '@app/database';
import { foldForSearch, groupsOf, normalizeText, validateRoleLevel, yearOf } from '@app/domain';
import { AreasService } from '../../areas/areas.service.js';
import { ScopeService } from '../../scope/scope.service.js';
import { YearLockChecks } from '../../year-locks/year-lock-checks.service.js';
import { AuditService } from '../../audit/audit.service.js';
import type { Principal } from '../../auth/principal.js';
import { InvalidInputException } from '../../common/app.exception.js';
import type { Page } from '../../common/paging.js';
import { DuplicateTrainingCodeException, TraineeNotFoundException } from '../training.exception.js';
import type {
  CreateTraineeDto,
  PostingDto,
  TraineeDetailView,
  TraineeQuery,
  TraineeView,
  UpdateTraineeDto,
} from './dto/trainee.dto.js';

const today = () => new Date().toISOString().slice(0, 10);

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

/** People to train and where they serve, one effective-dated posting after another. */
@Injectable()
export class TraineesService {
  constructor(
    private readonly db: Db,
    private readonly trainees: TraineesRepository,
    private readonly areas: AreasService,
    private readonly scope: ScopeService,
    private readonly locks: YearLockChecks,
    private readonly audit: AuditService,
  ) {}

  async list(query: TraineeQuery, user: Principal): Promise<Page<TraineeView>> {
    const area = await this.areas.require(query.area, 'area', undefined, query.year);
    await this.scope.assertArea(user, area.id, query.year);
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

  async get(code: string, user: Principal): Promise<TraineeDetailView> {
    const record = await this.requireTrainee(code);
    await this.assertTraineeInScope(user, record);
    const [postings, courses] = await Promise.all([
      this.trainees.postings(record.id),
      this.trainees.coursesOf(record.id),
    ]);
    return { ...traineeView(record), postings, courses };
  }

  async create(dto: CreateTraineeDto, user: Principal): Promise<TraineeDetailView> {
    await this.db.transactional(async () => {
      const area = await this.postingArea(dto.posting, 'posting.', user);
      if (await this.trainees.findTrainee(dto.code)) {
        throw new DuplicateTrainingCodeException('người học', dto.code);
      }
      await this.locks.assertOpenSince([area.id], yearOf(dto.posting.validFrom ?? today()));
      const fullName = normalizeText(dto.fullName);
      const id = await this.trainees.insertTrainee({
        code: dto.code,
        fullName,
        fullNameFolded: foldForSearch(fullName),
        associationMember: dto.associationMember ?? null,
        phone: dto.phone ?? null,
      });
      await this.trainees.startPosting(id, {
        areaId: area.id,
        role: dto.posting.role,
        validFrom: dto.posting.validFrom ?? today(),
      });
      await this.audit.record(user, {
        action: 'create',
        entity: 'trainee',
        entityCode: dto.code,
        areaId: area.id,
        after: dto,
      });
    });
    return this.get(dto.code, user);
  }

  async update(code: string, dto: UpdateTraineeDto, user: Principal): Promise<TraineeDetailView> {
    await this.db.transactional(async () => {
      const record = await this.requireTrainee(code);
      await this.assertTraineeInScope(user, record);
      // Membership decides the group a person counts in, for every year of the current post.
      if (
        record.posting &&
        dto.associationMember !== undefined &&
        dto.associationMember !== record.associationMember
      )
        await this.locks.assertOpenSince([record.posting.areaId], yearOf(record.posting.validFrom));
      const fullName = dto.fullName === undefined ? record.fullName : normalizeText(dto.fullName);
      const changes = {
        fullName,
        fullNameFolded: foldForSearch(fullName),
        associationMember:
          dto.associationMember === undefined ? record.associationMember : dto.associationMember,
        phone: dto.phone === undefined ? record.phone : dto.phone,
      };
      await this.trainees.updateTrainee(record.id, changes);
      await this.audit.record(user, {
        action: 'update',
        entity: 'trainee',
        entityCode: code,
        areaId: record.posting?.areaId ?? null,
        before: traineeView(record),
        after: dto,
      });
    });
    return this.get(code, user);
  }

  /**
   * A new post or a move: the current posting ends the day before. Recorded by someone whose
   * scope holds both the place the person leaves and the one they go to (the district's
   * association for a move between communes); a person outside the caller's scope is not found.
   */
  async startPosting(code: string, dto: PostingDto, user: Principal): Promise<TraineeDetailView> {
    await this.db.transactional(async () => {
      const record = await this.requireTrainee(code);
      await this.assertTraineeInScope(user, record);
      const area = await this.postingArea(dto, '', user);
      const validFrom = dto.validFrom ?? today();
      // A posting decides where the person counts in every year from its first day on.
      await this.locks.assertOpenSince(
        record.posting ? [record.posting.areaId, area.id] : [area.id],
        yearOf(validFrom),
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
      await this.trainees.startPosting(record.id, {
        areaId: area.id,
        role: dto.role,
        validFrom,
      });
      await this.audit.record(user, {
        action: 'posting',
        entity: 'trainee',
        entityCode: code,
        areaId: area.id,
        before: record.posting,
        after: { ...dto, validFrom },
      });
    });
    return this.get(code, user);
  }

  private async requireTrainee(code: string): Promise<TraineeRecord> {
    const record = await this.trainees.findTrainee(code);
    if (!record) throw new TraineeNotFoundException(code);
    return record;
  }

  /** A person is seen where they serve (or last served); elsewhere they are not found. */
  private async assertTraineeInScope(user: Principal, record: TraineeRecord): Promise<void> {
    const visible = record.posting
      ? await this.scope.covers(user, record.posting.areaId, undefined)
      : user.scopeAreaId === null;
    if (!visible) throw new TraineeNotFoundException(record.code);
  }

  private async postingArea(
    posting: PostingDto,
    prefix: string,
    user: Principal,
  ): Promise<AreaRow> {
    const field = `${prefix}areaCode`;
    const area = await this.areas.require(posting.areaCode, field, undefined, undefined);
    const problems = validateRoleLevel(posting.role, area.level, `${prefix}role`);
    if (problems.length > 0) throw InvalidInputException.fromProblems(problems, 'INVALID_POSTING');
    await this.scope.assertArea(user, area.id, undefined);
    return area;
  }
}
