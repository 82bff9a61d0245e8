import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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

  /** Refuses an area outside the caller's subtree, the hierarchy taken as it stood in `year`. */
  async assertArea(
    user: Principal,
    areaId: number,
    year?: number,
    manager?: EntityManager,
  ): Promise<void> {
    if (user.scopeAreaId === null) return;
    const date = year === undefined ? today() : yearEnd(year);
    const ancestry = await this.areas.ancestry(areaId, date, manager);
    if (!ancestry.some((area) => area.id === user.scopeAreaId)) {
      throw new ForbiddenException(
        `Địa bàn này nằm ngoài phạm vi được giao (${user.scopeAreaCode ?? ''})`,
        'OUT_OF_SCOPE',
      );
    }
  }

  /** Refuses a change to a year that an administrator has finalised for the area or above it. */
  async assertYearOpen(areaId: number, year: number, manager?: EntityManager): Promise<void> {
    const locked = await this.yearLock(areaId, year, manager);
    if (locked) throw new YearLockedException(locked, year);
  }

  /** The lock on the area or an area above it that freezes the year, if any. */
  async yearLock(areaId: number, year: number, manager?: EntityManager) {
    const ancestry = await this.areas.ancestry(areaId, yearEnd(year), manager);
    return this.access.lockCovering(
      ancestry.map((area) => area.id),
      year,
      manager,
    );
  }

  async audit(
    manager: EntityManager,
    user: Principal,
    entry: Omit<AuditEntry, 'actor'>,
  ): Promise<void> {
    await this.access.audit(manager, { ...entry, actor: user.username });
  }
}
