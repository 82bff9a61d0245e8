import { Injectable } from '@nestjs/common';
import { AreasRepository, yearEnd } from '@app/database';
import { ForbiddenException } from '../auth/auth.exception.js';
import type { Principal } from '../auth/principal.js';

const today = () => new Date().toISOString().slice(0, 10);

/** Whether an area lies in the caller's scope: the subtree of the area the account is given. */
@Injectable()
export class ScopeService {
  constructor(private readonly areas: AreasRepository) {}

  /** Whether the area lies in the caller's subtree, the hierarchy taken as it stood in `year`. */
  async covers(user: Principal, areaId: number, year?: number): Promise<boolean> {
    if (user.scopeAreaId === null) return true;
    const date = year === undefined ? today() : yearEnd(year);
    const ancestry = await this.areas.ancestry(areaId, date);
    return ancestry.some((area) => area.id === user.scopeAreaId);
  }

  /** Refuses an area outside the caller's subtree, the hierarchy taken as it stood in `year`. */
  async assertArea(user: Principal, areaId: number, year?: number): Promise<void> {
    if (!(await this.covers(user, areaId, year))) throw outOfScope(user);
  }

  /**
   * Refuses a scope the caller does not hold: a national one (null) needs a national caller, an
   * area must lie in the caller's subtree. For what applies to a scope: accounts, sets, plans.
   */
  async assertAssignable(user: Principal, scopeAreaId: number | null): Promise<void> {
    if (scopeAreaId === null) {
      if (user.scopeAreaId !== null) {
        throw new ForbiddenException(
          'Chỉ quản trị toàn quốc mới đặt được phạm vi toàn quốc',
          'OUT_OF_SCOPE',
        );
      }
      return;
    }
    await this.assertArea(user, scopeAreaId);
  }
}

export function outOfScope(user: Principal): ForbiddenException {
  return new ForbiddenException(
    `Địa bàn này nằm ngoài phạm vi được giao (${user.scopeAreaCode ?? ''})`,
    'OUT_OF_SCOPE',
  );
}
