import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { InvalidInputException, type FieldProblem } from './app.exception.js';

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
        message: text.startsWith(error.property)
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
