import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import {
  AreaTreeRepository,
  createDataSource,
  Db,
  ProgressRepository,
  SESSION_OPTIONS,
  type RowLevel,
} from '@app/database';
import { createApp } from '@app/api/app.factory.js';
import { UsersService } from '@app/api/users/users.service.js';
import { seedAll } from '@app/seed';
import { generateProvince, LAST_YEAR, type ProvinceShape } from './province-data.js';

const run = promisify(execFile);
const EXPORT_WORKER = new URL('./export-worker.js', import.meta.url).pathname;
const LOAD_WORKER = new URL('./load-worker.js', import.meta.url).pathname;
const DATABASE = 'lmt_province';
const SAMPLES = 15;
const ROUNDS = 3;
const LOAD_SECONDS = 10;
const PASSWORD = 'bench-password-0123456789';

export const PROVINCES: ProvinceShape[] = [
  { code: 'BENCH_P30', name: 'Tỉnh Thử Nhỏ', communes: 15, householdsPerCommune: 2000 },
  { code: 'BENCH_P300', name: 'Tỉnh Thử', communes: 150, householdsPerCommune: 2000 },
];

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const p95 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[
    Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)
  ];
const round1 = (value: number) => Math.round(value * 10) / 10;

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Builds the two provinces once; a later run finds them and reuses them. */
async function ensureDataset(server: string, log: (line: string) => void): Promise<string> {
  const url = withDatabase(server, DATABASE);
  const admin = new pg.Client({ connectionString: withDatabase(server, 'postgres') });
  await admin.connect();
  const expected = PROVINCES.reduce((sum, p) => sum + p.communes * p.householdsPerCommune, 0);
  let ready = false;
  if ((await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [DATABASE])).rowCount) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const found = await client
      .query<{ n: number }>(
        `SELECT count(*)::int AS n FROM households WHERE code LIKE 'BENCH\\_P%'`,
      )
      .then((result) => result.rows[0].n)
      .catch(() => 0);
    await client.end();
    ready = found >= expected;
  }
  if (!ready) {
    const started = performance.now();
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    const dataSource = createDataSource({ url, poolSize: 2 });
    await dataSource.initialize();
    await dataSource.runMigrations();
    await seedAll(dataSource, { demo: false, log: () => undefined });
    await dataSource.destroy();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    for (const province of PROVINCES) await generateProvince(client, province);
    // VACUUM as well: the visibility map lets the progress counts read evaluations from the index alone.
    await client.query('VACUUM ANALYZE');
    const counts = await client.query<{ households: number; evaluations: number }>(
      `SELECT (SELECT count(*)::int FROM households) AS households,
              (SELECT count(*)::int FROM evaluations) AS evaluations`,
    );
    await client.end();
    log(
      `Generated ${counts.rows[0].households.toLocaleString('en')} households and ` +
        `${counts.rows[0].evaluations.toLocaleString('en')} evaluations in ${Math.round((performance.now() - started) / 1000)} s`,
    );
  } else {
    log(`Reusing ${DATABASE}`);
  }
  await admin.end();
  return url;
}

async function samples(measure: () => Promise<unknown>): Promise<number[]> {
  for (let warm = 0; warm < 3; warm++) await measure();
  const times: number[] = [];
  for (let index = 0; index < SAMPLES; index++) {
    const started = performance.now();
    await measure();
    times.push(performance.now() - started);
  }
  return times;
}

interface Worker {
  ms: number;
  peakMb: number;
}

