import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';
import {
  CODE_MAX_LENGTH,
  EARLIEST_DATE,
  LATEST_DATE,
  MAX_POINTS,
  POINT_DECIMALS,
  endOfNextYear,
  hasAtMostDecimals,
  hasControlCharacter,
  hasVisibleCharacter,
  isCalendarDate,
  isCode,
  isDateWithin,
  normalizeText,
} from '@app/domain';

/*
 * The field rules every DTO uses, so each kind of input is checked one way everywhere. Each
 * message names the field first; the validation pipe replaces it with the full path when nested.
 */

/** May be left out, but not null: PATCH bodies would otherwise store null in required columns. */
export const Optional = (): PropertyDecorator =>
  ValidateIf((_object, value: unknown) => value !== undefined);

/** May be left out or null (the field's schema says `nullable`). */
export const OptionalNullable = (): PropertyDecorator =>
  ValidateIf((_object, value: unknown) => value !== undefined && value !== null);

const CODE_MESSAGE = 'chỉ gồm chữ không dấu, số, dấu gạch và dấu chấm';

/** A code: ASCII letters, digits, `_`, `.`, `-`, at most `maxLength` characters. */
export function IsCode(maxLength = CODE_MAX_LENGTH): PropertyDecorator {
  return ValidateBy({
    name: 'isCode',
    constraints: [maxLength],
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isCode(value, maxLength),
      defaultMessage: (args) => `${args?.property} ${CODE_MESSAGE} (1 đến ${maxLength} ký tự)`,
    },
  });
}

export interface TextRule {
  max: number;
  /** Counted on the normalised text. */
  min?: number;
  /** Notes, reasons and comments may keep tabs and line breaks; names and titles may not. */
  multiline?: boolean;
  /** What the field holds, for the message when it is missing: "họ tên chủ hộ". */
  what?: string;
}

function textProblem(value: unknown, { max, min = 1, multiline = false, what }: TextRule) {
  const missing = `cần ${what ?? 'nội dung'} (tối đa ${max} ký tự)`;
  if (typeof value !== 'string') return missing;
  // Checked first, so a megabyte of text is refused before anything normalises it.
  if (value.length > max) return `tối đa ${max} ký tự`;
  if (hasControlCharacter(value, multiline)) {
    return multiline
      ? 'không được chứa ký tự điều khiển'
      : 'không được chứa ký tự điều khiển hay xuống dòng';
  }
  if (!hasVisibleCharacter(value)) {
    return `cần ${what ?? 'nội dung'}, không chỉ khoảng trắng hay ký tự vô hình`;
  }
  if (normalizeText(value).length < min) return `cần ít nhất ${min} ký tự`;
  return null;
}

/**
 * A text a person reads: a string with a visible character once normalised (NFC, trimmed,
 * zero-width characters removed) and no control characters. An optional text that is given
 * follows the same rule: whitespace alone is refused, never stored as an empty value.
 */
export function IsVisibleText(rule: TextRule, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isVisibleText',
      validator: {
        validate: (value: unknown) => textProblem(value, rule) === null,
        defaultMessage: (args) => `${args?.property}: ${textProblem(args?.value, rule)}`,
      },
    },
    options,
  );
}

export interface DateRule {
  /** The latest day allowed, computed per request (e.g. the end of next year). */
  latest?: () => string;
}

/** A first day (active from, in a post from) may be planned, but not beyond the end of next year. */
export const latestStartDate = (): string => endOfNextYear(new Date().toISOString().slice(0, 10));

function dateProblem(value: unknown, { latest }: DateRule): string | null {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    return 'phải là một ngày có thật, dạng YYYY-MM-DD';
  }
  if (!isDateWithin(value)) return `phải từ ${EARLIEST_DATE} đến ${LATEST_DATE}`;
  const last = latest?.();
  if (last !== undefined && value > last) return `không được sau ngày ${last}`;
  return null;
}

/** A calendar day written `YYYY-MM-DD`, between 1900-01-01 and 2100-12-31 (or `latest`). */
export function IsDateOnly(rule: DateRule = {}): PropertyDecorator {
  return ValidateBy({
    name: 'isDateOnly',
    validator: {
      validate: (value: unknown) => dateProblem(value, rule) === null,
      defaultMessage: (args) => `${args?.property}: ${dateProblem(args?.value, rule)}`,
    },
  });
}

function decimalProblem(value: unknown, max: number, places: number, unit: string) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `phải là số ${unit}`;
  if (value < 0 || value > max) return `phải từ 0 đến ${max} ${unit}`;
  if (!hasAtMostDecimals(value, places)) {
    return `tối đa ${places === 1 ? 'một' : places} chữ số thập phân`;
  }
  return null;
}

/** Points: a finite number from 0 to `max` with at most one decimal. */
export function IsPoints(max = MAX_POINTS): PropertyDecorator {
  return ValidateBy({
    name: 'isPoints',
    validator: {
      validate: (value: unknown) => decimalProblem(value, max, POINT_DECIMALS, 'điểm') === null,
      defaultMessage: (args) =>
        `${args?.property}: ${decimalProblem(args?.value, max, POINT_DECIMALS, 'điểm')}`,
    },
  });
}

/** A percentage: a finite number from 0 to 100 with at most two decimals (numeric(5, 2)). */
export function IsPercent(): PropertyDecorator {
  return ValidateBy({
    name: 'isPercent',
    validator: {
      validate: (value: unknown) => decimalProblem(value, 100, 2, 'phần trăm') === null,
      defaultMessage: (args) =>
        `${args?.property}: ${decimalProblem(args?.value, 100, 2, 'phần trăm')}`,
    },
  });
}

/**
 * An integer from `min` to `max`. Query strings are read strictly: digits only, so `1e20`, `0x10`,
 * `1.0` and ` 5` stay strings and are refused instead of becoming numbers nobody typed.
 */
export function IsIntegerIn(min: number, max: number, what = 'số nguyên'): PropertyDecorator {
  const problem = (value: unknown) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
      ? null
      : `phải là ${what} từ ${min} đến ${max}`;
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && /^[+-]?\d{1,16}$/.test(value) ? Number(value) : value,
    ),
    ValidateBy({
      name: 'isIntegerIn',
      validator: {
        validate: (value: unknown) => problem(value) === null,
        defaultMessage: (args) => `${args?.property}: ${problem(args?.value)}`,
      },
    }),
  );
}

/** A decimal in a query string (`margin=7.5`): digits with an optional fraction, nothing else. */
export const toDecimal = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^[+-]?\d{1,16}(\.\d{1,16})?$/.test(value) ? Number(value) : value;
