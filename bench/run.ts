import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { REGISTRY_COLUMNS } from '@app/domain';
import { createDataSource, startEmbeddedPostgres } from '@app/database';
import { seedAll } from '@app/seed';
import { benchHousehold } from './import-rows.js';
import { measureDashboardWeight } from './page-weight.js';
import { provinceBench } from './province.js';

const run = promisify(execFile);
const ROUNDS = 3;
const IMPORT_WORKER = new URL('./import-worker.js', import.meta.url).pathname;
const IMPORT_ROWS = 100_000;
/** The commune of the province the import benchmark loads its households into. */
const IMPORT_COMMUNE = 'BENCH_P300_C002';

interface WorkerResult {
  ms: number;
  peakMb: number;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The 100,000-household workbook an official would upload, written as the template lays it out. */
async function writeImportFile(client: pg.Client, path: string): Promise<void> {
  const hamlets = (
    await client.query<{ code: string }>(
      `SELECT code FROM areas WHERE code LIKE $1 AND level = 'hamlet' ORDER BY code`,
      [`${IMPORT_COMMUNE.replace(/_/g, '\\_')}\\_T%`],
    )
  ).rows.map((row) => row.code);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('Dữ liệu');
  sheet.addRow(REGISTRY_COLUMNS.households.map((column) => column.header)).commit();
  for (let index = 1; index <= IMPORT_ROWS; index++) {
    const row = benchHousehold(index, hamlets);
    sheet
      .addRow([row.code, row.headName, row.hamletCode, null, row.members, null, '2016-01-01'])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}

async function importWorker(url: string, args: string[]): Promise<WorkerResult> {
  const { stdout } = await run(process.execPath, [IMPORT_WORKER, ...args], {
    env: { ...process.env, DATABASE_URL: url },
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as WorkerResult;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The demo, for the dashboard's page weight. */
async function pageWeight(server: string) {
  const database = 'lmt_bench';
  const url = withDatabase(server, database);
  await admin(server, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin(server, `CREATE DATABASE ${database}`);
  const dataSource = createDataSource({ url, poolSize: 2 });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await seedAll(dataSource, { demo: true, log: () => undefined });
  await dataSource.destroy();
  const weight = await measureDashboardWeight(url);
  await admin(server, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  return weight;
}

/** 100,000 households through the product's import, against COPY of the same rows. */
async function householdImport(url: string, folder: string) {
  const importFile = join(folder, 'households-100k.xlsx');
  const loader = new pg.Client({ connectionString: url });
  await loader.connect();
  await writeImportFile(loader, importFile);
  const imports: WorkerResult[] = [];
  const copies: WorkerResult[] = [];
  const removeImported = () => loader.query(`DELETE FROM households WHERE code LIKE 'BIMP\\_%'`);
  for (let round = 0; round < ROUNDS; round++) {
    imports.push(await importWorker(url, ['import', importFile, IMPORT_COMMUNE]));
    await removeImported();
    copies.push(await importWorker(url, ['copy', importFile, IMPORT_COMMUNE, String(IMPORT_ROWS)]));
    await removeImported();
  }
  await loader.end();
  const importMs = median(imports.map((r) => r.ms));
  const copyMs = median(copies.map((r) => r.ms));
  return {
    case: `${IMPORT_ROWS.toLocaleString('en')} households from one workbook`,
    importMs,
    copyMs,
    ratio: Math.round((importMs / copyMs) * 100) / 100,
    importPeakMb: Math.max(...imports.map((r) => r.peakMb)),
    copyPeakMb: Math.max(...copies.map((r) => r.peakMb)),
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres('./data/bench');
  const server = process.env.DATABASE_URL ?? (embedded as { ownerUrl: string }).ownerUrl;
  const folder = await mkdtemp(join(tmpdir(), 'lmt-bench-'));
  const log = (line: string) => console.log(line);

  log('Dashboard page weight on the demo…');
  const weight = await pageWeight(server);
  if (weight) {
    log('Dashboard page weight, empty cache, sign-in to charts (goal: assets < 300 KB):');
    console.table([weight]);
  } else {
    log('Dashboard page weight: skipped, no chromium at CHROMIUM_PATH or /usr/bin/chromium');
  }

  log('\nProvince: ~330,000 households in 165 communes, 5 years of evaluations…');
  const province = await provinceBench(server, folder, log);
  log('\nProgress through the HTTP API vs the same SQL through pg (median and p95 of 15, ms):');
  console.table(province.latency);
  log('\nInsights through the HTTP API against the progress of the same area (median of 15, ms):');
  console.table(province.insights);
  log('\nExports vs a bare exceljs streaming write of the same rows (median of 3, each warm):');
  console.table(province.exports);
  log(`\nEvaluation saves, autocannon, 20 connections, loopback:`);
  console.table([province.load]);
  log('\nFrom 30,000 to 300,000 households:');
  console.table(province.growth);

  const importFigures = await householdImport(withDatabase(server, 'lmt_province'), folder);
  log('\nImport (read, check, write, audit) vs PostgreSQL COPY of the same rows (median of 3):');
  console.table([importFigures]);

  const seconds = Math.round((performance.now() - started) / 1000);
  log(`\nThe bench took ${seconds} s.`);
  await writeFile(
    new URL('./results.json', new URL('../../bench/', import.meta.url)),
    `${JSON.stringify(
      {
        measuredAt: new Date().toISOString(),
        seconds,
        pageWeight: weight,
        ...province,
        householdImport: importFigures,
      },
      null,
      2,
    )}\n`,
  );
  await embedded?.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
