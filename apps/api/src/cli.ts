import 'reflect-metadata';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { seedAll } from '../../../seed/index.js';
import { processSecret } from './app.factory.js';
import { AppModule } from './app.module.js';
import { AppException } from './common/app.exception.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase, type OpenDatabase } from './database.js';
import { ReportsService } from './reports/reports.service.js';

const USAGE = `Usage:
  npm run migrate                                          apply pending migrations
  npm run seed [-- --no-demo]                              seed the reference data and the demo (idempotent)
  npm run report -- area <code> --year <yyyy> --out <file>     district or province summary workbook
  npm run report -- commune <code> --year <yyyy> --out <file>  commune workbook with its lists`;

class UsageError extends Error {}

const log = (line: string) => console.log(line);

async function report(database: OpenDatabase, args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { year: { type: 'string' }, out: { type: 'string' } },
  });
  const [scope, code] = positionals;
  const year = Number(values.year);
  if (
    (scope !== 'area' && scope !== 'commune') ||
    !code ||
    !Number.isInteger(year) ||
    !values.out
  ) {
    throw new UsageError('report needs: area|commune <code> --year <yyyy> --out <file>');
  }
  const context = await NestFactory.createApplicationContext(
    AppModule.forDataSource(database.dataSource, processSecret()),
    {
      logger: ['error'],
    },
  );
  try {
    const reports = context.get(ReportsService);
    const file =
      scope === 'area'
        ? await reports.areaWorkbook(code, year)
        : await reports.communeWorkbook(code, year);
    await pipeline(file.stream, createWriteStream(values.out));
    log(`Wrote ${values.out} (${file.fileName})`);
  } finally {
    await context.close();
  }
}

async function main(args: string[]): Promise<void> {
  const [command, ...options] = args;
  if (command !== 'migrate' && command !== 'seed' && command !== 'report')
    throw new UsageError(`unknown command: ${command ?? ''}`);
  const database = await openDatabase(loadConfig(), command === 'report' ? () => undefined : log);
  try {
    if (command === 'seed') {
      await seedAll(database.dataSource, { demo: !options.includes('--no-demo'), log });
      log('Seed finished');
    } else if (command === 'report') {
      await report(database, options);
    } else {
      log('Migrations are up to date');
    }
  } finally {
    if (database.dataSource.isInitialized) await database.close();
    else await database.closeServer();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
  else if (error instanceof ConfigError || error instanceof AppException)
    console.error(error.message);
  else console.error(error);
  process.exit(1);
});
