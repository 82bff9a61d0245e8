import { posix } from 'node:path';
import yauzl from 'yauzl';
import type { CellInput } from '@app/domain';
import { attribute, parseXml, type XmlHandler } from './bounded-xml.js';
import { InflateBudget, inflatePart, tooCompressed, tooLarge } from './guarded-inflate.js';
import { IMPORT_LIMITS, type ImportLimits, UnreadableWorkbookError, vi } from './import-limits.js';

export interface SheetRow {
  /** As Excel numbers it. */
  row: number;
  cells: CellInput[];
}

interface Archive {
  zip: yauzl.ZipFile;
  workbook: yauzl.Entry;
  /** By lower-cased name: part names are case-insensitive in a workbook. */
  entries: Map<string, yauzl.Entry>;
  budget: InflateBudget;
  limits: ImportLimits;
}

/** A part's reader, told when it has what it needs so the rest of the part is never inflated. */
interface PartReader extends XmlHandler {
  readonly done: boolean;
}

const broken = () => new UnreadableWorkbookError('tệp .xlsx bị hỏng');
const noSheet = () => new UnreadableWorkbookError('không tìm thấy trang tính đầu tiên trong tệp');

/**
 * Opens the zip's directory without inflating anything: it must hold a workbook, and the sizes it
 * declares must be within the limits. This refuses an honest bomb at once; a lying one is caught
 * by the counts as its parts inflate (guarded-inflate.ts).
 */
async function openArchive(buffer: Buffer, limits: ImportLimits): Promise<Archive> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true });
  } catch {
    throw new UnreadableWorkbookError('không phải tệp Excel .xlsx');
  }
  const entries = new Map<string, yauzl.Entry>();
  let count = 0;
  let declared = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      if (++count > limits.parts) {
        throw new UnreadableWorkbookError(
          `tệp .xlsx có hơn ${vi(limits.parts)} phần (nghi là tệp độc hại)`,
        );
      }
      declared += entry.uncompressedSize;
      if (declared > limits.unzippedBytes) throw tooLarge(limits);
      if (entry.uncompressedSize > limits.ratio * entry.compressedSize + limits.ratioSlackBytes)
        throw tooCompressed(limits);
      const name = entry.fileName.toLowerCase();
      // A name listed twice counts twice above; the first is the one read.
      entries.set(name, entries.get(name) ?? entry);
    }
  } catch (error) {
    zip.close();
    throw error instanceof UnreadableWorkbookError ? error : broken();
  }
  const workbook = entries.get('xl/workbook.xml');
  if (!workbook) {
    zip.close();
    throw new UnreadableWorkbookError('không phải tệp Excel .xlsx');
  }
  return { zip, workbook, entries, budget: new InflateBudget(limits), limits };
}

/** Reads a part through the guarded inflate, stopping as soon as the reader has what it needs. */
async function readPart<T extends PartReader>(
  archive: Archive,
  entry: yauzl.Entry,
  reader: T,
): Promise<T> {
  for await (const _chunk of parseXml(
    inflatePart(archive.zip, entry, archive.budget),
    reader,
    archive.limits,
  )) {
    if (reader.done) break;
  }
  return reader;
}

/** workbook.xml: the first sheet in the workbook's order (the first tab), and the date system. */
class WorkbookPart implements PartReader {
  firstSheetId: string | undefined;
  date1904 = false;
  private inSheets = false;

  get done(): boolean {
    return this.firstSheetId !== undefined;
  }

  open(name: string, attributes: Record<string, string>): void {
    if (name === 'workbookPr') {
      this.date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
    } else if (name === 'sheets') {
      this.inSheets = true;
    } else if (name === 'sheet' && this.inSheets) {
      this.firstSheetId ??= attribute(attributes, 'id');
    }
  }

  text(): void {}

  close(name: string): void {
    if (name === 'sheets') this.inSheets = false;
  }
}

/** workbook.xml.rels: where the first sheet, the shared strings and the styles are. */
class RelationshipsPart implements PartReader {
  readonly done = false;
  sheet: string | undefined;
  sharedStrings: string | undefined;
  styles: string | undefined;

  constructor(private readonly sheetId: string) {}

  open(name: string, attributes: Record<string, string>): void {
    const target = attributes.Target;
    if (name !== 'Relationship' || !target || attributes.TargetMode === 'External') return;
    const type = attributes.Type ?? '';
    if (attributes.Id === this.sheetId) this.sheet ??= target;
    else if (type.endsWith('/sharedStrings')) this.sharedStrings ??= target;
    else if (type.endsWith('/styles')) this.styles ??= target;
  }

