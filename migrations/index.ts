import { CoreSchema1764400000000 } from './1764400000000-CoreSchema.js';
import { AccessWorkflowAudit1764500000000 } from './1764500000000-AccessWorkflowAudit.js';
import { Imports1764600000000 } from './1764600000000-Imports.js';
import { Training1764700000000 } from './1764700000000-Training.js';
import { InsightIndexes1764800000000 } from './1764800000000-InsightIndexes.js';
import { CaseInsensitiveCodes1764900000000 } from './1764900000000-CaseInsensitiveCodes.js';
import { AccountsAuditScope1765000000000 } from './1765000000000-AccountsAuditScope.js';

/** Every migration, in order. Listed explicitly so the app, the CLI and tests run the same set. */
export const migrations = [
  CoreSchema1764400000000,
  AccessWorkflowAudit1764500000000,
  Imports1764600000000,
  Training1764700000000,
  InsightIndexes1764800000000,
  CaseInsensitiveCodes1764900000000,
  AccountsAuditScope1765000000000,
];
