import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@app/database';
import { createApp } from '../../apps/api/src/app.factory.js';
import { seedAll } from '../../seed/index.js';
import { adminQuery, databaseUrl, withAdminClient } from './database.js';

export interface TestApp {
  app: INestApplication;
  dataSource: DataSource;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

let counter = 0;

/**
 * The migrated, reference-seeded database every test file copies. Built once per run by whichever
 * file gets there first; an advisory lock keeps the others waiting meanwhile.
 */
async function ensureTemplate(template: string): Promise<void> {
  await withAdminClient(async (client) => {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount) return;
      await client.query(`CREATE DATABASE ${template}`);
      const dataSource = createDataSource({ url: databaseUrl(template), poolSize: 2 });
      await dataSource.initialize();
      try {
        await dataSource.runMigrations();
        await seedAll(dataSource, { demo: false, log: () => undefined });
      } finally {
        await dataSource.destroy();
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [template]);
    }
  });
}

/** A fresh database copied from the template, and the app on it. */
export async function createTestApp(): Promise<TestApp> {
  const template = process.env.TEST_TEMPLATE_DATABASE as string;
  await ensureTemplate(template);
  const name = `${template}_${process.pid}_${++counter}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const dataSource = createDataSource({ url: databaseUrl(name), poolSize: 4 });
  await dataSource.initialize();
  const app = await createApp(dataSource, false);
  await app.init();
  return {
    app,
    dataSource,
    http: () => request(app.getHttpServer()),
    close: async () => {
      await app.close();
      if (dataSource.isInitialized) await dataSource.destroy();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
