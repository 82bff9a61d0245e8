import {
  matchHeaders,
  parseRow,
  type ImportColumn,
  type ImportProblem,
  type ParsedRow,
} from '@app/domain';
import { UnreadableWorkbookError } from './import-limits.js';
import { readFirstSheet } from './xlsx-reader.js';

/** Problems reported in full; the rest are only counted. */
const REPORTED_PROBLEMS = 1000;
/** A problem's value as reported: the start of a long text is enough to find the cell. */
const REPORTED_VALUE_CHARS = 200;

/** Data rows checked, then written, at a time. */
const IMPORT_BATCH = 5000;

/**
 * The problems of one import: the first REPORTED_PROBLEMS by row are kept to report, the rest are
 * only counted, so a file wrong on every row holds a thousand problems, not millions (a 3 MB
 * upload of 200,000 wrong rows ran the process out of memory). Dropping only problems that sort
 * after a thousand others keeps the same first ones as sorting them all at the end.
 */
export class ProblemLog {
  private readonly kept: ImportProblem[] = [];
  private dropped = 0;

  get count(): number {
    return this.kept.length + this.dropped;
  }

  add(problems: ImportProblem[]): void {
    for (const problem of problems) {
      // A copy, not a slice: V8 would keep the whole text alive behind a slice.
      const value =
        problem.value.length > REPORTED_VALUE_CHARS
          ? `${Buffer.from(problem.value.slice(0, REPORTED_VALUE_CHARS)).toString()}…`
          : problem.value;
      this.kept.push({ ...problem, value });
    }
    if (this.kept.length <= 2 * REPORTED_PROBLEMS) return;
    this.kept.sort((a, b) => a.row - b.row);
    this.dropped += this.kept.length - REPORTED_PROBLEMS;
    this.kept.length = REPORTED_PROBLEMS;
  }

  reported(): ImportProblem[] {
    return this.kept.sort((a, b) => a.row - b.row).slice(0, REPORTED_PROBLEMS);
  }
}

/** Why an uploaded file cannot be imported at all, with its code; the message is in Vietnamese. */
export class ImportFileError extends Error {
  constructor(
    readonly code: 'UNREADABLE_FILE' | 'WRONG_HEADERS' | 'EMPTY_SHEET',
    message: string,
  ) {
    super(message);
  }
}

/**
 * An uploaded sheet read against the columns it should have: the header row, then each data row
 * parsed against its column, in batches. A row's problems go to `problems`; a code met twice is a
 * problem on the later row, naming the first.
 */
export class UploadedSheet {
  readonly problems = new ProblemLog();
  /** Data rows read so far, blank rows aside. */
  rows = 0;

  constructor(
    private readonly file: Buffer,
    private readonly columns: ImportColumn[],
  ) {}

  async *batches(): AsyncGenerator<ParsedRow[]> {
    let positions: Map<string, number> | null = null;
    const seen = new Map<string, number>();
    let batch: ParsedRow[] = [];
    try {
      for await (const sheetRow of readFirstSheet(this.file)) {
        if (positions === null) {
          const matched = matchHeaders(this.columns, sheetRow.cells);
          if ('problems' in matched) {
            throw new ImportFileError(
              'WRONG_HEADERS',
              `dòng tiêu đề không đúng mẫu: ${matched.problems.join('; ')}`,
            );
          }
          positions = matched.positions;
          continue;
        }
        const { parsed, problems } = parseRow(
          this.columns,
          positions,
          sheetRow.row,
          sheetRow.cells,
        );
        if (parsed === null && problems.length === 0) continue;
        this.rows++;
        this.problems.add(problems);
        if (!parsed) continue;
        const code = parsed.values.code as string;
        // Codes are unique regardless of case, in a file as in the tables.
        const first = seen.get(code.toLowerCase());
        if (first !== undefined) {
          this.problems.add([
            {
              row: parsed.row,
              column: 'A (Mã)',
              value: code,
              message: `Mã ${code} trùng với dòng ${first}`,
            },
          ]);
          continue;
        }
        seen.set(code.toLowerCase(), parsed.row);
        batch.push(parsed);
        if (batch.length === IMPORT_BATCH) {
          yield batch;
          batch = [];
        }
      }
    } catch (error) {
      if (error instanceof UnreadableWorkbookError)
        throw new ImportFileError('UNREADABLE_FILE', error.message);
      throw error;
    }
    if (positions === null)
      throw new ImportFileError('EMPTY_SHEET', 'trang tính đầu tiên trống, không có dòng tiêu đề');
    if (this.rows === 0)
      throw new ImportFileError('EMPTY_SHEET', 'không có dòng dữ liệu nào dưới dòng tiêu đề');
    if (batch.length > 0) yield batch;
  }
}
