import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  BackupError,
  encodeBackup,
  readBackup,
  type BackupHeader,
  type BackupTable,
} from './backup-format.js';

// COPY text as PostgreSQL writes it: tabs between fields, `\N` for NULL, and a backslash, newline
// or tab inside a value escaped, so `\\.` below is a value holding a backslash and a dot.
const ROWS: Record<string, string> = {
  areas: '1\tHUONG_THUY\tThị xã Hương Thủy\n2\tHT_PHU_BAI\tPhường Phú Bài\n',
  audit_log: '',
  households: '7\t\\\\.\t\\N\n8\tdòng 1\\ndòng 2\t\\\\\n9\t\\.x\tend\n',
};

const HEADER: BackupHeader = {
  createdAt: '2026-11-29T19:40:00.000Z',
  server: '18.0',
  database: 'learning_models',
  migrations: ['CoreSchema1764400000000'],
  tables: Object.entries(ROWS).map(([name, rows]) => ({
    name,
    columns: ['id', 'code', 'name'],
    rows: rows.split('\n').length - 1,
  })),
  sequences: [{ name: 'areas_id_seq', lastValue: '2', isCalled: true }],
};

async function encode(rows = ROWS): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const data = (table: BackupTable) => {
    // Split mid-line, as COPY's chunks are.
    const text = Buffer.from(rows[table.name]);
    return Readable.from([text.subarray(0, 5), text.subarray(5)]);
  };
  for await (const chunk of encodeBackup(HEADER, data)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function inPieces(content: Buffer, size: number): Readable {
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < content.length; offset += size)
    pieces.push(content.subarray(offset, offset + size));
  return Readable.from(pieces);
}

async function decode(source: AsyncIterable<Buffer>) {
  const loaded: Record<string, string> = {};
  const contents = await readBackup(source, async (table, data) => {
    const chunks: Buffer[] = [];
    for await (const chunk of data) {
      expect(chunk.at(-1)).toBe(0x0a);
      chunks.push(chunk);
    }
    loaded[table.name] = Buffer.concat(chunks).toString();
  });
  return { ...contents, loaded };
}

const refusal = async (content: Buffer): Promise<string> => {
  const error = await decode(inPieces(content, 64)).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BackupError);
  return (error as BackupError).message;
};

describe('the backup file format', () => {
  it('reads back the header and every table, whatever the chunks it arrives in', async () => {
    const content = await encode();
    for (const size of [1, 2, 3, 7, 64, content.length]) {
      const { header, loaded, checksum } = await decode(inPieces(content, size));
      expect(header).toEqual(HEADER);
      expect(loaded).toEqual(ROWS);
      const trailer = content.lastIndexOf('END ');
      expect(checksum).toBe(
        createHash('sha256').update(content.subarray(0, trailer)).digest('hex'),
      );
      expect(content.subarray(trailer).toString()).toBe(`END ${checksum}\n`);
    }
  });

  it('starts with its name and version and ends with the checksum line', async () => {
    const lines = (await encode()).toString().split('\n');
    expect(lines[0]).toBe('LMT-BACKUP 1');
    expect(JSON.parse(lines[1])).toEqual(HEADER);
    expect(lines[2]).toBe('TABLE areas');
    expect(lines.at(-2)).toMatch(/^END [0-9a-f]{64}$/);
  });

  it('refuses the content with any one byte changed', async () => {
    const content = await encode();
    for (let index = 0; index < content.length; index++) {
      const damaged = Buffer.from(content);
      damaged[index] ^= 0x01;
      await refusal(damaged);
    }
  });

  it('refuses the content cut short anywhere, or with more after the checksum', async () => {
    const content = await encode();
    for (let length = 0; length < content.length; length++) {
      await refusal(content.subarray(0, length));
    }
    expect(await refusal(content.subarray(0, content.length - 10))).toMatch(/truncated/);
    expect(await refusal(Buffer.concat([content, Buffer.from('x')]))).toMatch(
      /data after its checksum/,
    );
  });

  it('says which check failed', async () => {
    const content = await encode();
    const flipped = Buffer.from(content);
    flipped[content.indexOf('Phú Bài')] ^= 0x01;
    expect(await refusal(flipped)).toMatch(/does not match the SHA-256 checksum/);
    expect(await refusal(Buffer.from('PGDMP\u0001\u000e\u0000'))).toMatch(
      /Not a backup made by this product/,
    );
    expect(await refusal(Buffer.from(`LMT-BACKUP 2\n{}\n`))).toMatch(
      /format version 2; this version of the product reads version 1/,
    );
    expect(await refusal(Buffer.from(`LMT-BACKUP 1\n{"createdAt":1}\n`))).toMatch(
      /header lacks a field/,
    );
  });

  it('will not frame COPY data that does not end a line', async () => {
    await expect(encode({ ...ROWS, audit_log: '1\tx' })).rejects.toThrow(/does not end a line/);
  });
});
