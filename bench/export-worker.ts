import 'reflect-metadata';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { NestFactory } from '@nestjs/core';
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import { AreaTreeRepository, createDataSource, Db, ProgressRepository } from '@app/database';
import { processSecret } from '@app/api/app.factory.js';
import { AppModule } from '@app/api/app.module.js';
import { ReportsService } from '@app/api/reports/reports.service.js';

/**
 * One export in its own process, so its peak memory (maxRSS) is its own. The server is long-lived,
 * so each side runs once untimed to warm up (JIT, fonts, connections) and the second run is timed.
 * Prints one JSON line: the milliseconds the timed export took and the peak resident memory in MB.
 */
const [mode, communeCode, yearText, out] = process.argv.slice(2);
const year = Number(yearText);

async function product(dataSource: DataSource, scope: 'area' | 'commune'): Promise<number> {
  const context = await NestFactory.createApplicationContext(
    AppModule.forDataSource(dataSource, processSecret()),
    {
      logger: false,
    },
  );
  const reports = context.get(ReportsService);
  const once = async () => {
    const started = performance.now();
    const file =
      scope === 'area'
        ? await reports.areaWorkbook(communeCode, year)
        : await reports.communeWorkbook(communeCode, year);
    await pipeline(file.stream, createWriteStream(out));
    return performance.now() - started;
  };
  await once();
  const elapsed = await once();
  await context.close();
  return elapsed;
}

/** The floor: the same family rows read with a cursor and written by exceljs's streaming writer, nothing else. */
async function bare(dataSource: DataSource): Promise<number> {
  const started = performance.now();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: createWriteStream(out) });
  const sheet = workbook.addWorksheet('Gia đình');
  const runner = dataSource.createQueryRunner();
  const stream = await runner.stream(
    `SELECT s.code, s.head_name, hm.name AS hamlet, e.registered, e.scores, e.total::float8 AS total,
            e.status, e.decision_number, e.decision_date
       FROM households s
       JOIN areas hm ON hm.id = s.hamlet_id
       JOIN area_parents ap ON ap.area_id = hm.id AND ap.valid_to IS NULL
       JOIN areas c ON c.id = ap.parent_id AND c.code = $1
       LEFT JOIN evaluations e ON e.household_id = s.id AND e.kind = 'family' AND e.year = $2
      ORDER BY hm.code, s.code`,
    [communeCode, year],
  );
  let index = 0;
  for await (const raw of stream) {
    const row = raw as {
      code: string;
      head_name: string;
      hamlet: string;
      registered: boolean | null;
      scores: Record<string, number> | null;
      total: number | null;
      status: string | null;
      decision_number: string | null;
      decision_date: Date | null;
    };
    index += 1;
    const scores = row.scores ?? {};
    sheet
      .addRow([
        index,
        row.code,
        row.head_name,
        row.hamlet,
        row.registered,
        scores['1'],
        scores['2'],
        scores['3'],
        scores['4'],
        row.total,
        row.status,
        row.decision_number,
        row.decision_date,
      ])
      .commit();
  }
  await runner.release();
  sheet.commit();
  await workbook.commit();
  return performance.now() - started;
}

/** The floor of the area summary: its counts read by the same statement and written bare. */
async function bareArea(dataSource: DataSource): Promise<number> {
  const started = performance.now();
  const [area] = await dataSource.query<{ id: number }[]>(`SELECT id FROM areas WHERE code = $1`, [
    communeCode,
  ]);
  const db = new Db(dataSource);
  const { trees } = await new AreaTreeRepository(db).yearTrees(area.id, 'commune', [year], false);
  const rows = await new ProgressRepository(db).counts(trees);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: createWriteStream(out) });
  const sheet = workbook.addWorksheet('Tổng hợp');
  for (const row of rows) sheet.addRow(Object.values(row)).commit();
  sheet.commit();
  await workbook.commit();
  return performance.now() - started;
}

async function main(): Promise<void> {
  const dataSource = createDataSource({ url: process.env.DATABASE_URL as string });
  await dataSource.initialize();
  const runs: Record<string, () => Promise<number>> = {
    product: () => product(dataSource, 'commune'),
    bare: () => bare(dataSource).then(() => bare(dataSource)),
    'area-product': () => product(dataSource, 'area'),
    'area-bare': () => bareArea(dataSource).then(() => bareArea(dataSource)),
  };
  const elapsed = await runs[mode]();
  if (dataSource.isInitialized) await dataSource.destroy();
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    JSON.stringify({ mode, communeCode, ms: Math.round(elapsed), peakMb: Math.round(peakMb) }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
