import { HttpStatus } from '@nestjs/common';
import { AppException } from '../common/app.exception.js';

export class UnauthenticatedException extends AppException {
  readonly status = HttpStatus.UNAUTHORIZED;

  constructor(message = 'Cần đăng nhập để dùng chức năng này') {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenException extends AppException {
  readonly status = HttpStatus.FORBIDDEN;

  constructor(message: string, code = 'FORBIDDEN') {
    super(code, message);
  }
}
