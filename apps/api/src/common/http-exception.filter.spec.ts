import type { ArgumentsHost } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { BadRequestException } from '@nestjs/common';
import { HttpExceptionFilter } from './http-exception.filter.js';
import { InvalidInputException } from './app.exception.js';
import { JsonTooDeepError } from './json-depth.js';

/** Runs the filter on an exception and returns the status and body it would send. */
function answer(exception: unknown): { status: number; body: Record<string, unknown> } {
  const sent = { status: 0, body: {} as Record<string, unknown> };
  const response = {
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
    },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => response }),
  } as unknown as ArgumentsHost;
  new HttpExceptionFilter().catch(exception, host);
  return sent;
}

describe('HttpExceptionFilter', () => {
  it('answers a unique violation from a race with 409, not a server error', () => {
    const error = new QueryFailedError(
      'INSERT …',
      [],
      Object.assign(new Error('duplicate key'), { code: '23505' }),
    );
    expect(answer(error)).toEqual({
      status: 409,
      body: expect.objectContaining({ statusCode: 409, code: 'DUPLICATE' }),
    });
  });

  it('answers a code taken in another case like an exact duplicate', () => {
    const error = new QueryFailedError(
      'INSERT …',
      [],
      Object.assign(new Error('duplicate key'), {
        code: '23505',
        constraint: 'households_code_ci_key',
      }),
    );
    expect(answer(error)).toEqual({
      status: 409,
      body: expect.objectContaining({
        code: 'DUPLICATE_CODE',
        message: expect.stringMatching(/^code: đã có hộ gia đình mang mã này/),
        details: [expect.objectContaining({ field: 'code', code: 'DUPLICATE_CODE' })],
      }),
    });
  });

  it('names the field of a body nested too deep', () => {
    const error = new BadRequestException('too deep', { cause: new JsonTooDeepError('scores') });
    expect(answer(error)).toEqual({
      status: 400,
      body: expect.objectContaining({
        code: 'MALFORMED_BODY',
        message: 'scores: JSON lồng nhau quá 32 cấp',
        details: [expect.objectContaining({ field: 'scores' })],
      }),
    });
  });

  it('answers a path express cannot decode with 400, not its English message', () => {
    const error = new BadRequestException("Failed to decode param '%ED'", {
      cause: new URIError('URI malformed'),
    });
    expect(answer(error)).toEqual({
      status: 400,
      body: expect.objectContaining({
        code: 'MALFORMED_URL',
        message: expect.stringMatching(/^path:/),
      }),
    });
  });

  it('keeps field details of application errors', () => {
    const result = answer(
      new InvalidInputException([{ field: 'year', code: 'INVALID_VALUE', message: 'year: sai' }]),
    );
    expect(result).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'year: sai',
        details: [expect.objectContaining({ field: 'year' })],
      },
    });
  });

  it('hides the internals of unexpected errors', () => {
    const error = new QueryFailedError(
      'SELECT secret FROM t',
      [],
      Object.assign(new Error('boom'), { code: 'XX000' }),
    );
    const result = answer(error);
    expect(result.status).toBe(500);
    expect(result.body).toEqual({
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: 'Lỗi hệ thống, vui lòng thử lại sau',
    });
  });
});
