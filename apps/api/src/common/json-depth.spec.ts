import { MAX_JSON_DEPTH, tooDeepField } from './json-depth.js';

const field = (json: string, depth = MAX_JSON_DEPTH) => tooDeepField(Buffer.from(json), depth);
const nested = (levels: number, inner = '1') => '['.repeat(levels) + inner + ']'.repeat(levels);

describe('tooDeepField', () => {
  it('passes the bodies the API takes', () => {
    const criteriaSet = JSON.stringify({
      code: 'CS',
      criteria: [{ code: '1', indicators: [{ code: '1a', title: 'Chỉ số [1]', maxPoints: 5 }] }],
    });
    expect(field(criteriaSet)).toBeNull();
    expect(field('{}')).toBeNull();
  });

  it('allows exactly the limit and names the top-level field beyond it', () => {
    expect(field(`{"a":${nested(MAX_JSON_DEPTH - 1)}}`)).toBeNull();
    expect(field(`{"a":1,"headName":${nested(MAX_JSON_DEPTH)}}`)).toBe('headName');
    expect(field(`{"a":{"b":${nested(5000)}}}`)).toBe('a');
  });

  it('reads escaped and non-ASCII keys', () => {
    expect(field(`{"t\\u00ean \\"x\\"":${nested(40)}}`)).toBe('tên "x"');
    expect(field(`{"tên":${nested(40)}}`)).toBe('tên');
  });

  it('ignores brackets and quotes inside strings', () => {
    const text = JSON.stringify({ note: '['.repeat(100) + '\\"{'.repeat(100) });
    expect(field(text)).toBeNull();
  });

  it('names nothing when the top level is an array', () => {
    expect(field(nested(100))).toBe('');
  });

  it('takes a smaller limit', () => {
    expect(field('{"a":[[1]]}', 2)).toBe('a');
    expect(field('{"a":[1]}', 2)).toBeNull();
  });
});
