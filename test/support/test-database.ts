import type { DataSource } from 'typeorm';
import { createDataSource, Db } from '@app/database';
import { adminQuery, copyTemplate, servingUrl } from './database.js';

export interface TestDatabase {
  /** The copy's connections as the serving role, as the app makes them. */
  dataSource: DataSource;
  /** What repositories and services are built on: `new AreasRepository(db)`. */
  db: Db;
  /** Closes the connections and drops the copy. */
  close(): Promise<void>;
}

/** A fresh copy of the template for one test file, reached as the app reaches its database. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = await copyTemplate();
  const dataSource = createDataSource({ url: servingUrl(name), poolSize: 4 });
  await dataSource.initialize();
  return {
    dataSource,
    db: new Db(dataSource),
    close: async () => {
      await dataSource.destroy();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
