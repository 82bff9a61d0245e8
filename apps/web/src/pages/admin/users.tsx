import { useState } from 'preact/hooks';
import { api } from '../../api';
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
import { useDebounced, useLoad } from '../../hooks';
import type { Page, UserView } from '../../types';
import { accountState, ROLE_OPTIONS, scopeName } from './account-labels';
import { CreateAccount } from './create-account';
import { EditAccount } from './edit-account';

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
                      <td>{accountState(user)}</td>
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
