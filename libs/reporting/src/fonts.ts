import { createRequire } from 'node:module';
import { GlobalFonts } from '@napi-rs/canvas';

// Fontsource ships Noto Sans split by Unicode subset: basic Latin and the Vietnamese letters
// (ă, đ, ơ, ư and the tone-marked vowels) are separate files. Each gets its own family so the
// family list below takes every character from the file that has it, as a browser does with
// unicode-range; nothing falls back to system fonts, which a fresh CI machine may not have.
const LATIN = 'Report Noto Sans';
const VIETNAMESE = 'Report Noto Sans Vietnamese';
const WEIGHTS = [400, 700] as const;

/** CSS font-family list for canvas text; Vietnamese text must be NFC (see {@link nfc}). */
export const REPORT_FONT_FAMILY = `"${LATIN}", "${VIETNAMESE}"`;

const resolve = createRequire(import.meta.url).resolve;

function register(file: string, family: string): void {
  const path = resolve(`@fontsource/noto-sans/files/${file}`);
  if (!GlobalFonts.registerFromPath(path, family)) {
    throw new Error(`Cannot load font ${path}`);
  }
}

// GlobalFonts is process-wide while this module may be evaluated more than once (one module
// registry per test file), so register only when the family is not there yet.
if (!GlobalFonts.has(LATIN)) {
  for (const weight of WEIGHTS) {
    register(`noto-sans-latin-${weight}-normal.woff2`, LATIN);
    register(`noto-sans-vietnamese-${weight}-normal.woff2`, VIETNAMESE);
  }
}

/**
 * The Vietnamese subset has the precomposed letters but not every combining mark (no U+0302
 * circumflex, for one), so decomposed input such as text pasted from some Mac or Excel sources
 * would draw with missing accents.
 */
export function nfc(text: string): string {
  return text.normalize('NFC');
}
