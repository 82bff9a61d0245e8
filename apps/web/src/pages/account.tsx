import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { useAuth } from '../auth';
import { Notice, TextField } from '../components/ui';
import { ROLE_LABELS } from '../format';
import type { SessionView } from '../types';

/**
 * One's own account and the change of its password. With a password an administrator generated
 * (the first start, a reset), it is the only page until the password is changed.
 */
export function AccountPage({ forced = false }: { forced?: boolean }) {
  const { user, signIn, signOut } = useAuth();
  const [draft, setDraft] = useState({ currentPassword: '', newPassword: '', repeat: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!user) return null;
  const mismatch =
    draft.repeat !== '' && draft.repeat !== draft.newPassword
      ? 'Hai lần nhập mật khẩu mới không khớp'
      : undefined;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (mismatch) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const session = await api.post<SessionView>('/auth/password', {
        currentPassword: draft.currentPassword,
        newPassword: draft.newPassword,
      });
      signIn(session.accessToken, session.user);
      setDraft({ currentPassword: '', newPassword: '', repeat: '' });
      setSaved(true);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError(0, 'CLIENT', String(failure)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class={forced ? 'login' : 'panel'}>
      <h1>{forced ? 'Đổi mật khẩu được cấp' : 'Tài khoản của tôi'}</h1>
      {forced ? (
        <Notice kind="info">
          Mật khẩu này do quản trị cấp. Hãy đặt mật khẩu của riêng mình trước khi dùng hệ thống.
        </Notice>
      ) : (
        <dl class="facts">
          <dt>Tên đăng nhập</dt>
          <dd>{user.username}</dd>
          <dt>Họ tên</dt>
          <dd>{user.displayName}</dd>
          <dt>Vai trò</dt>
          <dd>{ROLE_LABELS[user.role]}</dd>
          <dt>Phạm vi</dt>
          <dd>{user.scopeAreaCode ?? 'toàn quốc'}</dd>
        </dl>
      )}
      <form class="card" aria-label="Đổi mật khẩu" onSubmit={(event) => void submit(event)}>
        <h2>Đổi mật khẩu</h2>
        {error && !error.problems.length && <Notice kind="error">{error.message}</Notice>}
        {saved && (
          <Notice kind="success">
            Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản này đã kết thúc.
          </Notice>
        )}
        <input type="text" name="username" autoComplete="username" value={user.username} hidden />
        <TextField
          label="Mật khẩu đang dùng"
          type="password"
          autoComplete="current-password"
          required
          value={draft.currentPassword}
          onValue={(currentPassword) => setDraft({ ...draft, currentPassword })}
          error={error?.about('currentPassword')}
        />
        <TextField
          label="Mật khẩu mới"
          type="password"
          autoComplete="new-password"
          required
          hint="Ít nhất 10 ký tự, không chứa tên đăng nhập"
          value={draft.newPassword}
          onValue={(newPassword) => setDraft({ ...draft, newPassword })}
          error={error?.about('newPassword')}
        />
        <TextField
          label="Nhập lại mật khẩu mới"
          type="password"
          autoComplete="new-password"
          required
          value={draft.repeat}
          onValue={(repeat) => setDraft({ ...draft, repeat })}
          error={mismatch}
        />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy || Boolean(mismatch)}>
            {busy ? 'Đang lưu…' : 'Đổi mật khẩu'}
          </button>
          {forced && (
            <button type="button" class="link" onClick={signOut}>
              Đăng xuất
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
