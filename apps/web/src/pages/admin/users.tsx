import { useState } from 'preact/hooks';
import { ROLES, type Role } from '@app/domain';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { Problems } from '../../components/problems';
import { ScopePicker } from '../../components/scope-picker';
import {
  ActionsHeader,
  Loading,
  Notice,
  PAGE_SIZE,
  Pager,
  SelectField,
  TextField,
} from '../../components/ui';
import { ROLE_LABELS } from '../../format';
import { fieldBinder, useSubmit } from '../../forms';
import { useDebounced, useLoad } from '../../hooks';
import type { Page, PasswordResetView, UserView } from '../../types';

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

function scopeName(user: UserView): string {
  return user.scope ? `${user.scope.typeLabel} ${user.scope.name}` : 'toàn quốc';
}

function state(user: UserView): string {
  if (!user.active) return 'đã khóa';
  return user.mustChangePassword ? 'chờ đổi mật khẩu' : 'đang dùng';
}

/** The administrator's own scope: where every account they manage must lie. */
function useRoot(): string | null {
  return useAuth().user?.scopeAreaCode ?? null;
}

interface AccountScopeProps {
  role: string;
  value: string | null;
  onValue: (code: string | null) => void;
  error?: string;
}

/**
 * An account's area, chosen inside the administrator's own; the whole country is offered only
 * to a national administrator creating an administrator, as the API allows.
 */
function AccountScope({ role, value, onValue, error }: AccountScopeProps) {
  const root = useRoot();
  return (
    <ScopePicker
      legend="Địa bàn phụ trách"
      root={root}
      value={value}
      onValue={onValue}
      national={root === null && role === 'admin'}
      error={error}
    />
  );
}

function CreateAccount({ onSaved }: { onSaved: () => void }) {
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

function EditAccount({ account, onSaved }: { account: UserView; onSaved: () => void }) {
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
        Tài khoản {account.username} <small>({state(account)})</small>
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

/** The accounts within the administrator's scope: found by name, changed one at a time. */
export function Users() {
  const [search, setSearch] = useState({ q: '', role: '', page: 1 });
  const q = useDebounced(search.q);
  const users = useLoad(
    () =>
      api.get<Page<UserView>>('/users', {
        q: q.trim() || undefined,
        role: search.role || undefined,
        page: search.page,
        pageSize: PAGE_SIZE,
      }),
    [q, search.role, search.page],
  );
  const [selected, setSelected] = useState<string | null>(null);
  const account = users.data?.items.find((user) => user.username === selected);
  return (
    <>
      <section class="panel">
        <h2>Tài khoản</h2>
        <div class="filters">
          <TextField
            label="Tìm theo tên"
            type="search"
            value={search.q}
            onValue={(text) => setSearch({ ...search, q: text, page: 1 })}
            hint="Gõ có dấu hay không dấu đều được"
          />
          <SelectField
            label="Vai trò"
            value={search.role}
            onValue={(role) => setSearch({ ...search, role, page: 1 })}
            options={[{ value: '', label: 'Mọi vai trò' }, ...ROLE_OPTIONS]}
          />
        </div>
        {users.error && <Notice kind="error">{users.error.message}</Notice>}
        {!users.data ? (
          <Loading what="tài khoản" />
        ) : (
          <>
            <div class="table-wrap">
              <table class="data" data-testid="users">
                <thead>
                  <tr>
                    <th scope="col">Tên đăng nhập</th>
                    <th scope="col">Họ tên</th>
                    <th scope="col">Vai trò</th>
                    <th scope="col">Phạm vi</th>
                    <th scope="col">Trạng thái</th>
                    <ActionsHeader />
                  </tr>
                </thead>
                <tbody>
                  {users.data.items.map((user) => (
                    <tr key={user.username} aria-selected={user.username === selected}>
                      <td>{user.username}</td>
                      <td>{user.displayName}</td>
                      <td>{ROLE_LABELS[user.role]}</td>
                      <td>{scopeName(user)}</td>
                      <td>{state(user)}</td>
                      <td class="actions">
                        <button
                          type="button"
                          class="link"
                          onClick={() => setSelected(user.username)}
                        >
                          Quản lý<span class="visually-hidden"> {user.username}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager
              page={search.page}
              pageSize={PAGE_SIZE}
              total={users.data.total}
              noun="tài khoản"
              onPage={(page) => setSearch({ ...search, page })}
            />
          </>
        )}
      </section>
      {account && <EditAccount key={account.username} account={account} onSaved={users.reload} />}
      <CreateAccount onSaved={users.reload} />
    </>
  );
}
