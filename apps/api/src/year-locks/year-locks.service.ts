import { Injectable } from '@nestjs/common';
import { Db, YearLocksRepository } from '@app/database';
import { normalizeText } from '@app/domain';
import { ScopeService, type AreaContext } from '../scope/scope.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { ConflictException, NotFoundException } from '../common/app.exception.js';

export interface YearLockView {
  area: string;
  year: number;
  locked: boolean;
}

@Injectable()
export class YearLocksService {
  constructor(
    private readonly db: Db,
    private readonly repository: YearLocksRepository,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  async lock(target: { area: string; year: number }, user: Principal): Promise<YearLockView> {
    await this.db.transactional(async () => {
      const area = await this.resolve(target, user);
      if (!(await this.repository.lock(area.id, target.year, user.username))) {
        throw new ConflictException(
          'YEAR_ALREADY_LOCKED',
          `Năm ${target.year} của "${target.area}" đã khóa sổ`,
        );
      }
      await this.audit.record(user, {
        action: 'lock',
        entity: 'year',
        entityCode: target.area,
        areaId: area.id,
        year: target.year,
      });
    });
    return { area: target.area, year: target.year, locked: true };
  }

  async reopen(
    target: { area: string; year: number },
    reason: string,
    user: Principal,
  ): Promise<YearLockView> {
    await this.db.transactional(async () => {
      const area = await this.resolve(target, user);
      if (!(await this.repository.unlock(area.id, target.year))) {
        throw new NotFoundException(
          'YEAR_NOT_LOCKED',
          `Năm ${target.year} của "${target.area}" chưa khóa sổ`,
        );
      }
      await this.audit.record(user, {
        action: 'reopen',
        entity: 'year',
        entityCode: target.area,
        areaId: area.id,
        year: target.year,
        reason: normalizeText(reason),
      });
    });
    return { area: target.area, year: target.year, locked: false };
  }

  /** The area of the year, in the caller's scope as the hierarchy stood that year. */
  private resolve(target: { area: string; year: number }, user: Principal): Promise<AreaContext> {
    return this.scope.resolve(user, target.area, { field: 'area', year: target.year });
  }
}
