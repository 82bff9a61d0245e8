import yauzl from 'yauzl';
import {
  batched,
  deflatedPart,
  repeatedPart,
  storedPart,
  zipOf,
  type ZipPart,
} from '../../../test/support/xlsx-parts.js';
import { InflateBudget, inflatePart } from './guarded-inflate.js';
import { IMPORT_LIMITS, UnreadableWorkbookError } from './import-limits.js';

/** Inflates each part of a zip in turn against one budget, straight from its entry: no directory check. */
async function inflateAll(parts: ZipPart[], budget: InflateBudget): Promise<number[]> {
  const zip = await yauzl.fromBufferPromise(zipOf(parts), { lazyEntries: true });
  const sizes: number[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      let size = 0;
      for await (const chunk of inflatePart(zip, entry, budget)) size += chunk.length;
      sizes.push(size);
    }
  } finally {
    zip.close();
  }
  return sizes;
}

async function refusal(parts: ZipPart[], budget: InflateBudget): Promise<string> {
  try {
    await inflateAll(parts, budget);
  } catch (error) {
    expect(error).toBeInstanceOf(UnreadableWorkbookError);
    return (error as Error).message;
  }
  throw new Error('every part inflated');
}

const numbers = (name: string, count: number) =>
  deflatedPart(
    name,
    batched(count, (index) => `<c><v>${index}</v></c>`),
  );

describe('inflating a part under the limits, whatever its zip declares', () => {
  it('gives the bytes of deflated and stored parts, and counts them', async () => {
    const budget = new InflateBudget(IMPORT_LIMITS);
    const sizes = await inflateAll([numbers('a.xml', 1000), storedPart('b.xml', 'chữ')], budget);
    expect(sizes).toEqual([numbers('a.xml', 1000).size, Buffer.byteLength('chữ')]);
    expect(budget.inflated).toBe(sizes[0] + sizes[1]);
  });

  it('stops whitespace by the ratio within the first half megabyte, though 4 GB is declared', async () => {
    const bomb = repeatedPart('sheet.xml', {
      head: '<sheetData>',
      filler: ' '.repeat(1024 * 1024),
      times: 4096,
      tail: '</sheetData>',
      declared: 4_000_000_000,
    });
    const budget = new InflateBudget(IMPORT_LIMITS);
    expect(await refusal([bomb], budget)).toBe(
      'tệp giải nén ra quá lớn: hơn 200 lần dung lượng nén (nghi là tệp độc hại)',
    );
    expect(budget.inflated).toBeLessThan(512 * 1024);
  });

  it('stops at the archive’s total across parts, though the parts declare more', async () => {
    const declaredBig = (part: ZipPart): ZipPart => ({ ...part, size: 4_000_000_000 });
    const budget = new InflateBudget({ ...IMPORT_LIMITS, unzippedBytes: 1024 * 1024 });
    expect(
      await refusal(
        [declaredBig(numbers('a.xml', 40_000)), declaredBig(numbers('b.xml', 40_000))],
        budget,
      ),
    ).toBe('tệp giải nén ra quá lớn: quá 1 MB (nghi là tệp độc hại)');
    expect(budget.inflated).toBeLessThan(1024 * 1024 + 64 * 1024);
  });

  it('stops a part at the size it declares', async () => {
    const part = numbers('a.xml', 40_000);
    expect(
      await refusal([{ ...part, size: part.size - 1 }], new InflateBudget(IMPORT_LIMITS)),
    ).toBe('tệp giải nén ra quá lớn: vượt kích thước ghi trong tệp (nghi là tệp độc hại)');
  });

  it('refuses compression methods a workbook does not use', async () => {
    const part = { ...numbers('a.xml', 10), method: 12 };
    expect(await refusal([part], new InflateBudget(IMPORT_LIMITS))).toBe(
      'tệp .xlsx dùng kiểu nén không hỗ trợ',
    );
  });
});
