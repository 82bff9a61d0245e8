import type { Problem } from './criteria.js';

export const ROLES = ['admin', 'officer', 'reviewer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị',
  officer: 'Cán bộ xã, phường',
  reviewer: 'Hội Khuyến học',
  viewer: 'Lãnh đạo',
};

export const PASSWORD_MIN_LENGTH = 10;

/**
 * Where an account's scope stands against the administrator changing it: `null` for national,
 * otherwise whether the area lies in the administrator's subtree.
 */
export type ScopePlacement = { national: true } | { national: false; withinActor: boolean };

export interface AccountChange {
  actor: { id: number; national: boolean };
  /** The account as it is; absent when it is being created. */
  current?: { id: number; role: Role; scope: ScopePlacement; active: boolean };
  /** What it becomes; a field left out keeps its value. */
  next: { role?: Role; scope?: ScopePlacement; active?: boolean };
}

/**
 * Whether an administrator may make this change to an account. An account never receives more
 * than its creator holds: a scope inside the administrator's own (national only from a national
 * administrator, and only for an administrator), and no account is changed from outside it. An
 * administrator does not change their own role, scope or state: the last national administrator
 * cannot lock the installation out, only another national one can change them.
 */
export function accountChangeProblems(change: AccountChange): Problem[] {
  const { actor, current, next } = change;
  const problems: Problem[] = [];
  const refuse = (field: string, code: string, message: string) =>
    problems.push({ field, code, message });
  const role = next.role ?? current?.role;
  const scope = next.scope ?? current?.scope;
  if (scope?.national && !actor.national) {
    refuse(
      'scopeAreaCode',
      'SCOPE_EXCEEDS_OWN',
      'chỉ quản trị toàn quốc mới tạo được tài khoản toàn quốc',
    );
  } else if (next.scope && !next.scope.national && !next.scope.withinActor) {
    refuse(
      'scopeAreaCode',
      'SCOPE_EXCEEDS_OWN',
      'địa bàn phụ trách phải nằm trong phạm vi của người cấp tài khoản',
    );
  }
  if (scope?.national && role !== 'admin') {
    refuse('scopeAreaCode', 'SCOPE_REQUIRED', 'cần địa bàn phụ trách cho vai trò này');
  }
  if (current && current.id === actor.id) {
    const changes = (['role', 'scope', 'active'] as const).filter(
      (field) => next[field] !== undefined,
    );
    if (changes.length > 0) {
      refuse(
        changes[0] === 'scope' ? 'scopeAreaCode' : changes[0],
        'OWN_ACCOUNT',
        'không tự đổi vai trò, phạm vi hay trạng thái của chính mình; nhờ một quản trị khác',
      );
    }
  }
  return problems;
}

/** A password a person chooses: long enough, and not their username. */
export function passwordProblems(password: string, username: string, field: string): Problem[] {
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    return [
      {
        field,
        code: 'PASSWORD_TOO_SHORT',
        message: `mật khẩu cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự`,
      },
    ];
  }
  if (password.toLowerCase().includes(username.toLowerCase())) {
    return [
      { field, code: 'PASSWORD_HAS_USERNAME', message: 'mật khẩu không được chứa tên đăng nhập' },
    ];
  }
  return [];
}
