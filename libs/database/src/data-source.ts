import { DataSource, type LoggerOptions } from 'typeorm';
import { migrations } from '../../../migrations/index.js';
import { entities } from './entities/index.js';

export interface DataSourceSettings {
  url: string;
  logging?: LoggerOptions;
  poolSize?: number;
}

/** The one DataSource definition, shared by the app, the CLI, the seed and the tests. */
export function createDataSource({
  url,
  logging = false,
  poolSize = 10,
}: DataSourceSettings): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging,
    extra: { max: poolSize },
  });
}
