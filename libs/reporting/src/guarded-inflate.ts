import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import zlib from 'node:zlib';
import type yauzl from 'yauzl';
import { type ImportLimits, UnreadableWorkbookError, vi } from './import-limits.js';

const STORED = 0;
const DEFLATED = 8;
/** Bigger than zlib's 16 KiB default: fewer round trips, and a limit is still caught within one. */
const CHUNK_BYTES = 64 * 1024;

/** What the parts read from one archive have inflated so far, against the archive's limits. */
export class InflateBudget {
  inflated = 0;

  constructor(readonly limits: Pick<ImportLimits, 'unzippedBytes' | 'ratio' | 'ratioSlackBytes'>) {}
}

function bomb(detail: string): UnreadableWorkbookError {
  return new UnreadableWorkbookError(`tệp giải nén ra quá lớn: ${detail} (nghi là tệp độc hại)`);
}

/** The parts add up to more than the archive may inflate to. */
export function tooLarge(limits: Pick<ImportLimits, 'unzippedBytes'>): UnreadableWorkbookError {
  return bomb(`quá ${vi(limits.unzippedBytes / 1024 / 1024)} MB`);
}

/** A part inflates to more times its compressed size than a spreadsheet's XML does. */
export function tooCompressed(limits: Pick<ImportLimits, 'ratio'>): UnreadableWorkbookError {
  return bomb(`hơn ${vi(limits.ratio)} lần dung lượng nén`);
}

/**
 * One part's bytes as they really inflate, a chunk at a time, pulled by the caller (nothing is
 * inflated ahead of what it reads). Nothing the zip declares is trusted: the bytes are counted as
 * they come out and the part stops at the first chunk past its declared size, past the archive's
 * total, or past the ratio to the compressed bytes zlib has consumed so far. Leaving the loop
 * early (a limit, or the caller has what it needs) destroys the streams.
 */
export async function* inflatePart(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  budget: InflateBudget,
): AsyncGenerator<Buffer> {
  if (entry.isEncrypted())
    throw new UnreadableWorkbookError('tệp .xlsx có mật khẩu; hãy lưu lại không đặt mật khẩu');
  if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED)
    throw new UnreadableWorkbookError('tệp .xlsx dùng kiểu nén không hỗ trợ');
  const { limits } = budget;
  const raw = await zip.openReadStreamPromise(entry, { decodeFileData: false });
  const inflater =
    entry.compressionMethod === DEFLATED ? zlib.createInflateRaw({ chunkSize: CHUNK_BYTES }) : null;
  // The pipeline's own callback has nothing to add: an error reaches the loop below.
  const output: Readable = inflater ? pipeline(raw, inflater, () => undefined) : raw;
  let part = 0;
  try {
    for await (const chunk of output as AsyncIterable<Buffer>) {
      part += chunk.length;
      budget.inflated += chunk.length;
      if (part > entry.uncompressedSize) throw bomb('vượt kích thước ghi trong tệp');
      if (budget.inflated > limits.unzippedBytes) throw tooLarge(limits);
      if (inflater && part > limits.ratio * inflater.bytesWritten + limits.ratioSlackBytes)
        throw tooCompressed(limits);
      yield chunk;
    }
  } finally {
    output.destroy();
    raw.destroy();
  }
}
