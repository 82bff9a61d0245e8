import type { AreaLevel } from '@app/domain';
import {
  ConflictException,
  InvalidInputException,
  NotFoundException,
  UnprocessableException,
} from '../common/app.exception.js';

export class AreaNotFoundException extends NotFoundException {
  constructor(code: string, field = 'code') {
    super('AREA_NOT_FOUND', `${field}: không tìm thấy địa bàn có mã "${code}"`, [
      { field, code: 'AREA_NOT_FOUND', message: `Không tìm thấy địa bàn có mã "${code}"` },
    ]);
  }
}

export class AreaNotInForceException extends UnprocessableException {
  constructor(code: string, year: number) {
    super('AREA_NOT_IN_FORCE', `Địa bàn "${code}" không còn hiệu lực trong năm ${year}`);
  }
}

export class AreaLevelMismatchException extends InvalidInputException {
  constructor(field: string, code: string, expected: string, actual: string) {
    super(
      [
        {
          field,
          code: 'AREA_LEVEL_MISMATCH',
          message: `${field}: địa bàn "${code}" là cấp ${actual}, cần cấp ${expected}`,
        },
      ],
      'AREA_LEVEL_MISMATCH',
    );
  }
}

export class AreaCodeTakenException extends ConflictException {
  constructor(code: string) {
    super('DUPLICATE_CODE', `code: mã địa bàn "${code}" đã tồn tại`, [
      { field: 'code', code: 'DUPLICATE_CODE', message: `Mã "${code}" đã tồn tại` },
    ]);
  }
}

export class AreaHierarchyException extends InvalidInputException {
  constructor(field: string, message: string) {
    super(
      [{ field, code: 'INVALID_HIERARCHY', message: `${field}: ${message}` }],
      'INVALID_HIERARCHY',
    );
  }
}

/** What a message calls each level, in Vietnamese. */
export const LEVEL_LABELS: Record<AreaLevel, string> = {
  province: 'tỉnh',
  district: 'huyện',
  commune: 'xã',
  hamlet: 'thôn',
};
