import {
  ConflictException,
  InvalidInputException,
  NotFoundException,
} from '../common/app.exception.js';

export class SubjectNotFoundException extends NotFoundException {
  constructor(what: string, code: string, field = 'code') {
    super('SUBJECT_NOT_FOUND', `${field}: không tìm thấy ${what} có mã "${code}"`, [
      { field, code: 'SUBJECT_NOT_FOUND', message: `Không tìm thấy ${what} có mã "${code}"` },
    ]);
  }
}

export class DuplicateCodeException extends ConflictException {
  constructor(what: string, code: string) {
    super('DUPLICATE_CODE', `code: đã có ${what} mang mã "${code}"`, [
      { field: 'code', code: 'DUPLICATE_CODE', message: `Đã có ${what} mang mã "${code}"` },
    ]);
  }
}

export class ClanOutsideCommuneException extends InvalidInputException {
  constructor(clanCode: string) {
    super(
      [
        {
          field: 'clanCode',
          code: 'CLAN_OUTSIDE_COMMUNE',
          message: `clanCode: dòng họ "${clanCode}" không thuộc xã/phường của thôn đã chọn`,
        },
      ],
      'CLAN_OUTSIDE_COMMUNE',
    );
  }
}

export class InvalidDeactivationException extends InvalidInputException {
  constructor(message: string) {
    super(
      [{ field: 'on', code: 'INVALID_DEACTIVATION', message: `on: ${message}` }],
      'INVALID_DEACTIVATION',
    );
  }
}