  text(): void {}

  close(): void {}
}

/** A relationship's target as a part name: relative to `xl/`, or absolute from the root. */
function partName(target: string): string {
  return (
    target.startsWith('/') ? posix.normalize(target.slice(1)) : posix.join('xl', target)
  ).toLowerCase();
}

/** Excel's built-in number formats that show dates and times. */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** A custom format shows a date when a d, m or y is left once quoted text, `[…]` and escapes go. */
export function isDateFormat(code: string): boolean {
  return /[dmy]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]|\\.|[_*]./g, ''));
}

/** styles.xml: which cell formats (the `s` of a cell) show a number as a date. */
class StylesPart implements PartReader {
  done = false;
  readonly dateStyles = new Set<number>();
  private readonly customDates = new Map<number, boolean>();
  private section: string | null = null;
  private formats = 0;
  private cellFormats = 0;

  constructor(private readonly limits: ImportLimits) {}

  open(name: string, attributes: Record<string, string>): void {
    if (name === 'numFmts' || name === 'cellXfs') {
      this.section = name;
    } else if (name === 'numFmt' && this.section === 'numFmts') {
      this.count();
      this.customDates.set(Number(attributes.numFmtId), isDateFormat(attributes.formatCode ?? ''));
    } else if (name === 'xf' && this.section === 'cellXfs') {
      this.count();
      const id = Number(attributes.numFmtId ?? 0);
      if (this.customDates.get(id) ?? DATE_FORMAT_IDS.has(id))
        this.dateStyles.add(this.cellFormats);
      this.cellFormats++;
    }
  }

  text(): void {}

  close(name: string): void {
    if (name !== this.section) return;
    this.section = null;
    // The cell formats come after the number formats; the rest of the part is not needed.
    if (name === 'cellXfs') this.done = true;
  }

  private count(): void {
    if (++this.formats > this.limits.styles) {
      throw new UnreadableWorkbookError(
        `bảng định dạng (styles.xml) có hơn ${vi(this.limits.styles)} kiểu (nghi là tệp độc hại)`,
      );
    }
  }
}

const PAGE_BYTES = 1024 * 1024;

/**
 * The shared strings, held whole while the sheet is read, as UTF-8 in pages of 1 MiB: no object
 * per string, no slice of a parser chunk kept alive, and Vietnamese text in about 1.3 bytes a
 * character where JavaScript strings take 2. A string never spans two pages (one is at most
 * `cellChars` characters, 3 bytes each at the most).
 */
class SharedStrings {
  private readonly pages: Buffer[] = [];
  private readonly starts: number[] = [];
  private readonly lengths: number[] = [];
  private used = PAGE_BYTES;
  private chars = 0;

  constructor(private readonly limits: Pick<ImportLimits, 'sharedStrings' | 'sharedStringChars'>) {}

  add(text: string): void {
    const where = 'bảng chuỗi dùng chung (sharedStrings.xml) có hơn';
    if (this.starts.length >= this.limits.sharedStrings)
      throw new UnreadableWorkbookError(`${where} ${vi(this.limits.sharedStrings)} chuỗi`);
    this.chars += text.length;
    if (this.chars > this.limits.sharedStringChars)
      throw new UnreadableWorkbookError(`${where} ${vi(this.limits.sharedStringChars)} ký tự`);
    const bytes = Buffer.byteLength(text, 'utf8');
    if (this.used + bytes > PAGE_BYTES) {
      this.pages.push(Buffer.allocUnsafe(PAGE_BYTES));
      this.used = 0;
    }
    const page = this.pages.length - 1;
    this.pages[page].write(text, this.used, 'utf8');
    this.starts.push(page * PAGE_BYTES + this.used);
    this.lengths.push(bytes);
    this.used += bytes;
  }

  get(index: number): string | undefined {
    const start = this.starts[index];
    if (start === undefined) return undefined;
    const offset = start % PAGE_BYTES;
    return this.pages[(start - offset) / PAGE_BYTES].toString(
      'utf8',
      offset,
      offset + this.lengths[index],
    );
  }
}

function cellTooLong(limits: ImportLimits, row?: number): UnreadableWorkbookError {
  const where = row === undefined ? 'một ô' : `dòng ${row} có một ô`;
  return new UnreadableWorkbookError(`${where} dài hơn ${vi(limits.cellChars)} ký tự`);
}

