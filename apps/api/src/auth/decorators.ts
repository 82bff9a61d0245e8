import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@app/database';
import type { Principal } from './principal.js';

export const PUBLIC_KEY = 'public';
export const ROLES_KEY = 'roles';

/** Reachable without a token: health, login. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only these roles; a handler without it is open to every signed-in role. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ user: Principal }>().user,
);
