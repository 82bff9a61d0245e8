import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { normalizeText } from '@app/domain';
import { AccessRepository } from '@app/database';
import { AreasService } from '../areas/areas.service.js';
import { AccessService } from '../auth/access.service.js';
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
    private readonly dataSource: DataSource,
    private readonly repository: AccessRepository,
    private readonly areas: AreasService,
    private readonly access: AccessService,
  ) {}

  async lock(target: { area: string; year: number }, user: Principal): Promise<YearLockView> {
    const area = await this.areas.require(target.area, 'area');
    await this.dataSource.transaction(async (manager) => {
      await this.access.assertArea(user, area.id, target.year, manager);
      if (!(await this.repository.lock(manager, area.id, target.year, user.username))) {
        throw new ConflictException(
          'YEAR_ALREADY_LOCKED',
          `Năm ${target.year} của "${target.area}" đã khóa sổ`,
        );
      }
      await this.access.audit(manager, user, {
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
    const area = await this.areas.require(target.area, 'area');
    await this.dataSource.transaction(async (manager) => {
      await this.access.assertArea(user, area.id, target.year, manager);
      if (!(await this.repository.unlock(manager, area.id, target.year))) {
        throw new NotFoundException(
          'YEAR_NOT_LOCKED',
          `Năm ${target.year} của "${target.area}" chưa khóa sổ`,
        );
      }
      await this.access.audit(manager, user, {
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
}
