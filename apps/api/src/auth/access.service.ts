import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { yearsSince, type ClosedYear } from '@app/domain';
import { AccessRepository, AreasRepository, yearEnd, type AuditEntry } from '@app/database';
import { ConflictException } from '../common/app.exception.js';
import { ForbiddenException } from './auth.exception.js';
import type { Principal } from './principal.js';

export class YearLockedException extends ConflictException {
  constructor(areaCode: string, year: number) {
    super(
      'YEAR_LOCKED',
      `Năm ${year} của "${areaCode}" đã khóa sổ; cần mở lại (có lý do) trước khi thay đổi`,
    );
  }
}

const today = () => new Date().toISOString().slice(0, 10);

/** Area scope, year locks and the audit trail: the checks every feature makes before it writes. */
@Injectable()
export class AccessService {
  constructor(
    private readonly areas: AreasRepository,
    private readonly access: AccessRepository,
  ) {}

  /** Whether the area lies in the caller's subtree, the hierarchy taken as it stood in `year`. */
  async covers(
    user: Principal,
    areaId: number,
    year?: number,
    manager?: EntityManager,
  ): Promise<boolean> {
    if (user.scopeAreaId === null) return true;
    const date = year === undefined ? today() : yearEnd(year);
    const ancestry = await this.areas.ancestry(areaId, date, manager);
    return ancestry.some((area) => area.id === user.scopeAreaId);
  }

  /** Refuses an area outside the caller's subtree, the hierarchy taken as it stood in `year`. */
  async assertArea(
    user: Principal,
    areaId: number,
    year?: number,
    manager?: EntityManager,
  ): Promise<void> {
    if (!(await this.covers(user, areaId, year, manager))) {
      throw new ForbiddenException(
        `Địa bàn này nằm ngoài phạm vi được giao (${user.scopeAreaCode ?? ''})`,
        'OUT_OF_SCOPE',
      );
    }
  }

  /**
   * Refuses a scope the caller does not hold: a national one (null) needs a national caller, an
   * area must lie in the caller's subtree. For what applies to a scope: accounts, sets, plans.
   */
  async assertAssignable(
    user: Principal,
    scopeAreaId: number | null,
    manager?: EntityManager,
  ): Promise<void> {
    if (scopeAreaId === null) {
      if (user.scopeAreaId !== null) {
        throw new ForbiddenException(
          'Chỉ quản trị toàn quốc mới đặt được phạm vi toàn quốc',
          'OUT_OF_SCOPE',
        );
      }
      return;
    }
    await this.assertArea(user, scopeAreaId, undefined, manager);
  }

  /** Refuses a change to a year that an administrator has finalised for the area or above it. */
  async assertYearOpen(areaId: number, year: number, manager?: EntityManager): Promise<void> {
    await this.assertYearsOpen([areaId], year, year, manager);
  }

  /**
   * Refuses a change whose effect reaches into a finalised year for any of these places (the
   * lock on a place or above it, the hierarchy of that year): a subject placed or moved, started
   * or ended on a date, counts in every year from then on.
   */
  async assertYearsOpen(
    placeIds: number[],
    fromYear: number,
    toYear: number,
    manager?: EntityManager,
  ): Promise<void> {
    const [hit] = await this.access.locksOver(placeIds, fromYear, toYear, manager);
    if (hit) throw new YearLockedException(hit.areaCode, hit.year);
  }

  /** Refuses a change effective from `fromYear` on, when it reaches a finalised year up to now. */
  async assertOpenSince(
    placeIds: number[],
    fromYear: number,
    manager?: EntityManager,
  ): Promise<void> {
    const years = yearsSince(fromYear, new Date().getFullYear());
    await this.assertYearsOpen(placeIds, years.from, years.to, manager);
  }

  /** For steps over a whole area: a lock on it, above it or anywhere below it refuses them. */
  async assertSubtreeOpen(areaId: number, year: number, manager?: EntityManager): Promise<void> {
    const codes = await this.access.locksAroundSubtree(areaId, year, manager);
    if (codes.length > 0) throw new YearLockedException(codes.join(', '), year);
  }

  /** Every finalised year of these places in the range, for checking many rows at once. */
  closedYears(
    placeIds: number[],
    fromYear: number,
    toYear: number,
    manager?: EntityManager,
  ): Promise<ClosedYear[]> {
    return this.access.locksOver(placeIds, fromYear, toYear, manager);
  }

  /** The lock on the area or an area above it that freezes the year, if any. */
  async yearLock(areaId: number, year: number, manager?: EntityManager): Promise<string | null> {
    const [hit] = await this.access.locksOver([areaId], year, year, manager);
    return hit?.areaCode ?? null;
  }

  async audit(
    manager: EntityManager,
    user: Principal,
    entry: Omit<AuditEntry, 'actor'>,
  ): Promise<void> {
    await this.access.audit(manager, { ...entry, actor: user.username });
  }
}
