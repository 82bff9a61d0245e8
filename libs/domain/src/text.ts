// Format characters draw nothing (zero-width spaces and joiners, the BOM, soft hyphens, bidi
// controls): kept, they make two names that look the same differ, or hide a name entirely.
const FORMAT_CHARACTERS = /\p{Cf}/gu;

export function normalizeText(s: string): string {
  return s.normalize('NFC').replace(FORMAT_CHARACTERS, '').trim().replace(/\s+/g, ' ');
}

/** Accent- and case-insensitive key for Vietnamese search ("Đức" → "duc"). */
export function foldForSearch(s: string): string {
  return (
    normalizeText(s)
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      // đ is a letter of its own, not d plus a mark, so NFD leaves it intact.
      .replace(/đ/g, 'd')
  );
}

// Letters and symbols that render as blank space, which neither \s nor \p{Cf} cover.
const BLANK_LOOKALIKES = /[\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** At least one character a reader sees, once normalised: not only spaces or invisible marks. */
export function hasVisibleCharacter(s: string): boolean {
  return /[\p{L}\p{N}\p{P}\p{S}]/u.test(normalizeText(s).replace(BLANK_LOOKALIKES, ''));
}

/** Control characters (C0, DEL, C1); a text of several lines may keep tabs and line breaks. */
export function hasControlCharacter(s: string, allowLineBreaks = false): boolean {
  return (allowLineBreaks ? /[^\P{Cc}\t\n\r]/u : /\p{Cc}/u).test(s);
}

/**
 * Characters PostgreSQL cannot keep as sent: it refuses NUL in text, and a lone UTF-16 surrogate
 * (or the U+FFFD that stands for bytes that were not UTF-8) would be stored as a replacement mark.
 */
export function hasUnstorableCharacter(s: string): boolean {
  return /[\0\p{Cs}\uFFFD]/u.test(s);
}

/** Codes are ASCII letters, digits, `_`, `.` and `-`, so they read the same everywhere. */
export const CODE_CHARACTERS = /^[A-Za-z0-9_.-]+$/;
export const CODE_MAX_LENGTH = 64;

export function isCode(s: string, maxLength = CODE_MAX_LENGTH): boolean {
  return s.length <= maxLength && CODE_CHARACTERS.test(s);
}

// Building an Intl.NumberFormat costs far more than using one; reasons are formatted per row.
const formatters = new Map<number | undefined, Intl.NumberFormat>();

/** Vietnamese number style: comma decimals, dot thousands (1.234,5). */
export function formatNumberVi(n: number, fractionDigits?: number): string {
  let formatter = formatters.get(fractionDigits);
  if (!formatter) {
    formatter = new Intl.NumberFormat(
      'vi-VN',
      fractionDigits === undefined
        ? {}
        : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits },
    );
    formatters.set(fractionDigits, formatter);
  }
  return formatter.format(n);
}
