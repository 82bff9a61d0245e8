import { Injectable } from '@nestjs/common';
import type { AreaLevel } from '@app/domain';
import { AreasRepository, yearEnd, type AncestorRow, type AreaContextRow } from '@app/database';
import {
  AreaLevelMismatchException,
  AreaNotFoundException,
  AreaNotInForceException,
  LEVEL_LABELS,
} from '../areas/areas.exception.js';
import { ForbiddenException } from '../auth/auth.exception.js';
import type { Principal } from '../auth/principal.js';

const today = () => new Date().toISOString().slice(0, 10);

/** An area a request names, resolved once: its row, ancestry and the lock on its year. */
export type AreaContext = AreaContextRow;

export interface ResolveOptions {
  /** The request field that named the area, for the error message. */
  field: string;
  level?: AreaLevel;
  /** The year the request is about: the hierarchy and the lock of that year; today when absent. */
  year?: number;
  /** Refuse an area that no longer (or not yet) exists at the end of the year. */
  inForce?: boolean;
}

/** Whether an area lies in the caller's scope: the subtree of the area the account is given. */
@Injectable()
export class ScopeService {
  constructor(private readonly areas: AreasRepository) {}

  /**
   * The area a request names, with its ancestry and year lock, after the checks every request
   * makes: it exists, has the expected level, is in force if asked, and lies in the caller's scope.
   */
  async resolve(user: Principal, code: string, options: ResolveOptions): Promise<AreaContext> {
    const { field, level, year } = options;
    const context = await this.areas.context(
      code,
      year === undefined ? today() : yearEnd(year),
      year ?? null,
    );
    if (!context) throw new AreaNotFoundException(code, field);
    if (level && context.level !== level) {
      throw new AreaLevelMismatchException(
        field,
        code,
        LEVEL_LABELS[level],
        LEVEL_LABELS[context.level],
      );
    }
    if (options.inForce && year !== undefined) {
      const end = yearEnd(year);
      if (context.validFrom > end || (context.validTo !== null && context.validTo < end))
        throw new AreaNotInForceException(code, year);
    }
    if (!this.holds(user, context.ancestry)) throw outOfScope(user);
    return context;
  }

  /** Whether an ancestry (the area and everything above it) reaches the caller's scope. */
  holds(user: Principal, ancestry: AncestorRow[]): boolean {
    return user.scopeAreaId === null || ancestry.some((area) => area.id === user.scopeAreaId);
  }

  /** Whether the area lies in the caller's subtree, the hierarchy taken as it stood in `year`. */
  async covers(user: Principal, areaId: number, year?: number): Promise<boolean> {
    if (user.scopeAreaId === null) return true;
    const date = year === undefined ? today() : yearEnd(year);
    return this.holds(user, await this.areas.ancestry(areaId, date));
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
