import { Injectable } from '@nestjs/common';
import { AuditRepository, type AuditEntry, type AuditFilter } from '@app/database';
import type { Principal } from '../auth/principal.js';

/** The audit trail: every write records who did it, in the write's own transaction. */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  record(user: Principal, entry: Omit<AuditEntry, 'actor'>): Promise<void> {
    return this.audit.record({ ...entry, actor: user.username });
  }

  trail(filter: AuditFilter): Promise<unknown[]> {
    return this.audit.trail(filter);
  }
}
