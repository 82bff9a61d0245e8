import { ROLES } from '@app/domain';
import { ROLE_LABELS } from '../../format';
import type { UserView } from '../../types';

export const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

export function scopeName(user: UserView): string {
  return user.scope ? `${user.scope.typeLabel} ${user.scope.name}` : 'toàn quốc';
}

export function accountState(user: UserView): string {
  if (!user.active) return 'đã khóa';
  return user.mustChangePassword ? 'chờ đổi mật khẩu' : 'đang dùng';
}
