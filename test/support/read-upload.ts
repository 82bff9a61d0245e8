import { readFile } from 'node:fs/promises';
import { readFirstSheet } from '../../libs/reporting/src/xlsx-reader.js';

/**
 * Reads one upload with the import's reader in a process of its own, so the process's peak memory
 * (maxRSS) is the reader's: Node, yauzl, saxes and what the file makes the reader hold. Prints one
 * JSON line. Run by test/upload-memory.e2e-spec.ts, which transpiles it first.
 */
const file = await readFile(process.argv[2]);
const started = performance.now();
let rows = 0;
let refusal: string | null = null;
try {
  for await (const _row of readFirstSheet(file)) rows++;
} catch (error) {
  refusal = (error as Error).message;
}
console.log(
  JSON.stringify({
    rows,
    refusal,
    ms: Math.round(performance.now() - started),
    peakMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
