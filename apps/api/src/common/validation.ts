import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { InvalidInputException, type FieldProblem } from './app.exception.js';

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

/** Whitelisting pipe whose errors name each field in the shared error shape. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new InvalidInputException(flatten(errors)),
  });
}
