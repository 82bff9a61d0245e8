import { foldForSearch, formatNumberVi, normalizeText } from './text.js';

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
