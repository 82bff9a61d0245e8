import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db, type AuditEntry } from '@app/database';
import { AuditService } from '../audit/audit.service.js';
import { ScopeService } from '../scope/scope.service.js';
import { YearLockChecks } from '../year-locks/year-lock-checks.service.js';
import type { Principal } from './principal.js';

/**
 * The scope, lock and audit checks for callers that still run their own transaction manager:
 * each check runs inside that manager's transaction.
 */
@Injectable()
export class AccessService {
  constructor(
    private readonly db: Db,
    private readonly scope: ScopeService,
    private readonly locks: YearLockChecks,
    private readonly auditService: AuditService,
  ) {}

  covers(user: Principal, areaId: number, year?: number, manager?: EntityManager) {
    return this.db.within(manager, () => this.scope.covers(user, areaId, year));
  }

  assertArea(user: Principal, areaId: number, year?: number, manager?: EntityManager) {
    return this.db.within(manager, () => this.scope.assertArea(user, areaId, year));
  }

  assertYearOpen(areaId: number, year: number, manager?: EntityManager) {
    return this.db.within(manager, () => this.locks.assertYearOpen(areaId, year));
  }

  assertOpenSince(placeIds: number[], fromYear: number, manager?: EntityManager) {
    return this.db.within(manager, () => this.locks.assertOpenSince(placeIds, fromYear));
  }

  audit(manager: EntityManager, user: Principal, entry: Omit<AuditEntry, 'actor'>) {
    return this.db.within(manager, () => this.auditService.record(user, entry));
  }
}
