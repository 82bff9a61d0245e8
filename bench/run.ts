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
import { seedAll } from '../seed/index.js';
import { benchHousehold } from './import-rows.js';
import { measureDashboardWeight } from './page-weight.js';

const run = promisify(execFile);
const YEAR = 2020;
const ROUNDS = 3;
const WORKER = new URL('./export-worker.js', import.meta.url).pathname;
const IMPORT_WORKER = new URL('./import-worker.js', import.meta.url).pathname;
const IMPORT_ROWS = 100_000;

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

/** A commune of 100,000 households in 100 hamlets, each evaluated in the bench year: the big listing. */
async function addLargeCommune(client: pg.Client): Promise<void> {
  await client.query(`
    WITH commune AS (
      INSERT INTO areas (code, name, name_folded, level, type_label, valid_from)
      VALUES ('BENCH_100K', 'Thử Tải', 'thu tai', 'commune', 'xã', '2010-01-01') RETURNING id
    )
    INSERT INTO area_parents (area_id, parent_id, valid_from)
    SELECT commune.id, district.id, '2010-01-01' FROM commune, areas district WHERE district.code = 'HUONG_THUY'`);
  await client.query(`
    INSERT INTO areas (code, name, name_folded, level, type_label, valid_from)
    SELECT 'BENCH_100K_T' || lpad(g::text, 3, '0'), 'Thôn ' || g, 'thon ' || g, 'hamlet', 'thôn', '2010-01-01'
      FROM generate_series(1, 100) g`);
  await client.query(`
    INSERT INTO area_parents (area_id, parent_id, valid_from)
    SELECT hamlet.id, commune.id, '2010-01-01'
      FROM areas hamlet, areas commune WHERE hamlet.code LIKE 'BENCH\\_100K\\_T%' AND commune.code = 'BENCH_100K'`);
  await client.query(`
    INSERT INTO households (code, head_name, head_name_folded, hamlet_id, members, active_from)
    SELECT hamlet.code || '_H' || lpad(g::text, 4, '0'), 'Nguyễn Văn Thử ' || g, 'nguyen van thu ' || g, hamlet.id, 4, '2010-01-01'
      FROM areas hamlet, generate_series(1, 1000) g WHERE hamlet.code LIKE 'BENCH\\_100K\\_T%'`);
  await client.query(`
    INSERT INTO evaluations (kind, year, household_id, criteria_set_id, registered, scores, total, criteria_passed,
                             criteria_reasons, status, decision_number, decision_date)
    SELECT 'family', ${YEAR}, h.id, s.id, true,
           CASE WHEN h.id % 5 = 0 THEN '{"1": 20, "2": 20, "3": 15, "4": 15}'::jsonb
                ELSE '{"1": 25, "2": 25, "3": 16, "4": 16}'::jsonb END,
           CASE WHEN h.id % 5 = 0 THEN 70 ELSE 82 END, h.id % 5 <> 0, '[]',
           CASE WHEN h.id % 5 = 0 THEN 'draft' ELSE 'recognised' END,
           CASE WHEN h.id % 5 = 0 THEN NULL ELSE '1/QĐ-UBND' END,
           CASE WHEN h.id % 5 = 0 THEN NULL ELSE DATE '${YEAR}-12-15' END
      FROM households h, criteria_sets s
     WHERE h.code LIKE 'BENCH\\_100K\\_%' AND s.code = 'QD448_2016_FAMILY'`);
  await client.query('ANALYZE');
}

