import {
  ConflictException,
  InvalidInputException,
  NotFoundException,
} from '../common/app.exception.js';

export class TraineeNotFoundException extends NotFoundException {
  constructor(code: string, field = 'code') {
    super('TRAINEE_NOT_FOUND', `${field}: không tìm thấy người học có mã "${code}"`, [
      { field, code: 'TRAINEE_NOT_FOUND', message: `Không tìm thấy người học có mã "${code}"` },
    ]);
  }
}

export class CourseNotFoundException extends NotFoundException {
  constructor(code: string) {
    super('COURSE_NOT_FOUND', `code: không tìm thấy lớp tập huấn có mã "${code}"`, [
      {
        field: 'code',
        code: 'COURSE_NOT_FOUND',
        message: `Không tìm thấy lớp tập huấn có mã "${code}"`,
      },
    ]);
  }
}

export class DuplicateTrainingCodeException extends ConflictException {
  constructor(what: string, code: string) {
    super('DUPLICATE_CODE', `code: đã có ${what} mang mã "${code}"`, [
      { field: 'code', code: 'DUPLICATE_CODE', message: `Đã có ${what} mang mã "${code}"` },
    ]);
  }
}

/** Every attendance entry naming nobody on record, so the whole list can be fixed at once. */
export class UnknownTraineesException extends InvalidInputException {
  constructor(unknown: { index: number; code: string }[]) {
    super(
      unknown.map(({ index, code }) => ({
        field: `entries[${index}].traineeCode`,
        code: 'TRAINEE_NOT_FOUND',
        message: `entries[${index}].traineeCode: không tìm thấy người học có mã "${code}"`,
      })),
      'TRAINEE_NOT_FOUND',
    );
  }
}
