import { HttpStatus } from '@nestjs/common';
import {
  AppException,
  ConflictException,
  NotFoundException,
  type FieldProblem,
} from '../common/app.exception.js';

/** Unknown, or outside the administrator's scope: the same answer, so scopes reveal no account. */
export class UserNotFoundException extends NotFoundException {
  constructor(username: string) {
    super('USER_NOT_FOUND', `username: không có tài khoản "${username}" trong phạm vi quản lý`, [
      { field: 'username', code: 'USER_NOT_FOUND', message: `Không có tài khoản "${username}"` },
    ]);
  }
}

export class UsernameTakenException extends ConflictException {
  constructor(username: string) {
    super('DUPLICATE_CODE', `username: tài khoản "${username}" đã tồn tại`, [
      { field: 'username', code: 'DUPLICATE_CODE', message: `Tài khoản "${username}" đã tồn tại` },
    ]);
  }
}

export class AccountStateException extends ConflictException {}

/** An account change the administrator may not make: more than they hold, or their own. */
export class AccountChangeRefusedException extends AppException {
  readonly status = HttpStatus.FORBIDDEN;

  constructor(problems: FieldProblem[]) {
    super(
      problems[0].code,
      problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '),
      problems.map((problem) => ({ ...problem, message: `${problem.field}: ${problem.message}` })),
    );
  }
}
