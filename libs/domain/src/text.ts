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

/** Vietnamese number style: comma decimals, dot thousands (1.234,5). */
export function formatNumberVi(n: number, fractionDigits?: number): string {
  const options: Intl.NumberFormatOptions =
    fractionDigits === undefined
      ? {}
      : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits };
  return new Intl.NumberFormat('vi-VN', options).format(n);
}
