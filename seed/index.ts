import type { DataSource } from 'typeorm';
import { Db } from '@app/database';
import { seedDemo } from './demo.js';
import { seedDemoUsers } from './demo-users.js';
import { seedReference } from './reference.js';

export { seedDemo, type DemoSummary } from './demo.js';
export { seedReference } from './reference.js';
export { DEMO_PASSWORD, DEMO_USERS, seedDemoUsers } from './demo-users.js';

export interface SeedOptions {
  /** Also seed the Hương Thủy demo (households, clans, units, evaluations 2016–2020, demo accounts). */
  demo: boolean;
  log: (line: string) => void;
}

/** Reference data in its own transaction, then the demo (a transaction of its own) when asked. */
export async function seedAll(dataSource: DataSource, options: SeedOptions): Promise<void> {
  const db = new Db(dataSource);
  await db.transactional(() => seedReference(db, options.log));
  if (options.demo) {
    await seedDemo(dataSource, options.log);
    await seedDemoUsers(dataSource, options.log);
  }
}
