import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@app/domain';
import type { Principal } from './principal.js';

export const PUBLIC_KEY = 'public';
export const ROLES_KEY = 'roles';
export const BEFORE_PASSWORD_CHANGE_KEY = 'beforePasswordChange';

/** Reachable without a token: health, login. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Reachable by an account that must first replace a generated password: who am I, change it. */
export const BeforePasswordChange = () => SetMetadata(BEFORE_PASSWORD_CHANGE_KEY, true);

/** Only these roles; a handler without it is open to every signed-in role. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ user: Principal }>().user,
);
