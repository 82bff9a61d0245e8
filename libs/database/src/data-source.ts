import { DataSource, type LoggerOptions } from 'typeorm';
import { migrations } from '@app/migrations';
import { entities } from './entities/index.js';

export interface DataSourceSettings {
  url: string;
  logging?: LoggerOptions;
  poolSize?: number;
}

/**
 * Session settings for every connection. JIT compilation is off: the product's statements run in
 * milliseconds to a few hundred, and at province scale the planner's cost estimates made
 * PostgreSQL spend ~400 ms compiling a statement that then ran in 1 ms.
 */
export const SESSION_OPTIONS = '-c jit=off';

/** TypeORM's record of the applied migrations. */
export const MIGRATIONS_TABLE = 'migrations';

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
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging,
    extra: { max: poolSize, options: SESSION_OPTIONS },
  });
}
