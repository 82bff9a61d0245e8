import { constants, crc32, deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';

/**
 * Workbooks built by hand, honest or lying: the zip structure is written here (local headers, data,
 * central directory, end record), so a part can declare whatever size a test wants while its data
 * really inflates to something else. Parts are deflated a piece at a time, so a test never holds
 * what it builds inflated.
 */

export interface ZipPart {
  name: string;
  /** The bytes as stored: raw deflate (method 8, the default), or the text itself (method 0). */
  data: Buffer;
  /** What the local header and the directory say the part inflates to. */
  size: number;
  crc: number;
  method?: number;
}

const FULL_FLUSH = { finishFlush: constants.Z_FULL_FLUSH };

/** A part honestly deflated from its pieces: each piece ends on a byte boundary, none refers back. */
export function deflatedPart(name: string, pieces: Iterable<string | Buffer>): ZipPart {
  const blocks: Buffer[] = [];
  let size = 0;
  let crc = 0;
  for (const piece of pieces) {
    const bytes = Buffer.isBuffer(piece) ? piece : Buffer.from(piece, 'utf8');
    blocks.push(deflateRawSync(bytes, FULL_FLUSH));
    size += bytes.length;
    crc = crc32(bytes, crc);
  }
  blocks.push(deflateRawSync(Buffer.alloc(0)));
  return { name, data: Buffer.concat(blocks), size, crc };
}

/** A part stored as it is (method 0). */
export function storedPart(name: string, text: string): ZipPart {
  const data = Buffer.from(text, 'utf8');
  return { name, data, size: data.length, crc: crc32(data), method: 0 };
}

/**
 * A part whose data inflates to `head`, then `filler` `times` over, then `tail`, while the zip
 * declares `declared` bytes: the truth, or a lie. The filler is deflated once and its bytes
 * repeated, so 4 GiB of whitespace costs the test 4 MB.
 */
export function repeatedPart(
  name: string,
  parts: { head: string; filler: string; times: number; tail: string; declared: number },
): ZipPart {
  const once = deflateRawSync(Buffer.from(parts.filler, 'utf8'), { ...FULL_FLUSH, level: 9 });
  const data = Buffer.concat([
    deflateRawSync(Buffer.from(parts.head, 'utf8'), FULL_FLUSH),
    ...Array<Buffer>(parts.times).fill(once),
    deflateRawSync(Buffer.from(parts.tail, 'utf8')),
  ]);
  // The CRC is left wrong: the reader must stop before it could check it.
  return { name, data, size: parts.declared, crc: 0 };
}

/** Pieces of about `bytes` each, from the strings `item(0)`, `item(1)`, … `item(count - 1)`. */
export function* batched(
  count: number,
  item: (index: number) => string,
  bytes = 1024 * 1024,
): Generator<string> {
  let batch: string[] = [];
  let length = 0;
  for (let index = 0; index < count; index++) {
    const text = item(index);
    batch.push(text);
    length += text.length;
    if (length >= bytes) {
      yield batch.join('');
      batch = [];
      length = 0;
    }
  }
  if (batch.length > 0) yield batch.join('');
}

/** The zip of these parts, with what each declares written as given. */
export function zipOf(parts: ZipPart[]): Buffer {
  const body: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const method = part.method ?? 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(part.crc >>> 0, 14);
    local.writeUInt32LE(part.data.length, 18);
    local.writeUInt32LE(part.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(part.crc >>> 0, 16);
    central.writeUInt32LE(part.data.length, 20);
    central.writeUInt32LE(part.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    body.push(local, name, part.data);
    directory.push(central, name);
    offset += local.length + name.length + part.data.length;
  }
  const directoryBytes = directory.reduce((sum, chunk) => sum + chunk.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directoryBytes, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...body, ...directory, end]);
}

/** The parts of a real workbook (one exceljs wrote, or the app's template), honestly deflated. */
export async function partsOf(workbook: Buffer): Promise<ZipPart[]> {
  const zip = await JSZip.loadAsync(workbook);
  const parts: ZipPart[] = [];
  for (const file of Object.values(zip.files)) {
    if (!file.dir) parts.push(deflatedPart(file.name, [await file.async('nodebuffer')]));
  }
  return parts;
}

/** The parts with the one named replaced (or added). */
export function withPart(parts: ZipPart[], replacement: ZipPart): ZipPart[] {
  const others = parts.filter((part) => part.name !== replacement.name);
  return [...others, replacement];
}

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** A sheet part around the XML of its rows. */
export function sheetXml(rows: string): string {
  return `${XML}<worksheet xmlns="${MAIN_NS}"><sheetData>${rows}</sheetData></worksheet>`;
}

/** A shared-strings part from the XML of its `<si>` items. */
export function sharedStringsXml(items: string): string {
  return `${XML}<sst xmlns="${MAIN_NS}">${items}</sst>`;
}

/** A styles part with these custom number formats (id → code) and cell formats (their numFmtId). */
export function stylesXml(formats: Record<number, string>, cellFormats: number[]): string {
  const numFmts = Object.entries(formats)
    .map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${code.replace(/"/g, '&quot;')}"/>`)
    .join('');
  const xfs = cellFormats.map((id) => `<xf numFmtId="${id}" fontId="0"/>`).join('');
  return `${XML}<styleSheet xmlns="${MAIN_NS}"><numFmts>${numFmts}</numFmts><cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs>${xfs}</cellXfs></styleSheet>`;
}

/**
 * The text parts of a small workbook: its sheets (in the workbook's order, each with the file
 * name it has in the zip), and optionally shared strings and styles.
 */
export function workbookParts(options: {
  sheets: { name: string; file: string; xml: string }[];
  sharedStrings?: string;
  styles?: string;
  date1904?: boolean;
}): Map<string, string> {
  const parts = new Map<string, string>();
  const relationships = options.sheets.map(
    (sheet, index) =>
      `<Relationship Id="rId${index + 1}" Type="${REL_NS}/worksheet" Target="worksheets/${sheet.file}"/>`,
  );
  if (options.sharedStrings !== undefined) {
    relationships.push(
      `<Relationship Id="rIdS" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`,
    );
    parts.set('xl/sharedStrings.xml', options.sharedStrings);
  }
  if (options.styles !== undefined) {
    relationships.push(`<Relationship Id="rIdT" Type="${REL_NS}/styles" Target="styles.xml"/>`);
    parts.set('xl/styles.xml', options.styles);
  }
  const sheets = options.sheets
    .map(
      (sheet, index) =>
        `<sheet name="${sheet.name}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`,
    )
    .join('');
  parts.set(
    'xl/workbook.xml',
    `${XML}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${options.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>${sheets}</sheets></workbook>`,
  );
  parts.set(
    'xl/_rels/workbook.xml.rels',
    `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationships.join('')}</Relationships>`,
  );
  // In the zip, the sheets come in the reverse of the workbook's order, as a test may want.
  for (const sheet of [...options.sheets].reverse())
    parts.set(`xl/worksheets/${sheet.file}`, sheet.xml);
  return parts;
}

/** An honest zip of text parts. */
export function zipText(parts: Map<string, string>): Buffer {
  return zipOf([...parts].map(([name, text]) => deflatedPart(name, [text])));
}
