import { createDataSource, startEmbeddedPostgres } from '@app/database';
import type { DataSource } from 'typeorm';
import type { AppConfig } from './config.js';

export interface OpenDatabase {
  dataSource: DataSource;
  embedded: boolean;
  close(): Promise<void>;
  /** Stops the embedded server alone, once something else (Nest) has closed the DataSource. */
  closeServer(): Promise<void>;
}

/** Connects to DATABASE_URL, or starts the embedded server kept in DATA_DIR, and applies pending migrations. */
export async function openDatabase(
  config: AppConfig,
  log: (line: string) => void,
): Promise<OpenDatabase> {
  if (!config.DATABASE_URL)
    log(`DATABASE_URL is not set: using the embedded PostgreSQL in ${config.DATA_DIR}`);
  const embedded = config.DATABASE_URL ? null : await startEmbeddedPostgres(config.DATA_DIR, log);
  const dataSource = createDataSource({
    url: config.DATABASE_URL ?? (embedded as { url: string }).url,
  });
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  for (const migration of applied) log(`Applied migration ${migration.name}`);
  return {
    dataSource,
    embedded: embedded !== null,
    close: async () => {
      await dataSource.destroy();
      await embedded?.stop();
    },
    closeServer: async () => {
      await embedded?.stop();
    },
  };
}
