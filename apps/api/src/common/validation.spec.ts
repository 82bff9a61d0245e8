import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { IsVisibleText } from './rules.js';
import { createValidationPipe } from './validation.js';

class NameDto {
  @IsVisibleText({ max: 50 })
  name: string;
}

const pipe = createValidationPipe();
const body: ArgumentMetadata = { type: 'body', metatype: NameDto };

/** The status and body the pipe's exception would be answered with, or the value it passes. */
async function run(value: unknown, metadata: ArgumentMetadata = body) {
  try {
    return { passed: await pipe.transform(value, metadata) };
  } catch (error) {
    const { status, code, details } = error as { status: number; code: string; details: unknown };
    return { status, code, details };
  }
}

describe('the global validation pipe', () => {
  it('names a NUL anywhere in a body, however nested', async () => {
    expect(await run({ name: 'a', extra: [{ deep: { text: 'x\u0000' } }] })).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      details: [expect.objectContaining({ field: 'extra.0.deep.text', code: 'INVALID_CHARACTER' })],
    });
  });

  it('refuses lone surrogates and the replacement character of a bad encoding', async () => {
    for (const name of ['a\ud800', '\udc00b', 'a\ufffd']) {
      expect(await run({ name })).toMatchObject({
        details: [{ field: 'name', code: 'INVALID_CHARACTER' }],
      });
    }
  });

  it('refuses keys that reach a prototype, and keys holding a NUL', async () => {
    const withProto = JSON.parse('{"name":"a","__proto__":{"admin":true}}') as object;
    expect(await run(withProto)).toMatchObject({
      details: [{ field: '__proto__', code: 'UNKNOWN_FIELD' }],
    });
    expect(await run({ name: 'a', scores: { constructor: 1 } })).toMatchObject({
      details: [{ field: 'scores.constructor', code: 'UNKNOWN_FIELD' }],
    });
    expect(await run({ name: 'a', 'x\u0000': 1 })).toMatchObject({
      details: [{ field: 'x\u0000', code: 'UNKNOWN_FIELD' }],
    });
  });

  it('names a path parameter read on its own, which no DTO checks', async () => {
    expect(await run('HT\u0000', { type: 'param', data: 'code', metatype: String })).toMatchObject({
      status: 400,
      details: [{ field: 'code', code: 'INVALID_CHARACTER' }],
    });
  });

  it('answers a body that was not JSON with 415', async () => {
    expect(await run(undefined)).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('leaves custom parameters (the signed-in user, an upload) alone', async () => {
    const user = { name: '\u0000' };
    expect(await run(user, { type: 'custom', metatype: Object })).toEqual({ passed: user });
  });

  it('still validates and whitelists', async () => {
    expect(await run({ name: '   ' })).toMatchObject({ details: [{ field: 'name' }] });
    expect(await run({ name: 'An', other: 1 })).toMatchObject({
      details: [{ field: 'other', code: 'UNKNOWN_FIELD' }],
    });
    expect(await run({ name: 'An' })).toEqual({ passed: expect.any(NameDto) });
  });
});
