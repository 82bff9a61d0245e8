import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { readFirstSheet } from '../../libs/reporting/src/xlsx-reader.js';

/**
 * Reads one upload with the import's reader in a process of its own, so the process's peak memory
 * is the reader's: Node, yauzl, saxes and what the file makes the reader hold. Prints one JSON
 * line. Run by test/upload-memory.e2e-spec.ts, which transpiles it first.
 */

/**
 * The peak RSS of this process image, in MB. maxRSS would be it, but Linux carries the parent's
 * peak into a child's maxRSS across fork and exec: a 38 MB child of a 1.8 GB process reported
 * 1.3 GB, so under a long-running jest worker it measured the worker. VmHWM belongs to the
 * memory of this image alone; maxRSS stands in where there is no /proc.
 */
function peakMb(): number {
  try {
    const hwm = /VmHWM:\s*(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Math.round(Number(hwm[1]) / 1024);
  } catch {
    // Not Linux.
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

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
    peakMb: peakMb(),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
