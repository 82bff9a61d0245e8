import { randomBytes } from 'node:crypto';
import { Logger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import helmet from 'helmet';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { DEFAULT_LOGIN_LIMITS, loginLimiters, type LoginLimits } from './auth/login-limits.js';
import { HttpExceptionFilter } from './common/http-exception.filter.js';
import { refuseDeepJson } from './common/json-depth.js';
import { createValidationPipe } from './common/validation.js';
import { defaultWebRoot, serveWebApp } from './web/web-app.js';

export const JSON_BODY_LIMIT = '1mb';

export interface AppOptions {
  jwtSecret?: string;
  corsOrigins?: string[];
  /** Failed sign-ins allowed per address and per account in a quarter of an hour. */
  loginLimits?: LoginLimits;
  logger?: false;
  /** The built web app (default `dist/web`); the API alone is served when it is missing. */
  webRoot?: string;
}

/** A secret for this process alone, when none is configured: tokens then end with the process. */
export function processSecret(): string {
  return randomBytes(48).toString('base64url');
}

/** Builds the configured application; `main` listens on it, e2e tests drive it with supertest. */
export async function createApp(
  dataSource: DataSource,
  options: AppOptions = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forDataSource(dataSource, options.jwtSecret ?? processSecret()),
    { bodyParser: false, ...(options.logger === false ? { logger: false } : {}) },
  );
  app.use(helmet());
  // Officials' connections are slow: every text response, pages and JSON alike, goes compressed.
  app.use(compression());
  // CORS stays closed unless origins are configured: the web app is served by this same server.
  if (options.corsOrigins && options.corsOrigins.length > 0)
    app.enableCors({ origin: options.corsOrigins });
  // Nest's types leave `verify` out because its rawBody option takes it over; rawBody is off here,
  // so body-parser runs the depth check on the raw bytes before JSON.parse.
  const jsonOptions = { limit: JSON_BODY_LIMIT, verify: refuseDeepJson };
  app.useBodyParser('json', jsonOptions);
  app.use('/api/auth/login', ...loginLimiters(options.loginLimits ?? DEFAULT_LOGIN_LIMITS));
  if (!serveWebApp(app, options.webRoot ?? defaultWebRoot())) {
    new Logger('WebApp').warn('The web app is not built (npm run build): serving the API alone');
  }
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Theo dõi mô hình học tập')
      .setDescription(
        'Registries, yearly evaluations and progress against targets of learning families, clans, communities and units.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
  return app;
}
