import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { EmbeddedDatabaseError } from '@app/database';
import { seedAll } from '@app/seed';
import { createApp } from './app.factory.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase, UnsafeServingRoleError } from './database.js';
import { UsersService } from './users/users.service.js';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Bootstrap');
  const config = loadConfig();
  const database = await openDatabase(config, (line) => logger.log(line));
  const areas: { count: number }[] = await database.owner.query(
    `SELECT count(*)::int AS count FROM areas`,
  );
  if (config.DEMO_DATA === 'auto' && areas[0]?.count === 0) {
    logger.log('Empty database: seeding the reference data and the Hương Thủy demo (2016–2020)');
    await seedAll(database.owner, { demo: true, log: (line) => logger.log(line) });
  }
  await database.releaseOwner();
  if (!config.JWT_SECRET)
    logger.warn('JWT_SECRET is not set: sign-ins last until this process stops');
  // Nest closes the DataSource on SIGTERM/SIGINT; the embedded server stops itself on exit.
  const app = await createApp(database.dataSource, {
    jwtSecret: config.JWT_SECRET,
    corsOrigins: config.CORS_ORIGINS?.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  });
  const admin = await app.get(UsersService).ensureAdmin(config.ADMIN_PASSWORD);
  if (admin.generated) {
    logger.warn(
      `No administrator yet: created "admin" with the password ${admin.generated} (shown once; change it)`,
    );
  } else if (admin.created) {
    logger.log('No administrator yet: created "admin" with ADMIN_PASSWORD');
  }
  await app.listen(config.PORT, config.HOST);
  logger.log(`Listening on http://localhost:${config.PORT}/api (OpenAPI: /api/docs)`);
}

bootstrap().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof EmbeddedDatabaseError ||
    error instanceof UnsafeServingRoleError
  ) {
    console.error(error.message);
  } else {
    console.error('Could not start:', error);
  }
  process.exit(1);
});
