import type { Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';

export interface LoginLimits {
  /** Failed sign-ins allowed from one address in a window (a commune office shares one). */
  perAddress: number;
  /** Failed sign-ins allowed for one account in a window, from wherever they come. */
  perAccount: number;
}

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAddress: 20, perAccount: 10 };

/** "45 giây", "15 phút": how long to wait, in the words `Retry-After` says in seconds. */
export function waitInWords(seconds: number): string {
  return seconds < 60 ? `${seconds} giây` : `${Math.ceil(seconds / 60)} phút`;
}

function usernameOf(request: Request): string | null {
  const body = request.body as { username?: unknown } | undefined;
  return typeof body?.username === 'string' ? body.username.trim().toLowerCase() : null;
}

function limiter(limit: number, key: 'address' | 'account'): RequestHandler {
  return rateLimit({
    windowMs: LOGIN_WINDOW_MS,
    limit,
    // Only failures count: an office where twenty people sign in correctly is not an attack.
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    ...(key === 'account'
      ? {
          keyGenerator: (request: Request) => `account:${usernameOf(request) as string}`,
          skip: (request: Request) => usernameOf(request) === null,
        }
      : {}),
    handler: (request: Request, response: Response) => {
      const reset = (request as Request & { rateLimit?: { resetTime?: Date } }).rateLimit
        ?.resetTime;
      const seconds = Math.max(
        1,
        Math.ceil(((reset?.getTime() ?? Date.now() + LOGIN_WINDOW_MS) - Date.now()) / 1000),
      );
      response.setHeader('Retry-After', String(seconds));
      response.status(429).json({
        statusCode: 429,
        code: 'TOO_MANY_ATTEMPTS',
        message: `Đăng nhập sai quá nhiều lần ${key === 'account' ? 'với tài khoản này' : 'từ địa chỉ này'}; hãy thử lại sau ${waitInWords(seconds)}`,
        details: { retryAfterSeconds: seconds },
      });
    },
  });
}

/** Per address and per account, failures only; mounted after the body is parsed. */
export function loginLimiters(limits: LoginLimits): RequestHandler[] {
  return [limiter(limits.perAddress, 'address'), limiter(limits.perAccount, 'account')];
}
