import {
  ValidationPipe,
  type ArgumentMetadata,
  type Type,
  type ValidationError,
} from '@nestjs/common';
import { hasUnstorableCharacter } from '@app/domain';
import {
  InvalidInputException,
  UnsupportedMediaTypeException,
  type FieldProblem,
} from './app.exception.js';

/** Vietnamese wording for class-validator's English defaults; DTOs that say more keep their own. */
const VIETNAMESE: Record<string, string> = {
  whitelistValidation: 'trường này không được phép',
  isString: 'phải là chuỗi ký tự',
  isInt: 'phải là số nguyên',
  isNumber: 'phải là số',
  isBoolean: 'phải là true hoặc false',
  isIn: 'không thuộc các giá trị cho phép',
  isObject: 'phải là một đối tượng',
  isArray: 'phải là một danh sách',
  isIso8601: 'phải là ngày dạng YYYY-MM-DD',
  isNotEmpty: 'không được để trống',
  length: 'độ dài không hợp lệ',
  matches: 'không đúng định dạng',
  min: 'nhỏ hơn giá trị tối thiểu cho phép',
  max: 'lớn hơn giá trị tối đa cho phép',
  arrayMinSize: 'có quá ít phần tử',
  arrayMaxSize: 'có quá nhiều phần tử',
  nestedValidation: 'phải là một đối tượng hợp lệ',
};

function isEnglishDefault(text: string): boolean {
  return /\b(must|should)\b/.test(text);
}

/**
 * One problem per field: class-validator lists a field's failed constraints last-declared first,
 * so the last one is the first declared (the type check), the message a person needs.
 */
function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    const own: FieldProblem[] = [];
    const first = constraints.at(-1);
    if (first) {
      const [constraint, text] = first;
      own.push({
        field,
        code: constraint === 'whitelistValidation' ? 'UNKNOWN_FIELD' : 'INVALID_VALUE',
        message:
          isEnglishDefault(text) && VIETNAMESE[constraint]
            ? `${field}: ${VIETNAMESE[constraint]}`
            : text.startsWith(error.property)
              ? text.replace(error.property, field)
              : `${field}: ${text}`,
      });
    }
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

// Keys that reach an object's prototype when copied onto a DTO: no field is called that.
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A body holding thousands of bad strings is answered with the first few. */
const MAX_PROBLEMS = 20;

const fieldOf = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * What no DTO rule sees: strings (values or keys) PostgreSQL cannot store as sent, and keys
 * that class-transformer would copy onto a prototype or silently drop. Walks body, query and
 * path parameters alike; the body's depth is already bounded by the JSON parser's check.
 */
function unsafeInput(value: unknown, path: string, problems: FieldProblem[]): void {
  if (problems.length >= MAX_PROBLEMS) return;
  if (typeof value === 'string') {
    if (hasUnstorableCharacter(value)) {
      problems.push({
        field: path,
        code: 'INVALID_CHARACTER',
        message: `${path}: chứa ký tự không lưu được (NUL, nửa cặp UTF-16 hoặc ký tự hỏng mã hóa)`,
      });
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => unsafeInput(item, fieldOf(path, String(index)), problems));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const field = fieldOf(path, key);
      if (PROTOTYPE_KEYS.has(key) || hasUnstorableCharacter(key)) {
        problems.push({
          field,
          code: 'UNKNOWN_FIELD',
          message: `${field}: trường này không được phép`,
        });
      } else {
        unsafeInput(item, field, problems);
      }
    }
  }
}

/**
 * The global pipe: refuses unstorable characters and prototype keys anywhere in the input, a
 * missing JSON body where a handler expects one (another content type leaves it unparsed), then
 * validates with whitelisting and names each field in the shared error shape.
 */
class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return super.transform(value, metadata);
    if (metadata.type === 'body' && value === undefined && isDto(metadata.metatype)) {
      throw new UnsupportedMediaTypeException(
        'UNSUPPORTED_MEDIA_TYPE',
        'body: cần gửi nội dung JSON (Content-Type: application/json)',
        [{ field: 'body', code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Cần nội dung JSON' }],
      );
    }
    const problems: FieldProblem[] = [];
    unsafeInput(value, metadata.data ?? '', problems);
    if (problems.length > 0) throw new InvalidInputException(problems);
    return super.transform(value, metadata);
  }
}

const PLAIN_TYPES: unknown[] = [Object, String, Number, Boolean, Array];

function isDto(metatype: Type | undefined): boolean {
  return metatype !== undefined && !PLAIN_TYPES.includes(metatype);
}

/** Whitelisting pipe whose errors name each field in the shared error shape. */
export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new InvalidInputException(flatten(errors)),
  });
}
