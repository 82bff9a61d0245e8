import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ROLE_LABELS, type Role } from '@app/domain';
import { UsersRepository } from '@app/database';
import { ForbiddenException, UnauthenticatedException } from './auth.exception.js';
import { BEFORE_PASSWORD_CHANGE_KEY, PUBLIC_KEY, ROLES_KEY } from './decorators.js';
import type { Principal, TokenClaims } from './principal.js';

/**
 * Applied to every route: a valid token is required unless the handler is @Public, and the
 * caller's role must be one the handler lists with @Roles. The account is read afresh at each
 * request, so a deactivation or a change of role, scope or password ends earlier tokens at once.
 * Area scope is checked by the services, which know which area a request touches.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: UsersRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; user?: Principal }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new UnauthenticatedException();
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new UnauthenticatedException(
        'Phiên đăng nhập không hợp lệ hoặc đã hết hạn; hãy đăng nhập lại',
      );
    }
    const id = Number(claims.sub);
    const account = Number.isSafeInteger(id) ? await this.users.findById(id) : null;
    if (!account || !account.active || account.tokenVersion !== claims.ver) {
      throw new UnauthenticatedException(
        'Phiên đăng nhập đã kết thúc vì tài khoản vừa thay đổi (khóa, đổi vai trò, phạm vi hoặc mật khẩu); hãy đăng nhập lại',
      );
    }
    request.user = {
      id: account.id,
      username: account.username,
      role: account.role,
      scopeAreaId: account.scopeAreaId,
      scopeAreaCode: account.scopeAreaCode,
    };
    if (
      account.mustChangePassword &&
      !this.reflector.getAllAndOverride<boolean>(BEFORE_PASSWORD_CHANGE_KEY, targets)
    ) {
      throw new ForbiddenException(
        'Cần đổi mật khẩu được cấp trước khi dùng chức năng này',
        'PASSWORD_CHANGE_REQUIRED',
      );
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(account.role)) {
      throw new ForbiddenException(
        `Vai trò ${ROLE_LABELS[account.role]} không được dùng chức năng này (cần: ${roles.map((role) => ROLE_LABELS[role]).join(', ')})`,
      );
    }
    return true;
  }
}
