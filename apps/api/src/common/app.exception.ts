import { HttpStatus } from '@nestjs/common';

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/**
 * The base of every feature's exceptions: a stable string code for clients, a message a person can
 * read (Vietnamese, naming the field) and, where relevant, one entry per field in error.
 */
export abstract class AppException extends Error {
  abstract readonly status: HttpStatus;

  constructor(
    readonly code: string,
    message: string,
    readonly details?: FieldProblem[] | Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInputException extends AppException {
  readonly status = HttpStatus.BAD_REQUEST;

  constructor(problems: FieldProblem[], code = 'VALIDATION_FAILED') {
    super(code, problems.map((problem) => problem.message).join('; '), problems);
  }

  /** From the domain's problems, whose messages do not yet name their field. */
  static fromProblems(problems: FieldProblem[], code: string): InvalidInputException {
    return new InvalidInputException(
      problems.map((problem) => ({ ...problem, message: `${problem.field}: ${problem.message}` })),
      code,
    );
  }
}

export class NotFoundException extends AppException {
  readonly status = HttpStatus.NOT_FOUND;
}

export class ConflictException extends AppException {
  readonly status = HttpStatus.CONFLICT;
}

export class UnprocessableException extends AppException {
  readonly status = HttpStatus.UNPROCESSABLE_ENTITY;
}

export class UnsupportedMediaTypeException extends AppException {
  readonly status = HttpStatus.UNSUPPORTED_MEDIA_TYPE;
}
