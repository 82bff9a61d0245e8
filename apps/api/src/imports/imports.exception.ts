import { InvalidInputException, UnprocessableException } from '../common/app.exception.js';
import type { ImportReport } from './dto/import.dto.js';

/** The file is not a workbook this import can read: not an xlsx, too large, wrong headers, empty. */
export class UnreadableImportException extends InvalidInputException {
  constructor(code: string, message: string) {
    super([{ field: 'file', code, message: `file: ${message}` }], code);
  }
}

/** Some rows are wrong: nothing was written; the report lists every problem. */
export class ImportRejectedException extends UnprocessableException {
  constructor(report: ImportReport) {
    super(
      'IMPORT_REJECTED',
      `Không nhập gì: ${report.problemCount} lỗi trong tệp ${report.fileName}; sửa rồi nhập lại`,
      { report },
    );
  }
}
