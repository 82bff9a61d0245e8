import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { AppException } from './app.exception.js';
import { JsonTooDeepError, MAX_JSON_DEPTH } from './json-depth.js';

/**
 * Database refusals that two requests racing each other can cause: the services check first, but
 * the constraint has the last word, and the caller should hear a conflict, not a server error.
 */
const RACE_CODES: Record<string, { code: string; message: string }> = {
  '23505': {
    code: 'DUPLICATE',
    message: 'Bản ghi vừa được người khác tạo; hãy tải lại rồi thử lại',
  },
  '40001': {
    code: 'CONCURRENT_CHANGE',
    message: 'Dữ liệu vừa được người khác thay đổi; hãy thử lại',
  },
  '40P01': {
    code: 'CONCURRENT_CHANGE',
    message: 'Dữ liệu vừa được người khác thay đổi; hãy thử lại',
  },
};

/**
 * The case-insensitive unique indexes on codes (migration CaseInsensitiveCodes): a code that
 * differs from a taken one only in case gets the same 409 as an exact duplicate.
 */
const CODE_INDEXES: Record<string, string> = {
  areas_code_ci_key: 'địa bàn',
  households_code_ci_key: 'hộ gia đình',
  clans_code_ci_key: 'dòng họ',
  units_code_ci_key: 'đơn vị',
  criteria_sets_code_ci_key: 'bộ tiêu chí',
  target_plans_code_ci_key: 'kế hoạch chỉ tiêu',
  trainees_code_ci_key: 'người học',
  training_courses_code_ci_key: 'lớp tập huấn',
};

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

const HTTP_CODES: Partial<Record<number, string>> = {
  [HttpStatus.BAD_REQUEST]: 'BAD_REQUEST',
  [HttpStatus.NOT_FOUND]: 'NOT_FOUND',
  [HttpStatus.METHOD_NOT_ALLOWED]: 'METHOD_NOT_ALLOWED',
};

/** Maps every error to one body shape; internals (stack, SQL) never leave the server. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : exception,
      );
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof QueryFailedError) {
      const { code, constraint } = exception.driverError as {
        code?: unknown;
        constraint?: unknown;
      };
      const taken = code === '23505' ? CODE_INDEXES[String(constraint)] : undefined;
      if (taken) {
        const what = `${taken} mang mã này (mã không phân biệt chữ hoa, chữ thường)`;
        return {
          statusCode: HttpStatus.CONFLICT,
          code: 'DUPLICATE_CODE',
          message: `code: đã có ${what}`,
          details: [{ field: 'code', code: 'DUPLICATE_CODE', message: `Đã có ${what}` }],
        };
      }
      const race = RACE_CODES[String(code)];
      if (race) return { statusCode: HttpStatus.CONFLICT, ...race };
    }
    if (exception instanceof AppException) {
      return {
        statusCode: exception.status,
        code: exception.code,
        message: exception.message,
        ...(exception.details ? { details: exception.details } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Express's body parser errors arrive mapped to HttpException, the parser error as cause.
      if (exception.cause instanceof JsonTooDeepError) {
        const { field } = exception.cause;
        const message = `JSON lồng nhau quá ${MAX_JSON_DEPTH} cấp`;
        return {
          statusCode: HttpStatus.BAD_REQUEST,
          code: 'MALFORMED_BODY',
          message: `${field}: ${message}`,
          details: [{ field, code: 'TOO_DEEP', message }],
        };
      }
      // Express cannot decode a path holding a bad percent-encoding (%ED%A0%80, a lone surrogate).
      if (exception.cause instanceof URIError) {
        return {
          statusCode: HttpStatus.BAD_REQUEST,
          code: 'MALFORMED_URL',
          message: 'path: đường dẫn chứa ký tự mã hóa sai',
          details: [{ field: 'path', code: 'MALFORMED_URL', message: 'Đường dẫn mã hóa sai' }],
        };
      }
      if (exception.cause instanceof SyntaxError) {
        return {
          statusCode: status,
          code: 'MALFORMED_BODY',
          message: 'Nội dung gửi lên không phải JSON hợp lệ',
        };
      }
      if (status === 413) {
        return {
          statusCode: status,
          code: 'PAYLOAD_TOO_LARGE',
          message: 'Nội dung gửi lên quá lớn',
        };
      }
      const response = exception.getResponse();
      const message =
        typeof response === 'object' && 'message' in response
          ? String(response.message)
          : exception.message;
      return { statusCode: status, code: HTTP_CODES[status] ?? `HTTP_${status}`, message };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'INTERNAL_ERROR',
      message: 'Lỗi hệ thống, vui lòng thử lại sau',
    };
  }
}
