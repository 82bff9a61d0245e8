import { InvalidInputException, NotFoundException } from '../common/app.exception.js';

export class ReportLevelException extends InvalidInputException {
  constructor(code: string, message: string) {
    super(
      [{ field: 'code', code: 'REPORT_WRONG_LEVEL', message: `code: "${code}" ${message}` }],
      'REPORT_WRONG_LEVEL',
    );
  }
}

export class ReportNoDataException extends NotFoundException {
  constructor(label: string, year: number) {
    super(
      'REPORT_NO_DATA',
      `Chưa có số liệu đánh giá năm ${year} của ${label}; không có gì để lập báo cáo`,
    );
  }
}
