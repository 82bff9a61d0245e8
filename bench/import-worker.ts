import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createDataSource } from '@app/database';
import { foldForSearch } from '@app/domain';
import { processSecret } from '@app/api/app.factory.js';
import { AppModule } from '@app/api/app.module.js';
import { ImportsService } from '@app/api/imports/imports.service.js';
import { benchHousehold } from './import-rows.js';

/**
 * One import in its own process, so its peak memory (maxRSS) is its own. `import` runs the
 * product's import of the workbook (read, check, write, audit); `copy` loads the same rows with
 * PostgreSQL's COPY, the fastest way there is to put them in the table. Prints one JSON line.
 */
const [mode, file, communeCode] = process.argv.slice(2);
const url = process.env.DATABASE_URL as string;

async function product(): Promise<number> {
  const dataSource = createDataSource({ url, poolSize: 4 });
  await dataSource.initialize();
  const context = await NestFactory.createApplicationContext(
    AppModule.forDataSource(dataSource, processSecret()),
    { logger: false },
  );
  const buffer = await readFile(file);
  const started = performance.now();
  const report = await context
    .get(ImportsService)
    .run(
      'households',
      { commune: communeCode, dryRun: false },
      { buffer, originalname: 'bench.xlsx' },
      { username: 'cli', role: 'admin', scopeAreaId: null },
    );
  const elapsed = performance.now() - started;
  if (report.created === 0) throw new Error('the import created nothing');
  await context.close();
  return elapsed;
}

async function copy(rows: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const hamlets = (
    await client.query<{ id: number; code: string }>(
      `SELECT a.id, a.code FROM areas a JOIN area_parents ap ON ap.area_id = a.id
        JOIN areas c ON c.id = ap.parent_id WHERE c.code = $1 ORDER BY a.code`,
      [communeCode],
    )
  ).rows;
  const ids = new Map(hamlets.map((h) => [h.code, h.id]));
  const codes = hamlets.map((h) => h.code);
  const started = performance.now();
  function* lines() {
    for (let index = 1; index <= rows; index++) {
      const row = benchHousehold(index, codes);
      yield `${row.code},"${row.headName}","${foldForSearch(row.headName)}",${ids.get(row.hamletCode)},${row.members},2016-01-01\n`;
    }
  }
  await pipeline(
    Readable.from(lines()),
    client.query(
      copyFrom(
        `COPY households (code, head_name, head_name_folded, hamlet_id, members, active_from) FROM STDIN (FORMAT csv)`,
      ),
    ),
  );
  const elapsed = performance.now() - started;
  await client.end();
  return elapsed;
}

async function main(): Promise<void> {
  const elapsed = mode === 'import' ? await product() : await copy(Number(process.argv[5]));
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ mode, ms: Math.round(elapsed), peakMb: Math.round(peakMb) }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