/** sharedStrings.xml: each `<si>`, its rich-text runs joined, phonetic guides (`<rPh>`) left out. */
class SharedStringsPart implements PartReader {
  readonly done = false;
  private item: string | null = null;
  private inText = false;
  private phonetic = 0;

  constructor(
    private readonly strings: SharedStrings,
    private readonly limits: ImportLimits,
  ) {}

  open(name: string): void {
    if (name === 'si') this.item = '';
    else if (name === 'rPh') this.phonetic++;
    else if (name === 't' && this.item !== null && this.phonetic === 0) this.inText = true;
  }

  text(text: string): void {
    if (!this.inText || this.item === null) return;
    this.item += text;
    if (this.item.length > this.limits.cellChars) throw cellTooLong(this.limits);
  }

  close(name: string): void {
    if (name === 't') this.inText = false;
    else if (name === 'rPh') this.phonetic--;
    else if (name === 'si' && this.item !== null) {
      this.strings.add(this.item);
      this.item = null;
    }
  }
}

const MAX_COLUMN = 16_384;

/** The column of a reference (`C5` → 3), or 0 when it names none. */
export function columnOf(reference: string | undefined): number {
  let column = 0;
  for (let index = 0; reference && index < reference.length && column <= MAX_COLUMN; index++) {
    const code = reference.charCodeAt(index) & ~0x20;
    if (code < 65 || code > 90) break;
    column = column * 26 + code - 64;
  }
  return column;
}

/** A copy of parser text that holds no slice of the chunk it came from (a row may outlive it). */
function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

interface OpenRow {
  number: number;
  cells: CellInput[];
  elements: number;
  column: number;
}

interface OpenCell {
  column: number;
  type: string;
  style: number;
  formula: boolean;
  hasValue: boolean;
  text: string;
}

/** The sheet: rows as they close, one cell list each, placed by reference; nothing past `</sheetData>`. */
class SheetPart implements PartReader {
  done = false;
  /** Rows closed since the caller last took them. */
  readonly rows: SheetRow[] = [];
  private inData = false;
  private rowElements = 0;
  private cellElements = 0;
  private textChars = 0;
  private lastRow = 0;
  private row: OpenRow | null = null;
  private cell: OpenCell | null = null;
  private inText = false;
  private phonetic = 0;

  constructor(
    private readonly strings: SharedStrings,
    private readonly dateStyles: Set<number>,
    private readonly date1904: boolean,
    private readonly limits: ImportLimits,
  ) {}

  open(name: string, attributes: Record<string, string>): void {
    if (name === 'sheetData') {
      this.inData = true;
    } else if (name === 'row' && this.inData) {
      const declared = Number(attributes.r);
      const number = Number.isInteger(declared) && declared > 0 ? declared : this.lastRow + 1;
      // Rows are counted as well as numbered: the same number may be given again and again.
      if (++this.rowElements > this.limits.rows + 1 || number > this.limits.rows + 1) {
        throw new UnreadableWorkbookError(
          `trang tính có quá ${vi(this.limits.rows)} dòng; hãy chia thành nhiều tệp`,
        );
      }
      this.row = { number, cells: [], elements: 0, column: 0 };
      this.lastRow = number;
    } else if (name === 'c' && this.row) {
      if (++this.row.elements > this.limits.rowCells) {
        throw new UnreadableWorkbookError(
          `dòng ${this.row.number} có hơn ${vi(this.limits.rowCells)} ô`,
        );
      }
      if (++this.cellElements > this.limits.cells)
        throw new UnreadableWorkbookError(`trang tính có hơn ${vi(this.limits.cells)} ô`);
      const column = columnOf(attributes.r) || this.row.column + 1;
      this.row.column = column;
      this.cell = {
        column,
        type: attributes.t ?? 'n',
        style: Number(attributes.s ?? 0),
        formula: false,
        hasValue: false,
        text: '',
      };
    } else if (this.cell) {
      if (name === 'f') this.cell.formula = true;
      else if (name === 'rPh') this.phonetic++;
      else if (name === 'v' || name === 'is') this.cell.hasValue = true;
      if (name === 'v' || (name === 't' && this.phonetic === 0)) this.inText = true;
    }
  }

  text(text: string): void {
    if (!this.inText || !this.cell || !this.row) return;
    this.cell.text += text;
    if (this.cell.text.length > this.limits.cellChars)
      throw cellTooLong(this.limits, this.row.number);
  }