async function worker(
  url: string,
  mode: 'product' | 'bare',
  commune: string,
  out: string,
): Promise<WorkerResult> {
  const { stdout } = await run(process.execPath, [WORKER, mode, commune, String(YEAR), out], {
    env: { ...process.env, DATABASE_URL: url },
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as WorkerResult;
}

/** The 100,000-household workbook an official would upload, written as the template lays it out. */
async function writeImportFile(client: pg.Client, path: string): Promise<void> {
  const hamlets = (
    await client.query<{ code: string }>(
      `SELECT code FROM areas WHERE code LIKE 'BENCH\\_100K\\_T%' ORDER BY code`,
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

async function main(): Promise<void> {
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres('./data/bench');
  const server = process.env.DATABASE_URL ?? (embedded as { url: string }).url;
  const database = 'lmt_bench';
  const url = withDatabase(server, database);
  console.log(
    `Preparing ${database} (migrations, reference data, demo, a 100,000-household commune)…`,
  );
  await admin(server, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin(server, `CREATE DATABASE ${database}`);
  const dataSource = createDataSource({ url, poolSize: 2 });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await seedAll(dataSource, { demo: true, log: () => undefined });
  await dataSource.destroy();
  const pageWeight = await measureDashboardWeight(url);
  if (pageWeight) {
    console.log('\nDashboard page weight, empty cache, sign-in to charts (goal: assets < 300 KB):');
    console.table([pageWeight]);
  } else {
    console.log(
      '\nDashboard page weight: skipped, no chromium at CHROMIUM_PATH or /usr/bin/chromium',
    );
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await addLargeCommune(client);
  const largest = (
    await client.query<{ code: string; households: number }>(`
      SELECT c.code, count(*)::int AS households FROM households h
        JOIN area_parents ap ON ap.area_id = h.hamlet_id AND ap.valid_to IS NULL
        JOIN areas c ON c.id = ap.parent_id
       WHERE c.code <> 'BENCH_100K' GROUP BY c.code ORDER BY households DESC LIMIT 1`)
  ).rows[0];
  await client.end();

  const folder = await mkdtemp(join(tmpdir(), 'lmt-bench-'));
  const cases = [
    {
      label: `largest demo commune (${largest.code}, ${largest.households} households)`,
      commune: largest.code,
    },
    { label: '100,000-household commune', commune: 'BENCH_100K' },
  ];
  const exports = [];
  for (const item of cases) {
    const product: WorkerResult[] = [];
    const bare: WorkerResult[] = [];
    // Alternate the two so background load on a shared machine falls on both alike.
    for (let round = 0; round < ROUNDS; round++) {
      product.push(
        await worker(url, 'product', item.commune, join(folder, `${item.commune}-product.xlsx`)),
      );
      bare.push(await worker(url, 'bare', item.commune, join(folder, `${item.commune}-bare.xlsx`)));
    }
    const productMs = median(product.map((r) => r.ms));
    const bareMs = median(bare.map((r) => r.ms));
    exports.push({
      case: item.label,
      productMs,
      bareMs,
      ratio: Math.round((productMs / bareMs) * 100) / 100,
      productPeakMb: Math.max(...product.map((r) => r.peakMb)),
      barePeakMb: Math.max(...bare.map((r) => r.peakMb)),
    });
  }
  const importFile = join(folder, 'households-100k.xlsx');
  const loader = new pg.Client({ connectionString: url });
  await loader.connect();
  await writeImportFile(loader, importFile);
  const imports: WorkerResult[] = [];
  const copies: WorkerResult[] = [];
  const removeImported = () => loader.query(`DELETE FROM households WHERE code LIKE 'BIMP\\_%'`);
  for (let round = 0; round < ROUNDS; round++) {
    imports.push(await importWorker(url, ['import', importFile, 'BENCH_100K']));
    await removeImported();
    copies.push(await importWorker(url, ['copy', importFile, 'BENCH_100K', String(IMPORT_ROWS)]));
    await removeImported();
  }
  await loader.end();
  const importMs = median(imports.map((r) => r.ms));
  const copyMs = median(copies.map((r) => r.ms));
  const householdImport = {
    case: `${IMPORT_ROWS.toLocaleString('en')} households from one workbook`,
    importMs,
    copyMs,
    ratio: Math.round((importMs / copyMs) * 100) / 100,
    importPeakMb: Math.max(...imports.map((r) => r.peakMb)),
    copyPeakMb: Math.max(...copies.map((r) => r.peakMb)),
  };
  console.log(
    '\nImport (read, check, write, audit) vs PostgreSQL COPY of the same rows (median of 3):',
  );
  console.table([householdImport]);
  console.log(
    '\nCommune workbook export vs a bare exceljs streaming write of the same rows (median of 3):',
  );
  console.table(exports);
  await writeFile(
    new URL('./results.json', new URL('../../bench/', import.meta.url)),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), pageWeight, householdImport, exports }, null, 2)}\n`,
  );
  await admin(server, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await embedded?.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
