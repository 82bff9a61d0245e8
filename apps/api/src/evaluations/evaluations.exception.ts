import { HttpStatus } from '@nestjs/common';
import type { FailureReason } from '@app/domain';
import {
  AppException,
  ConflictException,
  InvalidInputException,
  NotFoundException,
  UnprocessableException,
} from '../common/app.exception.js';

export class EvaluationNotFoundException extends NotFoundException {
  constructor(kind: string, code: string, year: number) {
    super('EVALUATION_NOT_FOUND', `Chưa có kết quả đánh giá ${kind} "${code}" năm ${year}`);
  }
}

export class SubjectInactiveException extends UnprocessableException {
  constructor(code: string, year: number) {
    super('SUBJECT_INACTIVE', `subjectCode: "${code}" không hoạt động trong năm ${year}`, [
      {
        field: 'subjectCode',
        code: 'SUBJECT_INACTIVE',
        message: `"${code}" không hoạt động trong năm ${year}`,
      },
    ]);
  }
}

const ACTION_LABELS: Record<string, string> = {
  edit: 'sửa điểm',
  submit: 'gửi duyệt',
  approve: 'duyệt',
  return: 'trả lại',
  recognise: 'ghi quyết định công nhận',
  reopen: 'mở lại',
};

export class IllegalTransitionException extends ConflictException {
  constructor(action: string, statusLabel: string) {
    super(
      'ILLEGAL_TRANSITION',
      `Không thể ${ACTION_LABELS[action] ?? action} khi kết quả đang ở trạng thái "${statusLabel}"`,
    );
  }
}

export class StaleVersionException extends ConflictException {
  constructor(current: unknown) {
    super('STALE_VERSION', 'version: kết quả đã được người khác sửa; hãy tải lại bản mới nhất', {
      current,
    });
  }
}

export class VersionRequiredException extends AppException {
  readonly status = HttpStatus.PRECONDITION_REQUIRED;

  constructor(current: unknown) {
    super(
      'VERSION_REQUIRED',
      'version: kết quả này đã có; gửi kèm phiên bản đã đọc để không ghi đè thay đổi của người khác',
      {
        current,
      },
    );
  }
}

export class NotPassedException extends UnprocessableException {
  constructor(reasons: FailureReason[]) {
    super(
      'EVALUATION_NOT_PASSED',
      `Chưa đạt nên không thể công nhận: ${reasons.map((reason) => reason.message).join('; ')}`,
      { reasons },
    );
  }
}

export class InvalidDecisionDateException extends InvalidInputException {
  constructor(message: string) {
    super(
      [
        {
          field: 'decisionDate',
          code: 'INVALID_DECISION_DATE',
          message: `decisionDate: ${message}`,
        },
      ],
      'INVALID_DECISION_DATE',
    );
  }
}
