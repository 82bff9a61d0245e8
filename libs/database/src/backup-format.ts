import { createHash } from 'node:crypto';

/**
 * The backup file's content, before compression. Plain text, so `zcat` shows what a file holds:
 *
 *     LMT-BACKUP 1                       the format's name and version
 *     {"createdAt":…,"tables":[…]}      the header, one line of JSON
 *     TABLE areas                        then per table, in an order that satisfies foreign keys,
 *     1\tHUONG_THUY\t…                   its rows as PostgreSQL's COPY text,
 *     \.                                 up to COPY's end-of-data line
 *     …
 *     END <sha256>                       the SHA-256 of every byte before this line
 *
 * COPY's text format escapes backslashes and newlines inside values, so a data line is never `\.`.
 */
export const BACKUP_FORMAT = 'LMT-BACKUP';
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupTable {
  name: string;
  /** The columns of the COPY data, in order; generated columns are left out (they are recomputed). */
  columns: string[];
  rows: number;
}

export interface BackupSequence {
  name: string;
  /** A bigint, as text. */
  lastValue: string;
  isCalled: boolean;
}

export interface BackupHeader {
  createdAt: string;
  /** The server's `server_version`. */
  server: string;
  database: string;
  /** The applied migrations, in the order they ran: the schema the data fits. */
  migrations: string[];
  /** In the order of the file's sections. */
  tables: BackupTable[];
  sequences: BackupSequence[];
}

/** An expected refusal (a damaged file, a database that is not empty): its message says it all. */
export class BackupError extends Error {}

const NEWLINE = 0x0a;
const END_OF_DATA = Buffer.from('\\.\n');
const LINE_END_OF_DATA = Buffer.from('\n\\.\n');
/** Bounds what a file that is not a backup can make the reader hold while it looks for a line. */
const MAX_HEADER_LINE = 16 * 1024 * 1024;
const MAX_FRAME_LINE = 1024;

/** Frames the header and each table's COPY text, and appends the SHA-256 trailer. */
export async function* encodeBackup(
  header: BackupHeader,
  tableData: (table: BackupTable) => AsyncIterable<Buffer>,
): AsyncGenerator<Buffer> {
  const hash = createHash('sha256');
  const hashed = (chunk: Buffer): Buffer => {
    hash.update(chunk);
    return chunk;
  };
  yield hashed(
    Buffer.from(`${BACKUP_FORMAT} ${BACKUP_FORMAT_VERSION}\n${JSON.stringify(header)}\n`),
  );
  for (const table of header.tables) {
    yield hashed(Buffer.from(`TABLE ${table.name}\n`));
    let last = NEWLINE;
    for await (const chunk of tableData(table)) {
      if (chunk.length === 0) continue;
      last = chunk[chunk.length - 1];
      yield hashed(chunk);
    }
    // The end-of-data line is only found at the start of a line.
    if (last !== NEWLINE) throw new Error(`the COPY data of ${table.name} does not end a line`);
    yield hashed(END_OF_DATA);
  }
  yield Buffer.from(`END ${hash.digest('hex')}\n`);
}

const damaged = (what: string) => new BackupError(`The backup file is damaged: ${what}.`);

/** Reads lines and COPY sections off a stream of chunks, hashing what it consumes. */
class FrameReader {
  readonly hash = createHash('sha256');
  private pending: Buffer = Buffer.alloc(0);
  private readonly chunks: AsyncIterator<Buffer>;

  constructor(source: AsyncIterable<Buffer>) {
    this.chunks = source[Symbol.asyncIterator]();
  }

  /** The next line, without its newline. */
  async line(limit: number, hashed = true): Promise<string> {
    for (;;) {
      const end = this.pending.indexOf(NEWLINE);
      if (end >= 0) return this.take(end + 1, hashed).toString('utf8', 0, end);
      if (this.pending.length > limit) throw damaged('a line is longer than the format allows');
      await this.more();
    }
  }

  /** Up to `length` bytes ahead, fewer at the end of the content, consuming nothing. */
  async peek(length: number): Promise<Buffer> {
    while (this.pending.length < length) {
      const next = await this.chunks.next();
      if (next.done) break;
      this.pending = Buffer.concat([this.pending, next.value]);
    }
    return this.pending.subarray(0, length);
  }

