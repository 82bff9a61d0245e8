import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import ts from 'typescript';
import { REGISTRY_COLUMNS } from '@app/domain';
import { writeImportTemplate } from '@app/reporting';
import { HOSTILE_UPLOADS } from './support/hostile-uploads.js';
import {
  batched,
  deflatedPart,
  MAIN_NS,
  partsOf,
  withPart,
  zipOf,
  type ZipPart,
} from './support/xlsx-parts.js';

/**
 * The peak memory of reading each hostile upload, and a legitimate large one, measured honestly:
 * each file is read by the import's reader in a `node` process of its own, which reports its own
 * peak RSS (and its maxRSS, which may include this process's: see read-upload.ts). The child runs
 * plain JavaScript transpiled here from the reader's modules (TypeScript is a dev dependency), so
 * the test needs no build and the child loads nothing but the reader.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'test', 'artifacts', 'upload-memory');
const BUDGET_MB = 500;
/** Building a file and reading it in a child, on a loaded 2-core machine. */
const TIMEOUT = 180_000;
const run = promisify(execFile);

interface Measure {
  rows: number;
  refusal: string | null;
  ms: number;
  /** The child's own peak RSS (VmHWM; see read-upload.ts). */
  peakMb: number;
  /** What process.resourceUsage() says, the parent's peak possibly included. */
  maxRssMb: number;
}

/**
 * Transpiles `entry` and every module it imports by a relative path into OUT, each at its place
 * under the root. Type-only imports are gone from the output, so only what runs is followed.
 */
async function transpile(entry: string): Promise<string> {
  const target = (file: string) => join(OUT, 'js', relative(ROOT, file)).replace(/\.ts$/, '.js');
  const pending = [entry];
  const done = new Set<string>();
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (done.has(file)) continue;
    done.add(file);
    const { outputText } = ts.transpileModule(await readFile(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2023 },
      fileName: file,
    });
    await mkdir(dirname(target(file)), { recursive: true });
    await writeFile(target(file), outputText);
    for (const [, path] of outputText.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g))
      pending.push(join(dirname(file), `${path}.ts`));
  }
  return target(entry);
}

/** Reads the file in a child process; old space is capped so a failure cannot swamp the machine. */
async function measure(script: string, name: string, file: Buffer): Promise<Measure> {
  const path = join(OUT, 'files', `${name.replace(/[^a-z0-9]+/gi, '-')}.xlsx`);
  await writeFile(path, file);
  const { stdout } = await run(process.execPath, ['--max-old-space-size=1024', script, path], {
    timeout: 120_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as Measure;
}

/** 100,000 households as an official would save them: shared strings, one row each. */
async function households(rows: number): Promise<Buffer> {
  const path = join(OUT, 'files', 'households-writing.xlsx');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: createWriteStream(path),
    useSharedStrings: true,
  });
  const sheet = workbook.addWorksheet('Dữ liệu');
  sheet.addRow(REGISTRY_COLUMNS.households.map((column) => column.header)).commit();
  for (let index = 1; index <= rows; index++) {
    const number = String(index).padStart(6, '0');
    sheet
      .addRow([
        `HT_H${number}`,
        `Nguyễn Thị Nhập ${number}`,
        `HT_PHU_BAI_T0${1 + (index % 9)}`,
        null,
        1 + (index % 7),
        `Tổ ${1 + (index % 40)}, thôn Phú Bài`,
        '01/01/2016',
      ])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
  return readFile(path);
}

/**
 * The largest shared-strings table the limits let through: just under a million strings and forty
 * million characters, nearly all Vietnamese letters that take three bytes in UTF-8.
 */
function fullStrings(template: ZipPart[]): Buffer {
  const count = 999_999;
  const length = Math.floor(40_000_000 / count);
  const item = (index: number) => `<si><t>${`${index} `.padEnd(length, 'ễồấờữặ')}</t></si>`;
  return zipOf(
    withPart(
      template,
      deflatedPart('xl/sharedStrings.xml', [
        `<sst xmlns="${MAIN_NS}">`,
        ...batched(count, item),
        '</sst>',
      ]),
    ),
  );
}

describe('the peak memory of reading an upload, each in a process of its own', () => {
  const results: (Measure & { name: string })[] = [];
  let script: string;
  let template: ZipPart[];
  let templateFile: Buffer;

  beforeAll(async () => {
    await rm(OUT, { recursive: true, force: true });
    await mkdir(join(OUT, 'files'), { recursive: true });
    script = await transpile(join(ROOT, 'test', 'support', 'read-upload.ts'));
    templateFile = await writeImportTemplate({
      title: 'Danh sách hộ',
      columns: REGISTRY_COLUMNS.households,
      examples: [{ code: 'HT_001', headName: 'Lê Văn Mẫu', hamletCode: 'HT_PHU_BAI_T01' }],
      lists: [],
      instructions: [],
    });
    template = await partsOf(templateFile);
  }, TIMEOUT);

  afterAll(async () => {
    const lines = results.map(
      (result) =>
        `${result.name.padEnd(60)} ${String(result.peakMb).padStart(5)} MB (maxRSS ${String(result.maxRssMb).padStart(4)}) ${String(result.ms).padStart(6)} ms  ${result.refusal ?? `${result.rows} rows`}`,
    );
    console.log(
      `peak RSS and time of the reader, each file in its own process:\n${lines.join('\n')}`,
    );
    await writeFile(join(OUT, 'results.json'), JSON.stringify(results, null, 2));
  });

  const record = async (name: string, file: Buffer): Promise<Measure> => {
    const result = await measure(script, name, file);
    results.push({ name, ...result });
    return result;
  };

  it(
    'the template, for the process at rest',
    async () => {
      expect(await record('the households template', templateFile)).toMatchObject({
        rows: 2,
        refusal: null,
      });
    },
    TIMEOUT,
  );

  it.each(HOSTILE_UPLOADS.map((upload) => [upload.name, upload]))(
    'refuses %s within the budget',
    async (name, upload) => {
      const result = await record(name, upload.build(template));
      expect(result.refusal).toMatch(upload.message);
      expect(result.peakMb).toBeLessThan(BUDGET_MB);
    },
    TIMEOUT,
  );

  it(
    'holds the largest shared-strings table the limits allow within the budget',
    async () => {
      const file = fullStrings(template);
      expect(file.length).toBeLessThan(20 * 1024 * 1024);
      const result = await record('shared strings filled to both limits', file);
      expect(result).toMatchObject({ rows: 2, refusal: null });
      expect(result.peakMb).toBeLessThan(BUDGET_MB);
    },
    TIMEOUT,
  );

  it(
    'reads 100,000 households within the budget',
    async () => {
      const result = await record('100,000 households', await households(100_000));
      expect(result).toMatchObject({ rows: 100_001, refusal: null });
      expect(result.peakMb).toBeLessThan(BUDGET_MB);
    },
    TIMEOUT,
  );

  it('keeps the worst case of all within the budget', () => {
    expect(results.length).toBe(HOSTILE_UPLOADS.length + 3);
    expect(Math.max(...results.map((result) => result.peakMb))).toBeLessThan(BUDGET_MB);
  });
});
