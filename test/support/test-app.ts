import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { type Role, createDataSource, grantServingRole } from '@app/database';
import type { DataSource } from 'typeorm';
import { createApp, type AppOptions } from '@app/api/app.factory.js';
import { UsersService } from '@app/api/users/users.service.js';
import {
  adminQuery,
  copyTemplate,
  databaseUrl,
  servingUrl,
  TEST_SERVING_ROLE,
} from './database.js';

export type TestAgent = ReturnType<typeof request.agent>;

export interface TestApp {
  app: INestApplication;
  /** The app's own connections, as the serving role. */
  dataSource: DataSource;
  /** The owner of the tables, as seeding and migrations run in the product. */
  owner: DataSource;
  /** The URL of the app's database, as its owner (what backups and restores use). */
  url: string;
  /** Requests signed in as the national administrator. */
  http: () => TestAgent;
  /** Requests with no token at all. */
  anonymous: () => TestAgent;
  /** Creates a user and returns requests signed in as them. */
  userAgent(user: { username: string; role: Role; scopeAreaCode?: string }): Promise<TestAgent>;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'mat-khau-thu-nghiem';

/** A fresh database copied from the template, and the app on it. */
export async function createTestApp(options: AppOptions = {}): Promise<TestApp> {
  return openTestApp(await copyTemplate(), options);
}

/**
 * The app on a database already made (a restored one, say), with the administrator signed in;
 * closing it drops the database.
 */
export async function openTestApp(name: string, options: AppOptions = {}): Promise<TestApp> {
  const url = databaseUrl(name);
  const owner = createDataSource({ url, poolSize: 1 });
  await owner.initialize();
  // A restored database has its tables anew: the serving role's grants come with them.
  await grantServingRole(owner, TEST_SERVING_ROLE);
  const dataSource = createDataSource({ url: servingUrl(name), poolSize: 4 });
  await dataSource.initialize();
  const app = await createApp(dataSource, {
    logger: false,
    jwtSecret: 'test-secret-of-at-least-32-characters!!',
    ...options,
  });
  await app.init();
  await app.get(UsersService).ensureAdmin(TEST_PASSWORD);
  const server = app.getHttpServer() as Parameters<typeof request>[0];
  const signIn = async (username: string): Promise<TestAgent> => {
    const login = await request(server)
      .post('/api/auth/login')
      .send({ username, password: TEST_PASSWORD })
      .expect(200);
    return request
      .agent(server)
      .set('Authorization', `Bearer ${(login.body as { accessToken: string }).accessToken}`);
  };
  const admin = await signIn('admin');
  return {
    app,
    dataSource,
    owner,
    url,
    http: () => admin,
    anonymous: () => request.agent(server),
    userAgent: async ({ username, role, scopeAreaCode }) => {
      await app
        .get(UsersService)
        .create(
          { username, displayName: username, password: TEST_PASSWORD, role, scopeAreaCode },
          undefined,
          { mustChangePassword: false },
        );
      return signIn(username);
    },
    close: async () => {
      await app.close();
      if (dataSource.isInitialized) await dataSource.destroy();
      await owner.destroy();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
