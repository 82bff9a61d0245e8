import {
  foldForSearch,
  formatNumberVi,
  hasControlCharacter,
  hasUnstorableCharacter,
  hasVisibleCharacter,
  isCode,
  normalizeText,
} from './text.js';

describe('normalizeText', () => {
  it('trims and collapses whitespace runs, including tabs and newlines', () => {
    expect(normalizeText('  Thôn \t Đông\n\nBắc  ')).toBe('Thôn Đông Bắc');
  });

  it('composes decomposed input to NFC', () => {
    const decomposed = 'Thu\u0309y';
    expect(decomposed).not.toBe('Thủy');
    expect(normalizeText(decomposed)).toBe('Thủy');
  });

  it('returns an empty string for blank input', () => {
    expect(normalizeText(' \n ')).toBe('');
  });

  it('drops zero-width and other format characters', () => {
    expect(normalizeText('\u200bNguy\u200dễn\u00ad Văn\ufeff An\u202e')).toBe('Nguyễn Văn An');
  });
});

describe('hasVisibleCharacter', () => {
  it.each(['An', 'Ư', '7', '-', '(', '€'])('sees %p', (text) => {
    expect(hasVisibleCharacter(text)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['spaces', ' \t\n '],
    ['no-break and ideographic spaces', '\u00a0\u2003\u3000'],
    ['zero-width characters', '\u200b\u200c\u200d\u2060\ufeff'],
    ['a bidi override', '\u202e'],
    ['a lone combining mark', '\u0301'],
    ['Hangul fillers and a braille blank', '\u3164\u115f\u2800'],
  ])('sees nothing in %s', (_label, text) => {
    expect(hasVisibleCharacter(text)).toBe(false);
  });
});

describe('hasControlCharacter', () => {
  it.each(['\u0000', '\u0001', '\u001b', '\u007f', '\u0085', '\t', '\n'])(
    'finds %j in a one-line text',
    (c) => {
      expect(hasControlCharacter(`a${c}b`)).toBe(true);
    },
  );

  it('lets a text of several lines keep tabs and line breaks, nothing else', () => {
    expect(hasControlCharacter('a\tb\r\nc', true)).toBe(false);
    expect(hasControlCharacter('a\u0007b', true)).toBe(true);
  });
});

describe('hasUnstorableCharacter', () => {
  it.each([
    ['NUL', 'a\u0000b'],
    ['a lone high surrogate', 'a\ud800b'],
    ['a lone low surrogate', '\udc00'],
    ['the replacement character of a bad encoding', 'a\ufffd'],
  ])('finds %s', (_label, text) => {
    expect(hasUnstorableCharacter(text)).toBe(true);
  });

  it('keeps characters outside the basic plane', () => {
    expect(hasUnstorableCharacter('𠀀 😀 Thủy')).toBe(false);
  });
});

describe('isCode', () => {
  it.each(['HT_PHU_BAI', 'HT-PB-0001', 'a.b', '1a'])('takes %p', (code) => {
    expect(isCode(code)).toBe(true);
  });

  it.each(['', 'có dấu', 'a b', 'a/b', 'a\u0000', 'x'.repeat(65), 'Ａ'])('refuses %j', (code) => {
    expect(isCode(code)).toBe(false);
  });

  it('takes a shorter limit', () => {
    expect(isCode('x'.repeat(21), 20)).toBe(false);
  });
});

describe('foldForSearch', () => {
  it('strips diacritics, lowercases and folds đ/Đ', () => {
    expect(foldForSearch('Nguyễn Văn Đức')).toBe('nguyen van duc');
    expect(foldForSearch('đường ĐÊ')).toBe('duong de');
  });

  it('folds decomposed and precomposed input alike', () => {
    expect(foldForSearch('Thu\u0309y')).toBe(foldForSearch('Thủy'));
    expect(foldForSearch('Thu\u0309y')).toBe('thuy');
  });

  it('normalises whitespace too', () => {
    expect(foldForSearch('  Hương   Thủy ')).toBe('huong thuy');
  });
});

describe('formatNumberVi', () => {
  it('uses a comma for decimals', () => {
    expect(formatNumberVi(7.5)).toBe('7,5');
    expect(formatNumberVi(80)).toBe('80');
  });

  it('pads to the requested fraction digits', () => {
    expect(formatNumberVi(30, 1)).toBe('30,0');
    expect(formatNumberVi(66.66, 1)).toBe('66,7');
  });

  it('groups thousands with a dot', () => {
    expect(formatNumberVi(1234)).toBe('1.234');
  });
});
