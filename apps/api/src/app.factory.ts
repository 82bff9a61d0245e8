import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { HttpExceptionFilter } from './common/http-exception.filter.js';
import { createValidationPipe } from './common/validation.js';

export const JSON_BODY_LIMIT = '1mb';

/** Builds the configured application; `main` listens on it, e2e tests drive it with supertest. */
export async function createApp(
  dataSource: DataSource,
  logger: false | undefined = undefined,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forDataSource(dataSource),
    {
      bodyParser: false,
      ...(logger === false ? { logger: false } : {}),
    },
  );
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
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
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
  return app;
}
