import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Problems } from '../../components/problems';
import { Notice, SelectField, TextField } from '../../components/ui';
import { fieldBinder, useSubmit } from '../../forms';
import { ROLE_OPTIONS } from './account-labels';
import { AccountScope, useRoot } from './account-scope';

export function CreateAccount({ onSaved }: { onSaved: () => void }) {
  const root = useRoot();
  const [draft, setDraft] = useState({
    username: '',
    displayName: '',
    password: '',
    role: 'officer',
  });
  const [scope, setScope] = useState<string | null>(root);
  const form = useSubmit(onSaved);
  const bind = fieldBinder(draft, setDraft, form.error);
  return (
    <form
      class="card"
      aria-label="Thêm tài khoản"
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit(
          () => api.post('/users', { ...draft, scopeAreaCode: scope ?? undefined }),
          `Đã tạo tài khoản ${draft.username}; người dùng sẽ đổi mật khẩu ban đầu khi đăng nhập lần đầu.`,
        );
      }}
    >
      <h2>Thêm tài khoản</h2>
      <Problems error={form.error} />
      {form.saved && <Notice kind="success">{form.saved}</Notice>}
      <div class="grid">
        <TextField label="Tên đăng nhập" {...bind('username')} required />
        <TextField label="Họ tên" {...bind('displayName')} required />
        <TextField
          label="Mật khẩu ban đầu"
          type="password"
          autoComplete="new-password"
          {...bind('password')}
          required
          hint="Ít nhất 10 ký tự; người dùng phải đổi khi đăng nhập lần đầu"
        />
        <SelectField label="Vai trò" {...bind('role')} options={ROLE_OPTIONS} />
      </div>
      <AccountScope
        role={draft.role}
        value={scope}
        onValue={setScope}
        error={form.error?.about('scopeAreaCode')}
      />
      <button type="submit" class="primary" disabled={form.busy}>
        Tạo tài khoản
      </button>
    </form>
  );
}
