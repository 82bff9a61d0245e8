import { Injectable } from '@nestjs/common';
import { Db, AreasRepository, yearEnd, type AreaContextRow, type AreaRow } from '@app/database';
import {
  AREA_LEVEL_DEPTH,
  foldForSearch,
  normalizeText,
  yearOf,
  type AreaLevel,
} from '@app/domain';
import type {
  AreaDetailView,
  AreaQuery,
  AreaView,
  CreateAreaDto,
  TransferAreaDto,
} from './dto/area.dto.js';
import { outOfScope, ScopeService } from '../scope/scope.service.js';
import { YearLockChecks } from '../year-locks/year-lock-checks.service.js';
import { AuditService } from '../audit/audit.service.js';
import { ForbiddenException } from '../auth/auth.exception.js';
import type { Principal } from '../auth/principal.js';
import {
  AreaCodeTakenException,
  AreaHierarchyException,
  AreaLevelMismatchException,
  AreaNotFoundException,
  AreaNotInForceException,
  LEVEL_LABELS,
} from './areas.exception.js';

function dayBefore(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

function inForce(area: AreaRow, date: string): boolean {
  return area.validFrom <= date && (area.validTo === null || area.validTo >= date);
}

function toView({ id: _id, ...area }: AreaRow): AreaView {
  return area;
}

const today = () => new Date().toISOString().slice(0, 10);

@Injectable()
export class AreasService {
  constructor(
    private readonly db: Db,
    private readonly areas: AreasRepository,
    private readonly scope: ScopeService,
    private readonly locks: YearLockChecks,
    private readonly audit: AuditService,
  ) {}

  async list(query: AreaQuery, user: Principal): Promise<AreaView[]> {
    const rows = await this.areas.list({
      ids: user.scopeAreaId === null ? undefined : await this.areas.visibleFrom(user.scopeAreaId),
      level: query.level,
      parentCode: query.parent,
      date: query.year === undefined ? undefined : yearEnd(query.year),
      q: query.q === undefined ? undefined : foldForSearch(query.q),
    });
    return rows.map(toView);
  }

  async get(code: string, year: number | undefined, user: Principal): Promise<AreaDetailView> {
    const {
      ancestry,
      lockedBy: _lockedBy,
      ...area
    } = await this.context(code, 'code', year === undefined ? today() : yearEnd(year));
    if (
      user.scopeAreaId !== null &&
      !(await this.areas.visibleFrom(user.scopeAreaId)).includes(area.id)
    ) {
      throw new ForbiddenException(`Địa bàn "${code}" nằm ngoài phạm vi được giao`, 'OUT_OF_SCOPE');
    }
    const [parents, predecessors, successors] = await Promise.all([
      this.areas.parentHistory(area.id),
      this.areas.predecessorsOf(area.id),
      this.areas.successorsOf(area.id),
    ]);
    return {
      ...toView(area),
      ancestors: ancestry
        .slice(1)
        .map(({ code: ancestorCode, name, level }) => ({ code: ancestorCode, name, level })),
      parents,
      predecessors,
      successors,
    };
  }

  /** The area with this code, placed as it stood at the end of `year` (today when not given). */
  async require(code: string, field: string, level?: AreaLevel, year?: number): Promise<AreaRow> {
    const area = await this.areas.findByCode(code, year === undefined ? undefined : yearEnd(year));
    if (!area) throw new AreaNotFoundException(code, field);
    if (level && area.level !== level) {
      throw new AreaLevelMismatchException(
        field,
        code,
        LEVEL_LABELS[level],
        LEVEL_LABELS[area.level],
      );
    }
    return area;
  }

  /**
   * The area with this code, its parent and ancestry as they stood on `date` (today when not
   * given), for callers that judge the scope themselves.
   */
  async context(code: string, field: string, date = today()): Promise<AreaContextRow> {
    const area = await this.areas.context(code, date, null);
    if (!area) throw new AreaNotFoundException(code, field);
    return area;
  }

  /** The area a field optionally names (a scope), or null when it names none. */
  async optional(code: string | undefined, field: string): Promise<AreaRow | null> {
    return code ? this.require(code, field, undefined, undefined) : null;
  }

  /** Like `require`, and refuses an area that no longer (or not yet) exists at the end of `year`. */
  async requireInForce(
    code: string,
    field: string,
    year: number,
    level?: AreaLevel,
  ): Promise<AreaRow> {
    const area = await this.require(code, field, level, year);
    if (!inForce(area, yearEnd(year))) throw new AreaNotInForceException(code, year);
    return area;
  }

  /** Codes from the area up to the top as they stood at the end of `year`, most specific first. */
  async chainCodes(areaId: number, year: number): Promise<AreaRow[]> {
    return this.areas.ancestry(areaId, yearEnd(year));
  }

  async create(dto: CreateAreaDto, user: Principal): Promise<AreaDetailView> {
    await this.db.transactional(async () => {
      if (await this.areas.findByCode(dto.code, undefined))
        throw new AreaCodeTakenException(dto.code);
      if (dto.validTo && dto.validTo < dto.validFrom) {
        throw new AreaHierarchyException('validTo', 'ngày kết thúc trước ngày bắt đầu');
      }
      const parent = await this.parentFor(dto.level, dto.parentCode, dto.validFrom);
      // A new hamlet is a community to count, and a new commune holds places, from its first day.
      if (parent) await this.locks.assertOpenSince([parent.id], yearOf(dto.validFrom));
      const name = normalizeText(dto.name);
      const areaId = await this.areas.insert({
        code: dto.code,
        name,
        nameFolded: foldForSearch(name),
        level: dto.level,
        typeLabel: normalizeText(dto.typeLabel),
        difficult: dto.difficult ?? false,
        validFrom: dto.validFrom,
        validTo: dto.validTo ?? null,
        note: dto.note ?? null,
      });
      if (parent) {
        if (!this.scope.holds(user, parent.ancestry)) throw outOfScope(user);
        await this.areas.addParent({
          areaId,
          parentId: parent.id,
          validFrom: dto.validFrom,
          validTo: dto.validTo,
        });
      }
      await this.audit.record(user, {
        action: 'create',
        entity: 'area',
        entityCode: dto.code,
        areaId,
        after: dto,
      });
      for (const [index, predecessor] of (dto.predecessors ?? []).entries()) {
        await this.succeed(areaId, dto, predecessor, `predecessors[${index}].code`);
      }
    });
    return this.get(dto.code, undefined, user);
  }

  async transfer(code: string, dto: TransferAreaDto, user: Principal): Promise<AreaDetailView> {
    await this.db.transactional(async () => {
      const area = await this.scope.resolve(user, code, { field: 'code' });
      if (area.level === 'province')
        throw new AreaHierarchyException('code', 'không thể chuyển cấp tỉnh');
      if (!inForce(area, dto.effectiveOn))
        throw new AreaHierarchyException(
          'effectiveOn',
          `địa bàn "${code}" không còn hiệu lực vào ngày này`,
        );
      const parent = await this.parentFor(area.level, dto.parentCode, dto.effectiveOn);
      if (!parent) throw new AreaHierarchyException('parentCode', 'cần địa bàn cấp trên');
      await this.locks.assertOpenSince([area.id, parent.id], yearOf(dto.effectiveOn));
      const current = await this.areas.findById(area.id, dto.effectiveOn);
      if (current?.parentCode === dto.parentCode) {
        throw new AreaHierarchyException(
          'parentCode',
          `"${code}" đã thuộc "${dto.parentCode}" vào ngày ${dto.effectiveOn}`,
        );
      }
      await this.areas.endParentLink(area.id, dayBefore(dto.effectiveOn));
      await this.areas.addParent({
        areaId: area.id,
        parentId: parent.id,
        validFrom: dto.effectiveOn,
        validTo: area.validTo,
        note: dto.note ?? null,
      });
      await this.audit.record(user, {
        action: 'transfer',
        entity: 'area',
        entityCode: code,
        areaId: area.id,
        before: { parentCode: current?.parentCode ?? null },
        after: dto,
      });
    });
    return this.get(code, undefined, user);
  }

  private async parentFor(
    level: AreaLevel,
    parentCode: string | undefined,
    date: string,
  ): Promise<AreaContextRow | null> {
    if (level === 'province') {
      if (parentCode)
        throw new AreaHierarchyException('parentCode', 'cấp tỉnh không có địa bàn cấp trên');
      return null;
    }
    if (!parentCode) throw new AreaHierarchyException('parentCode', 'cần mã địa bàn cấp trên');
    const parent = await this.context(parentCode, 'parentCode');
    // A commune may sit directly under its province (no district level since 01/07/2025).
    if (AREA_LEVEL_DEPTH[parent.level] >= AREA_LEVEL_DEPTH[level]) {
      throw new AreaHierarchyException(
        'parentCode',
        `cấp ${LEVEL_LABELS[parent.level]} không thể chứa cấp ${LEVEL_LABELS[level]}`,
      );
    }
    if (!inForce(parent, date)) {
      throw new AreaHierarchyException(
        'parentCode',
        `địa bàn "${parentCode}" không có hiệu lực vào ngày ${date}`,
      );
    }
    return parent;
  }

  /** Links a predecessor; when it ends, its children move under the successor from the same day. */
  private async succeed(
    successorId: number,
    dto: CreateAreaDto,
    predecessor: NonNullable<CreateAreaDto['predecessors']>[number],
    field: string,
  ): Promise<void> {
    const previous = await this.require(predecessor.code, field, undefined, undefined);
    if (previous.level !== dto.level) {
      throw new AreaHierarchyException(
        field,
        `"${predecessor.code}" không cùng cấp với địa bàn mới`,
      );
    }
    if (!inForce(previous, dayBefore(dto.validFrom))) {
      throw new AreaHierarchyException(
        field,
        `"${predecessor.code}" không còn hiệu lực trước ngày ${dto.validFrom}`,
      );
    }
    await this.areas.addSuccession({
      predecessorId: previous.id,
      successorId,
      effectiveOn: dto.validFrom,
      change: predecessor.change,
      note: dto.note ?? null,
    });
    const ends = predecessor.ends ?? predecessor.change !== 'split';
    if (!ends) return;
    await this.locks.assertOpenSince([previous.id, successorId], yearOf(dto.validFrom));
    const children = await this.areas.childrenAt(previous.id, dto.validFrom);
    await this.areas.endArea(previous.id, dayBefore(dto.validFrom));
    for (const childId of children) {
      await this.areas.endParentLink(childId, dayBefore(dto.validFrom));
      await this.areas.addParent({
        areaId: childId,
        parentId: successorId,
        validFrom: dto.validFrom,
      });
    }
  }
}
