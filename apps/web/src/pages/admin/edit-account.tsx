import { useState } from 'preact/hooks';
import type { Role } from '@app/domain';
import { api } from '../../api';
import { Problems } from '../../components/problems';
import { Notice, SelectField, TextField } from '../../components/ui';
import { fieldBinder, useSubmit } from '../../forms';
import type { PasswordResetView, UserView } from '../../types';
import { accountState, ROLE_OPTIONS, scopeName } from './account-labels';
import { AccountScope } from './account-scope';

export function EditAccount({ account, onSaved }: { account: UserView; onSaved: () => void }) {
  const [draft, setDraft] = useState({ displayName: account.displayName, role: account.role });
  const [scope, setScope] = useState<string | null>(account.scopeAreaCode);
  const [reason, setReason] = useState('');
  const [issued, setIssued] = useState<PasswordResetView | null>(null);
  const save = useSubmit(onSaved);
  const lock = useSubmit(onSaved);
  const reset = useSubmit(onSaved);
  const bind = fieldBinder(draft, setDraft, save.error);
  const path = `/users/${account.username}`;
  return (
    <section class="card" aria-label={`Tài khoản ${account.username}`}>
      <h2>
        Tài khoản {account.username} <small>({accountState(account)})</small>
      </h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save.submit(
            () => api.patch(path, { ...draft, scopeAreaCode: scope }),
            'Đã lưu. Nếu vai trò hoặc phạm vi đổi, người dùng phải đăng nhập lại.',
          );
        }}
      >
        <Problems error={save.error} />
        {save.saved && <Notice kind="success">{save.saved}</Notice>}
        <div class="grid">
          <TextField label="Họ tên" {...bind('displayName')} required />
          <SelectField
            label="Vai trò"
            value={draft.role}
            onValue={(role) => setDraft({ ...draft, role: role as Role })}
            options={ROLE_OPTIONS}
            error={save.error?.about('role')}
          />
        </div>
        <AccountScope
          role={draft.role}
          value={scope}
          onValue={setScope}
          error={save.error?.about('scopeAreaCode')}
        />
        <p class="hint">Đang phụ trách: {scopeName(account)}</p>
        <button type="submit" class="primary" disabled={save.busy}>
          Lưu thay đổi
        </button>
      </form>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void lock.submit(
            () =>
              account.active
                ? api.post(`${path}/deactivation`, { reason })
                : api.post(`${path}/reactivation`),
            account.active
              ? `Đã khóa ${account.username}; mọi phiên đăng nhập của tài khoản đã kết thúc.`
              : `Đã mở khóa ${account.username}.`,
          );
        }}
      >
        <h3>{account.active ? 'Khóa tài khoản' : 'Mở khóa tài khoản'}</h3>
        <Problems error={lock.error} />
        {lock.saved && <Notice kind="success">{lock.saved}</Notice>}
        {account.active && (
          <TextField
            label="Lý do khóa"
            value={reason}
            onValue={setReason}
            required
            error={lock.error?.about('reason')}
          />
        )}
        <button type="submit" disabled={lock.busy}>
          {account.active ? 'Khóa tài khoản' : 'Mở khóa'}
        </button>
      </form>
      <div>
        <h3>Mật khẩu</h3>
        <Problems error={reset.error} />
        {issued && (
          <Notice kind="success">
            Mật khẩu mới của {issued.username}:{' '}
            <strong data-testid="issued-password">{issued.temporaryPassword}</strong>. Chỉ hiện một
            lần: hãy trao tận tay; người dùng phải đổi khi đăng nhập.
          </Notice>
        )}
        <button
          type="button"
          disabled={reset.busy}
          onClick={() =>
            void reset.submit(async () => {
              setIssued(await api.post<PasswordResetView>(`${path}/password-reset`));
            }, '')
          }
        >
          Cấp mật khẩu mới
        </button>
      </div>
    </section>
  );
}
