import 'reflect-metadata';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { BackupError, backupDatabase, EmbeddedDatabaseError, restoreDatabase } from '@app/database';
import { seedAll } from '@app/seed';
import { processSecret } from './app.factory.js';
import { AppModule } from './app.module.js';
import { AppException } from './common/app.exception.js';
import { ConfigError, loadConfig, type AppConfig } from './config.js';
import { openDatabase, openServer, UnsafeServingRoleError, type OpenDatabase } from './database.js';
import { IMPORT_KINDS, isModelKind, type ImportKind } from '@app/domain';
import { ImportsService } from './imports/imports.service.js';
import { ReportsService } from './reports/reports.service.js';

const USAGE = `Usage:
  npm run migrate                                          apply pending migrations
  npm run seed [-- --no-demo]                              seed the reference data and the demo (idempotent)
  npm run report -- area <code> --year <yyyy> --out <file>     district or province summary workbook
  npm run report -- commune <code> --year <yyyy> --out <file>  commune workbook with its lists
  npm run import -- <households|clans|units> <file.xlsx> --commune <code> [--dry-run]
  npm run import -- evaluations <file.xlsx> --commune <code> --kind <kind> --year <yyyy> [--dry-run]
                                                           import a filled template, all rows or none
  npm run backup [-- --out <file>]                         back up the database (default: backups/ beside DATA_DIR)
  npm run restore -- <file>                                restore a backup into an empty database`;

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
    AppModule.forDataSource(database.owner, processSecret()),
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

async function importFile(database: OpenDatabase, args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      commune: { type: 'string' },
      kind: { type: 'string' },
      year: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const [what, file] = positionals;
  if (!(IMPORT_KINDS as readonly string[]).includes(what) || !file || !values.commune) {
    throw new UsageError('import needs: <what> <file.xlsx> --commune <code>');
  }
  const kind = values.kind;
  if (kind !== undefined && !isModelKind(kind))
    throw new UsageError('--kind is one of family, clan, community, unit');
  const context = await NestFactory.createApplicationContext(
    AppModule.forDataSource(database.owner, processSecret()),
    { logger: ['error'] },
  );
  try {
    const report = await context.get(ImportsService).run(
      what as ImportKind,
      {
        commune: values.commune,
        kind,
        year: values.year === undefined ? undefined : Number(values.year),
        dryRun: values['dry-run'],
      },
      { buffer: await readFile(file), originalname: basename(file) },
      { username: 'cli', role: 'admin', scopeAreaId: null },
    );
    for (const problem of report.problems) {
      log(`dòng ${problem.row}, cột ${problem.column}: ${problem.message} (${problem.value})`);
    }
    log(
      `${report.dryRun ? 'Kiểm tra' : 'Đã nhập'} ${report.fileName}: ${report.rows} dòng, ` +
        `${report.created} thêm mới, ${report.updated} cập nhật, ${report.unchanged} không đổi, ` +
        `${report.problemCount} lỗi`,
    );
    if (!report.valid) process.exitCode = 1;
  } finally {
    await context.close();
  }
}

/** `backups/lmt-2026-11-29T19-40-00Z.backup` in the folder that holds DATA_DIR. */
function defaultBackupFile(config: AppConfig): string {
  const stamp = new Date()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
  return resolve(dirname(resolve(config.DATA_DIR)), 'backups', `lmt-${stamp}.backup`);
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/**
 * Backup and restore connect without migrating (a backup records the schema as it is), and use
 * the embedded server of an app running on DATA_DIR, so a backup needs no downtime.
 */
async function backup(config: AppConfig, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  const file = resolve(values.out ?? defaultBackupFile(config));
  const server = await openServer(config, log, { shareRunning: true });
  try {
    const started = performance.now();
    const { bytes, sha256, header } = await backupDatabase(server.ownerUrl, file, log);
    const rows = header.tables.reduce((sum, table) => sum + table.rows, 0);
    log(
      `Backed up ${header.tables.length} tables, ${rows} rows, schema at ${header.migrations.at(-1)}, in ${seconds(started)}`,
    );
    log(`Wrote ${file} (${megabytes(bytes)})`);
    log(`SHA-256 ${sha256} (also in ${basename(file)}.sha256)`);
  } finally {
    await server.stop();
  }
}

async function restore(config: AppConfig, args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError('restore needs: <file>');
  const server = await openServer(config, log, { shareRunning: true });
  try {
    const started = performance.now();
    const { header, laterMigrations } = await restoreDatabase(server.ownerUrl, resolve(file), log);
    for (const name of laterMigrations) log(`Applied migration ${name}`);
    log(
      `Restored the backup of ${header.createdAt} (${header.tables.length} tables) in ${seconds(started)}`,
    );
  } finally {
    await server.stop();
  }
}

async function main(args: string[]): Promise<void> {
  const [command, ...options] = args;
  if (command === 'backup') return backup(loadConfig(), options);
  if (command === 'restore') return restore(loadConfig(), options);
  if (!['migrate', 'seed', 'report', 'import'].includes(command ?? ''))
    throw new UsageError(`unknown command: ${command ?? ''}`);
  const quiet = command === 'report' || command === 'import';
  const database = await openDatabase(loadConfig(), quiet ? () => undefined : log);
  try {
    if (command === 'seed') {
      await seedAll(database.owner, { demo: !options.includes('--no-demo'), log });
      log('Seed finished');
    } else if (command === 'report') {
      await report(database, options);
    } else if (command === 'import') {
      await importFile(database, options);
    } else {
      log('Migrations are up to date');
    }
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
  else if (
    error instanceof ConfigError ||
    error instanceof EmbeddedDatabaseError ||
    error instanceof UnsafeServingRoleError ||
    error instanceof BackupError
  )
    console.error(error.message);
  else if (error instanceof AppException) {
    console.error(error.message);
    const details = error.details as { report?: { problems: { row: number; message: string }[] } };
    for (const problem of details?.report?.problems ?? [])
      console.error(`dòng ${problem.row}: ${problem.message}`);
  } else console.error(error);
  process.exit(1);
});