  close(name: string): void {
    if (name === 'v' || name === 't') {
      this.inText = false;
    } else if (name === 'rPh') {
      this.phonetic--;
    } else if (name === 'c' && this.cell && this.row) {
      const value = this.value(this.cell);
      if (value !== null) {
        const { cells, number } = this.row;
        if (this.cell.column > this.limits.columns) {
          throw new UnreadableWorkbookError(`dòng ${number} có quá ${this.limits.columns} cột`);
        }
        while (cells.length < this.cell.column - 1) cells.push(null);
        cells[this.cell.column - 1] = value;
      }
      this.cell = null;
    } else if (name === 'row' && this.row) {
      this.rows.push({ row: this.row.number, cells: this.row.cells });
      this.row = null;
    } else if (name === 'sheetData') {
      this.done = true;
    }
  }

  private counted(text: string): string {
    this.textChars += text.length;
    if (this.textChars > this.limits.sheetChars) {
      throw new UnreadableWorkbookError(
        `các ô chữ của trang tính có hơn ${vi(this.limits.sheetChars)} ký tự`,
      );
    }
    return text;
  }

  private value(cell: OpenCell): CellInput {
    if (cell.formula) return { formula: true };
    if (!cell.hasValue) return null;
    const text = cell.text;
    switch (cell.type) {
      case 's': {
        const found = /^\s*\d+\s*$/.test(text) ? this.strings.get(Number(text)) : undefined;
        if (found === undefined) throw broken();
        return this.counted(found);
      }
      case 'inlineStr':
      case 'str':
      case 'e':
        return this.counted(detached(text));
      case 'b':
        return text.trim() === '1' || text.trim().toLowerCase() === 'true';
      case 'd': {
        const date = new Date(text);
        return Number.isNaN(date.getTime()) ? this.counted(detached(text)) : date;
      }
      default: {
        if (text.trim() === '') return null;
        const number = Number(text);
        if (Number.isNaN(number)) return this.counted(detached(text));
        return this.dateStyles.has(cell.style) ? excelDate(number, this.date1904) : number;
      }
    }
  }
}

/** Excel's day count as a date, the way exceljs has always read it. */
function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/**
 * The rows of the workbook's first sheet (its first tab), one at a time as the sheet inflates:
 * a bounded reader of our own (yauzl to open the parts needed, saxes to parse them) instead of
 * exceljs, which inflates whatever a part really holds and builds all its shared strings and
 * whole rows before anything can be checked. Every limit of `IMPORT_LIMITS` holds while reading
 * (tests pass smaller ones); a file past one is refused with an `UnreadableWorkbookError` saying
 * which.
 */
export async function* readFirstSheet(
  buffer: Buffer,
  limits: ImportLimits = IMPORT_LIMITS,
): AsyncGenerator<SheetRow> {
  const archive = await openArchive(buffer, limits);
  const entry = (name: string) => archive.entries.get(name);
  try {
    const workbook = await readPart(archive, archive.workbook, new WorkbookPart());
    const relationshipsEntry = entry('xl/_rels/workbook.xml.rels');
    if (workbook.firstSheetId === undefined || !relationshipsEntry) throw noSheet();
    const relationships = await readPart(
      archive,
      relationshipsEntry,
      new RelationshipsPart(workbook.firstSheetId),
    );
    const sheetEntry = relationships.sheet && entry(partName(relationships.sheet));
    if (!sheetEntry) throw noSheet();

    const stylesEntry = entry(partName(relationships.styles ?? 'styles.xml'));
    const styles = stylesEntry
      ? await readPart(archive, stylesEntry, new StylesPart(limits))
      : undefined;
    const strings = new SharedStrings(limits);
    const stringsEntry = entry(partName(relationships.sharedStrings ?? 'sharedStrings.xml'));
    if (stringsEntry) await readPart(archive, stringsEntry, new SharedStringsPart(strings, limits));

    const sheet = new SheetPart(
      strings,
      styles?.dateStyles ?? new Set(),
      workbook.date1904,
      limits,
    );
    for await (const _chunk of parseXml(
      inflatePart(archive.zip, sheetEntry, archive.budget),
      sheet,
      limits,
    )) {
      yield* sheet.rows.splice(0);
      if (sheet.done) return;
    }
    yield* sheet.rows.splice(0);
  } catch (error) {
    if (error instanceof UnreadableWorkbookError) throw error;
    throw new UnreadableWorkbookError('không đọc được nội dung tệp .xlsx');
  } finally {
    archive.zip.close();
  }
}
