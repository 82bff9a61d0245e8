import { ConflictException, UnprocessableException } from '../common/app.exception.js';

export class CriteriaSetCodeTakenException extends ConflictException {
  constructor(code: string) {
    super('DUPLICATE_CODE', `code: bộ tiêu chí mã "${code}" đã tồn tại`, [
      { field: 'code', code: 'DUPLICATE_CODE', message: `Bộ tiêu chí mã "${code}" đã tồn tại` },
    ]);
  }
}

export class NoCriteriaSetException extends UnprocessableException {
  constructor(kind: string, year: number, areaCode: string) {
    super(
      'NO_CRITERIA_SET',
      `year: chưa có bộ tiêu chí ${kind} áp dụng cho năm ${year} tại "${areaCode}"`,
      [
        {
          field: 'year',
          code: 'NO_CRITERIA_SET',
          message: `Chưa có bộ tiêu chí áp dụng cho năm ${year}`,
        },
      ],
    );
  }
}