async function exportWorker(url: string, mode: string, code: string, out: string): Promise<Worker> {
  const { stdout } = await run(
    process.execPath,
    [EXPORT_WORKER, mode, code, String(LAST_YEAR), out],
    {
      env: { ...process.env, DATABASE_URL: url },
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as Worker;
}

export async function provinceBench(server: string, folder: string, log: (line: string) => void) {
  const url = await ensureDataset(server, log);
  const dataSource = createDataSource({ url, poolSize: 10 });
  await dataSource.initialize();
  // A dataset kept from an earlier run gets the migrations added since.
  await dataSource.runMigrations({ transaction: 'each' });
  const app = await createApp(dataSource, { logger: false });
  await app.get(UsersService).ensureAdmin(PASSWORD);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const get = async (path: string) => {
    const response = await fetch(`${base}${path}`, {
      headers: { authorization: `Bearer ${accessToken}`, 'accept-encoding': 'gzip' },
    });
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    await response.arrayBuffer();
  };
  const pool = new pg.Pool({ connectionString: url, max: 10, options: SESSION_OPTIONS });
  const areaId = async (code: string) =>
    (await pool.query<{ id: number }>(`SELECT id FROM areas WHERE code = $1`, [code])).rows[0].id;
  // The statements of a progress count alone: the trees and plans, then the counts.
  const db = new Db(dataSource);
  const areaTrees = new AreaTreeRepository(db);
  const counts = new ProgressRepository(db);
  const bare = async (id: number, level: RowLevel, years: number[], withData: boolean) =>
    counts.counts((await areaTrees.yearTrees(id, level, years, withData)).trees);

  const latency = [];
  for (const province of PROVINCES) {
    const provinceId = await areaId(province.code);
    const communeCode = `${province.code}_C001`;
    const communeId = await areaId(communeCode);
    const households = province.communes * province.householdsPerCommune;
    const cases = [
      {
        case: `progress, province (${province.communes} communes × 4 kinds)`,
        api: () => get(`/api/progress?area=${province.code}&year=${LAST_YEAR}`),
        sql: () => bare(provinceId, 'commune', [LAST_YEAR], false),
      },
      {
        case: 'progress, one commune',
        api: () => get(`/api/progress?area=${communeCode}&year=${LAST_YEAR}`),
        sql: () => bare(communeId, 'hamlet', [LAST_YEAR], false),
      },
      {
        case: 'trend, province, 5 years',
        api: () => get(`/api/progress/trend?area=${province.code}&year=${LAST_YEAR}`),
        sql: () => bare(provinceId, 'commune', [], true),
      },
    ];
    for (const item of cases) {
      // Alternate the two so background load on a shared machine falls on both alike.
      const api = await samples(item.api);
      const sql = await samples(item.sql);
      latency.push({
        households,
        case: item.case,
        apiMedianMs: round1(median(api)),
        apiP95Ms: round1(p95(api)),
        sqlMedianMs: round1(median(sql)),
        sqlP95Ms: round1(p95(sql)),
        ratio: round1(median(api) / median(sql)),
      });
    }
  }

  const pick = <T extends { households: number; case: string }>(
    rows: T[],
    name: string,
    size: number,
  ): T => rows.find((row) => row.case.startsWith(name) && row.households === size) as T;

  // The insight queries against the progress query of the same area, both through the API.
  const insights = [];
  for (const province of PROVINCES) {
    const households = province.communes * province.householdsPerCommune;
    const communeCode = `${province.code}_C001`;
    const query = `year=${LAST_YEAR}&kind=family`;
    const reference = {
      province: pick(latency, 'progress, province', households).apiMedianMs,
      commune: pick(latency, 'progress, one commune', households).apiMedianMs,
    };
    const cases = [
      ['blocking, province', 'province', `/api/insights/blocking?area=${province.code}&${query}`],
      [
        'focus (with the pace), province',
        'province',
        `/api/insights/focus?area=${province.code}&${query}`,
      ],
      [
        'near misses, one commune',
        'commune',
        `/api/insights/near-misses?area=${communeCode}&${query}`,
      ],
      [
        'focus (with the pace), one commune',
        'commune',
        `/api/insights/focus?area=${communeCode}&${query}`,
      ],
    ] as const;
    for (const [label, scope, path] of cases) {
      const times = await samples(() => get(path));
      insights.push({
        households,
        case: label,
        apiMedianMs: round1(median(times)),
        apiP95Ms: round1(p95(times)),
        progressMedianMs: reference[scope],
        ratioToProgress: round1(median(times) / reference[scope]),
      });
    }
  }

  const exports = [];
  for (const province of PROVINCES) {
    const households = province.communes * province.householdsPerCommune;
    for (const [label, product, floor, code] of [
      ['area summary, province', 'area-product', 'area-bare', province.code],
      ['commune workbook, largest commune', 'product', 'bare', `${province.code}_C001`],
    ] as const) {
      const products: Worker[] = [];
      const bares: Worker[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        products.push(await exportWorker(url, product, code, join(folder, `${code}-p.xlsx`)));
        bares.push(await exportWorker(url, floor, code, join(folder, `${code}-b.xlsx`)));
      }
      const productMs = median(products.map((r) => r.ms));
      const bareMs = median(bares.map((r) => r.ms));
      exports.push({
        households,
        case: label,
        productMs,
        bareMs,
        ratio: round1(productMs / bareMs),
        productPeakMb: Math.max(...products.map((r) => r.peakMb)),
        barePeakMb: Math.max(...bares.map((r) => r.peakMb)),
      });
    }
  }

  // Households kept without an evaluation in the last year: each request saves one of them.
  const reserve = (
    await pool.query<{ code: string }>(
      `SELECT h.code FROM households h
        WHERE h.code LIKE 'BENCH\\_P300\\_%' AND NOT EXISTS (
          SELECT 1 FROM evaluations e WHERE e.household_id = h.id AND e.year = $1 AND e.kind = 'family')
        ORDER BY h.id`,
      [LAST_YEAR],
    )
  ).rows.map((row) => row.code);
  const codesFile = join(folder, 'reserve.json');
  await writeFile(codesFile, JSON.stringify(reserve));
  const { stdout } = await run(
    process.execPath,
    [LOAD_WORKER, base, accessToken, codesFile, String(LAST_YEAR), String(LOAD_SECONDS)],
    { maxBuffer: 1 << 20 },
  );
  const loadResult = JSON.parse(stdout.trim().split('\n').at(-1) as string) as {
    requests: number;
    perSecond: number;
    p99Ms: number;
    ok: number;
    non2xx: number;
    errors: number;
  };
  const saved = (
    await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM evaluations e JOIN households h ON h.id = e.household_id
        WHERE e.year = $1 AND h.code = ANY($2)`,
      [LAST_YEAR, reserve],
    )
  ).rows[0].n;
  // Back to the dataset as generated, so the next run measures the same thing.
  await pool.query(
    `DELETE FROM evaluations e USING households h
      WHERE h.id = e.household_id AND e.year = $1 AND h.code = ANY($2)`,
    [LAST_YEAR, reserve],
  );
  const load = { ...loadResult, rowsSaved: saved, lost: loadResult.ok - saved };

  await pool.end();
  await app.close();

  const [small, large] = PROVINCES.map((p) => p.communes * p.householdsPerCommune);
  /** One figure at both sizes, and how much it grew against the data. */
  const grow = <T extends { households: number; case: string }>(
    what: string,
    rows: T[],
    name: string,
    figure: (row: T) => number,
  ) => {
    const [at30k, at300k] = [small, large].map((size) => figure(pick(rows, name, size)));
    return {
      what,
      at30k,
      at300k,
      growth: round1(at300k / at30k),
      dataGrowth: round1(large / small),
    };
  };
  const growth = [
    grow('progress, province (API median)', latency, 'progress, province', (r) => r.apiMedianMs),
    grow('trend, province (API median)', latency, 'trend', (r) => r.apiMedianMs),
    grow('area summary export (ms)', exports, 'area summary', (r) => r.productMs),
    grow('area summary export (peak MB)', exports, 'area summary', (r) => r.productPeakMb),
    grow('commune workbook export (peak MB)', exports, 'commune workbook', (r) => r.productPeakMb),
  ];
  return { latency, insights, exports, load, growth };
}