  /** A table's COPY text up to its end-of-data line, in chunks of whole lines. */
  async *data(): AsyncGenerator<Buffer> {
    for (;;) {
      if (this.startsWith(END_OF_DATA)) {
        this.take(END_OF_DATA.length);
        return;
      }
      const marker = this.pending.indexOf(LINE_END_OF_DATA);
      if (marker >= 0) {
        yield this.take(marker + 1);
        this.take(END_OF_DATA.length);
        return;
      }
      // Keep the unfinished last line: it may be the start of the end-of-data line.
      const lastLine = this.pending.lastIndexOf(NEWLINE);
      if (lastLine >= 0) yield this.take(lastLine + 1);
      await this.more();
    }
  }

  async end(): Promise<void> {
    if (this.pending.length > 0 || !(await this.chunks.next()).done)
      throw damaged('there is data after its checksum line');
  }

  private startsWith(prefix: Buffer): boolean {
    return (
      this.pending.length >= prefix.length && this.pending.subarray(0, prefix.length).equals(prefix)
    );
  }

  private take(length: number, hashed = true): Buffer {
    const taken = this.pending.subarray(0, length);
    this.pending = this.pending.subarray(length);
    if (hashed) this.hash.update(taken);
    return taken;
  }

  private async more(): Promise<void> {
    const next = await this.chunks.next();
    if (next.done)
      throw new BackupError(
        'The backup file is truncated: it ends before its checksum line (an interrupted copy or backup?).',
      );
    this.pending = this.pending.length > 0 ? Buffer.concat([this.pending, next.value]) : next.value;
  }
}

function parseHeader(line: string): BackupHeader {
  let header: unknown;
  try {
    header = JSON.parse(line);
  } catch {
    throw damaged('its header is not valid JSON');
  }
  const h = header as Partial<BackupHeader> | null;
  const valid =
    typeof h === 'object' &&
    h !== null &&
    typeof h.createdAt === 'string' &&
    typeof h.server === 'string' &&
    typeof h.database === 'string' &&
    Array.isArray(h.migrations) &&
    h.migrations.every((name) => typeof name === 'string') &&
    Array.isArray(h.tables) &&
    h.tables.every(
      (table) =>
        typeof table?.name === 'string' &&
        /^[a-z_][a-z0-9_]*$/.test(table.name) &&
        Array.isArray(table.columns) &&
        table.columns.every((column) => typeof column === 'string') &&
        Number.isInteger(table.rows),
    ) &&
    Array.isArray(h.sequences) &&
    h.sequences.every(
      (sequence) =>
        typeof sequence?.name === 'string' &&
        /^-?\d+$/.test(String(sequence.lastValue)) &&
        typeof sequence.isCalled === 'boolean',
    );
  if (!valid) throw damaged('its header lacks a field or has one of the wrong type');
  return h as BackupHeader;
}

export interface BackupContents {
  header: BackupHeader;
  /** The SHA-256 of the content, as its trailer states and the reader found. */
  checksum: string;
}

/**
 * Reads a backup's content, checking its framing as it goes, and hands each table's COPY text to
 * `load` (which must consume it). The checksum is known only at the end, so whoever writes what it
 * is handed does so in a transaction committed after this resolves.
 */
export async function readBackup(
  source: AsyncIterable<Buffer>,
  load: (table: BackupTable, data: AsyncIterable<Buffer>) => Promise<void> = async (_, data) => {
    for await (const _chunk of data);
  },
): Promise<BackupContents> {
  const reader = new FrameReader(source);
  const magic = `${BACKUP_FORMAT} `;
  if ((await reader.peek(magic.length)).toString('latin1') !== magic)
    throw new BackupError(
      `Not a backup made by this product: it does not start with ${BACKUP_FORMAT}.`,
    );
  const version = (await reader.line(MAX_FRAME_LINE)).slice(magic.length);
  if (version !== String(BACKUP_FORMAT_VERSION))
    throw new BackupError(
      `The backup is in format version ${version}; this version of the product reads version ${BACKUP_FORMAT_VERSION}.`,
    );
  const header = parseHeader(await reader.line(MAX_HEADER_LINE));
  for (const table of header.tables) {
    const section = await reader.line(MAX_FRAME_LINE);
    if (section !== `TABLE ${table.name}`)
      throw damaged(`the rows of table ${table.name} are not where its header says`);
    const data = reader.data();
    await load(table, data);
    // Whatever `load` left unread still has to be hashed and framed.
    for await (const _chunk of data);
  }
  const checksum = reader.hash.digest('hex');
  const trailer = await reader.line(MAX_FRAME_LINE, false);
  if (!/^END [0-9a-f]{64}$/.test(trailer)) throw damaged('its checksum line is missing');
  if (trailer !== `END ${checksum}`)
    throw damaged('its content does not match the SHA-256 checksum written with it');
  await reader.end();
  return { header, checksum };
}
