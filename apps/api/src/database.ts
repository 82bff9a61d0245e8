import { createDataSource, startEmbeddedPostgres, type EmbeddedOptions } from '@app/database';
import type { DataSource } from 'typeorm';
import type { AppConfig } from './config.js';

export interface OpenDatabase {
  dataSource: DataSource;
  embedded: boolean;
  close(): Promise<void>;
  /** Stops the embedded server alone, once something else (Nest) has closed the DataSource. */
  closeServer(): Promise<void>;
}

export interface DatabaseServer {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL, or the embedded server kept in DATA_DIR, started; nothing is migrated. */
export async function openServer(
  config: AppConfig,
  log: (line: string) => void,
  options: EmbeddedOptions = {},
): Promise<DatabaseServer> {
  if (config.DATABASE_URL)
    return { url: config.DATABASE_URL, embedded: false, stop: () => Promise.resolve() };
  log(`DATABASE_URL is not set: using the embedded PostgreSQL in ${config.DATA_DIR}`);
  const embedded = await startEmbeddedPostgres(config.DATA_DIR, log, options);
  return { url: embedded.url, embedded: true, stop: () => embedded.stop() };
}

/** Connects to DATABASE_URL, or starts the embedded server kept in DATA_DIR, and applies pending migrations. */
export async function openDatabase(
  config: AppConfig,
  log: (line: string) => void,
): Promise<OpenDatabase> {
  const server = await openServer(config, log);
  const dataSource = createDataSource({ url: server.url });
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  for (const migration of applied) log(`Applied migration ${migration.name}`);
  return {
    dataSource,
    embedded: server.embedded,
    close: async () => {
      await dataSource.destroy();
      await server.stop();
    },
    closeServer: () => server.stop(),
  };
}
