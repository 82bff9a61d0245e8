import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@app/database';
import { ForbiddenException, UnauthenticatedException } from './auth.exception.js';
import { PUBLIC_KEY, ROLES_KEY } from './decorators.js';
import type { Principal } from './principal.js';

const ROLE_LABELS: Record<Role, string> = {
  admin: 'quản trị',
  officer: 'cán bộ xã',
  reviewer: 'Hội Khuyến học',
  viewer: 'lãnh đạo (xem)',
};

/**
 * Applied to every route: a valid token is required unless the handler is @Public, and the
 * caller's role must be one the handler lists with @Roles. Area scope is checked by the services,
 * which know which area a request touches.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; user?: Principal }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new UnauthenticatedException();
    try {
      request.user = await this.jwt.verifyAsync<Principal>(token);
    } catch {
      throw new UnauthenticatedException(
        'Phiên đăng nhập không hợp lệ hoặc đã hết hạn; hãy đăng nhập lại',
      );
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.user.role)) {
      throw new ForbiddenException(
        `Vai trò ${ROLE_LABELS[request.user.role]} không được dùng chức năng này (cần: ${roles.map((role) => ROLE_LABELS[role]).join(', ')})`,
      );
    }
    return true;
  }
}
