export function normalizeText(s: string): string {
  return s.normalize('NFC').trim().replace(/\s+/g, ' ');
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
