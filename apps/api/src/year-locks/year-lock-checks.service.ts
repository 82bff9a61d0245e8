import { Injectable } from '@nestjs/common';
import { yearsSince, type ClosedYear } from '@app/domain';
import { YearLocksRepository } from '@app/database';
import { ConflictException } from '../common/app.exception.js';

export class YearLockedException extends ConflictException {
  constructor(areaCode: string, year: number) {
    super(
      'YEAR_LOCKED',
      `Năm ${year} của "${areaCode}" đã khóa sổ; cần mở lại (có lý do) trước khi thay đổi`,
    );
  }
}

/** The checks every write makes against finalised years, on every path that changes a year. */
@Injectable()
export class YearLockChecks {
  constructor(private readonly locks: YearLocksRepository) {}

  /** Refuses a change to the year of a resolved area when a lock on it or above it finalises it. */
  assertOpen(context: { lockedBy: string | null }, year: number): void {
    if (context.lockedBy !== null) throw new YearLockedException(context.lockedBy, year);
  }

  /** Refuses a change to a year that an administrator has finalised for the area or above it. */
  async assertYearOpen(areaId: number, year: number): Promise<void> {
    await this.assertYearsOpen([areaId], year, year);
  }

  /**
   * Refuses a change whose effect reaches into a finalised year for any of these places (the
   * lock on a place or above it, the hierarchy of that year): a subject placed or moved, started
   * or ended on a date, counts in every year from then on.
   */
  async assertYearsOpen(placeIds: number[], fromYear: number, toYear: number): Promise<void> {
    const [hit] = await this.locks.locksOver(placeIds, fromYear, toYear);
    if (hit) throw new YearLockedException(hit.areaCode, hit.year);
  }

  /** Refuses a change effective from `fromYear` on, when it reaches a finalised year up to now. */
  async assertOpenSince(placeIds: number[], fromYear: number): Promise<void> {
    const years = yearsSince(fromYear, new Date().getFullYear());
    await this.assertYearsOpen(placeIds, years.from, years.to);
  }

  /** For steps over a whole area: a lock on it, above it or anywhere below it refuses them. */
  async assertSubtreeOpen(areaId: number, year: number): Promise<void> {
    const codes = await this.locks.locksAroundSubtree(areaId, year);
    if (codes.length > 0) throw new YearLockedException(codes.join(', '), year);
  }

  /** Every finalised year of these places in the range, for checking many rows at once. */
  closedYears(placeIds: number[], fromYear: number, toYear: number): Promise<ClosedYear[]> {
    return this.locks.locksOver(placeIds, fromYear, toYear);
  }

  /** The lock on the area or an area above it that freezes the year, if any. */
  async yearLock(areaId: number, year: number): Promise<string | null> {
    const [hit] = await this.locks.locksOver([areaId], year, year);
    return hit?.areaCode ?? null;
  }
}
