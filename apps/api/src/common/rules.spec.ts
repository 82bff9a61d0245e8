import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  IsCode,
  IsDateOnly,
  IsIntegerIn,
  IsPercent,
  IsPoints,
  IsVisibleText,
  Optional,
  OptionalNullable,
  latestStartDate,
} from './rules.js';

class Sample {
  @Optional()
  @IsCode()
  code?: string;

  @Optional()
  @IsVisibleText({ max: 10, what: 'họ tên' })
  name?: string;

  @Optional()
  @IsVisibleText({ min: 3, max: 50, multiline: true })
  note?: string;

  @OptionalNullable()
  @IsVisibleText({ max: 10 })
  venue?: string | null;

  @Optional()
  @IsDateOnly()
  on?: string;

  @Optional()
  @IsDateOnly({ latest: latestStartDate })
  activeFrom?: string;

  @Optional()
  @IsPoints()
  points?: number;

  @Optional()
  @IsPercent()
  share?: number;

  @Optional()
  @IsIntegerIn(1, 500)
  page?: number;
}

/** The messages for `input`, as the validation pipe would see them. */
function problems(input: Record<string, unknown>): string[] {
  return validateSync(plainToInstance(Sample, input)).flatMap((error) =>
    Object.values(error.constraints ?? {}),
  );
}

describe('field rules', () => {
  it('take valid input and absent fields', () => {
    expect(
      problems({
        code: 'HT-PB_1.a',
        name: ' Lê  Văn ',
        note: 'Dòng 1\nDòng 2',
        venue: null,
        on: '2020-02-29',
        activeFrom: '2016-01-01',
        points: 29.9,
        share: 66.67,
        page: '12',
      }),
    ).toEqual([]);
    expect(problems({})).toEqual([]);
  });

  it.each([
    ['a code with a space', { code: 'HT PB' }, 'code chỉ gồm chữ không dấu'],
    ['a code of 65 characters', { code: 'x'.repeat(65) }, 'code chỉ gồm'],
    ['a name of spaces', { name: ' \u00a0\u3000 ' }, 'name: cần họ tên, không chỉ khoảng trắng'],
    ['a name of zero-width spaces', { name: '\u200b\u200b' }, 'name: cần họ tên'],
    ['a name with a line break', { name: 'Lê\nVăn' }, 'name: không được chứa ký tự điều khiển'],
    ['a name with an escape', { name: 'Lê\u001b' }, 'name: không được chứa ký tự điều khiển'],
    ['a name too long', { name: 'x'.repeat(11) }, 'name: tối đa 10 ký tự'],
    ['a number for a name', { name: 5 }, 'name: cần họ tên'],
    ['null where not nullable', { name: null }, 'name: cần họ tên'],
    ['a note too short once normalised', { note: '  ab  ' }, 'note: cần ít nhất 3 ký tự'],
    ['a note with a bell', { note: 'abc\u0007' }, 'note: không được chứa ký tự điều khiển'],
    ['a blank optional venue', { venue: '  ' }, 'venue: cần nội dung'],
    ['an ISO week date', { on: '2020-W01' }, 'on: phải là một ngày có thật'],
    ['an ordinal date', { on: '2020-350' }, 'on: phải là một ngày có thật'],
    ['February 30th', { on: '2021-02-30' }, 'on: phải là một ngày có thật'],
    ['a date before 1900', { on: '1899-12-31' }, 'on: phải từ 1900-01-01 đến 2100-12-31'],
    ['a start far ahead', { activeFrom: '2099-01-01' }, 'activeFrom: không được sau ngày'],
    ['noise in points', { points: 0.1 + 0.2 }, 'points: tối đa một chữ số thập phân'],
    ['the smallest double', { points: 5e-324 }, 'points: tối đa một chữ số thập phân'],
    ['negative points', { points: -1 }, 'points: phải từ 0 đến 1000 điểm'],
    ['points as text', { points: '5' }, 'points: phải là số điểm'],
    ['a share above 100', { share: 100.5 }, 'share: phải từ 0 đến 100'],
    ['a share of 1e-7', { share: 1e-7 }, 'share: tối đa 2 chữ số thập phân'],
    ['1e20 as a page', { page: '1e20' }, 'page: phải là số nguyên từ 1 đến 500'],
    ['hexadecimal as a page', { page: '0x10' }, 'page: phải là số nguyên'],
    ['a fraction as a page', { page: '1.5' }, 'page: phải là số nguyên'],
    ['Infinity as a page', { page: 'Infinity' }, 'page: phải là số nguyên'],
    ['a page above the limit', { page: '501' }, 'page: phải là số nguyên từ 1 đến 500'],
    ['a repeated page', { page: ['1', '2'] }, 'page: phải là số nguyên'],
  ])('refuse %s', (_label, input, message) => {
    expect(problems(input)).toEqual([expect.stringContaining(message)]);
  });

  it('keep the end of next year as the latest start', () => {
    expect(latestStartDate()).toBe(`${new Date().getUTCFullYear() + 1}-12-31`);
  });
});
