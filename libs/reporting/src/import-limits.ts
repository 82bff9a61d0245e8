/**
 * What an uploaded workbook may be: documented in the README, enforced while it is read (see
 * xlsx-reader.ts). Every bound on an upload lives here.
 */
export const IMPORT_LIMITS = {
  fileBytes: 20 * 1024 * 1024,
  /** Entries in the zip: a workbook has a few dozen, and each one listed is kept while reading. */
  parts: 10_000,
  /** The parts read, counted as they really inflate: a 100,000-row sheet is about 40 MB. */
  unzippedBytes: 300 * 1024 * 1024,
  /**
   * A part may inflate 200 times the compressed bytes consumed so far at the most; zip bombs reach
   * a thousand. Checked as it inflates, so a part of nothing but whitespace stops early.
   */
  ratio: 200,
  /** Inflated bytes allowed beyond the ratio: the first kilobytes of a part compress best. */
  ratioSlackBytes: 256 * 1024,
  rows: 200_000,
  columns: 60,
  /** Cells (`<c>`) in one row: Excel has 16,384 columns, so more is no spreadsheet's doing. */
  rowCells: 16_384,
  /** Cells in the sheet: every row filled to the column limit. */
  cells: 12_000_000,
  /** Entries of the shared-strings table: 200,000 rows of five distinct texts each. */
  sharedStrings: 1_000_000,
  /** Characters of the shared-strings table, which is held whole while the sheet is read. */
  sharedStringChars: 40_000_000,
  /** Characters in one cell: Excel's own maximum. */
  cellChars: 32_767,
  /**
   * Characters of text in the sheet's cells, a shared string counted at each use: one string of
   * 32,767 characters used by a million cells would be a million copies to check. 200,000 rows of
   * households hold about 20 million.
   */
  sheetChars: 100_000_000,
  /**
   * Characters from one '<' to the next (a tag and the text after it), or in one comment, CDATA
   * section or processing instruction: the XML parser holds each in one string.
   */
  xmlRunChars: 1024 * 1024,
  /** Elements open at once: a sheet nests six deep, and the parser keeps a frame for each. */
  xmlDepth: 64,
  /** Number formats and cell formats in styles.xml: Excel allows 64,000 cell formats. */
  styles: 64_000,
} as const;

export type ImportLimits = { readonly [K in keyof typeof IMPORT_LIMITS]: number };

/** The file cannot be read as a workbook; the message says why, in Vietnamese. */
export class UnreadableWorkbookError extends Error {}

/** A limit as users read it: "200.000". */
export function vi(value: number): string {
  return value.toLocaleString('vi-VN');
}
