import { useState } from 'preact/hooks';
import { TRAINEE_GROUP_LABELS, TRAINEE_GROUPS, TRAINEE_ROLE_LABELS } from '@app/domain';
import type { TraineeView } from '@app/contracts';
import { api } from '../../api';
import { Loading, Notice, PAGE_SIZE, Pager, SelectField, TextField } from '../../components/ui';
import { useDebounced, useLoad } from '../../hooks';
import type { Page } from '../../types';

export function People({ areaCode, year }: { areaCode: string; year: number }) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [group, setGroup] = useState('');
  const [page, setPage] = useState(1);
  const people = useLoad(
    () =>
      api.get<Page<TraineeView>>('/trainees', {
        area: areaCode,
        year,
        q: q || undefined,
        group: group || undefined,
        page,
        pageSize: PAGE_SIZE,
      }),
    [areaCode, year, q, group, page],
  );
  return (
    <>
      <form class="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <TextField
          label="Tìm theo tên hoặc mã"
          type="search"
          value={search}
          onValue={(value) => {
            setSearch(value);
            setPage(1);
          }}
        />
        <SelectField
          label="Nhóm"
          value={group}
          options={[
            { value: '', label: 'Tất cả' },
            ...TRAINEE_GROUPS.map((value) => ({ value, label: TRAINEE_GROUP_LABELS[value] })),
          ]}
          onValue={(value) => {
            setGroup(value);
            setPage(1);
          }}
        />
      </form>
      {people.error && <Notice kind="error">{people.error.message}</Notice>}
      {!people.data ? (
        <Loading what="danh sách" />
      ) : (
        <>
          <div class="table-wrap">
            <table class="data" data-testid="trainees">
              <thead>
                <tr>
                  <th scope="col">Họ và tên</th>
                  <th scope="col">Vai trò</th>
                  <th scope="col">Nơi đảm nhiệm</th>
                  <th scope="col">Hội viên</th>
                </tr>
              </thead>
              <tbody>
                {people.data.items.map((person) => (
                  <tr key={person.code} data-code={person.code}>
                    <th scope="row">{person.fullName}</th>
                    <td>{person.posting ? TRAINEE_ROLE_LABELS[person.posting.role] : '—'}</td>
                    <td>{person.posting?.area.name ?? '—'}</td>
                    <td>
                      {person.associationMember === null
                        ? 'Chưa rõ'
                        : person.associationMember
                          ? 'Có'
                          : 'Không'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={page}
            pageSize={PAGE_SIZE}
            total={people.data.total}
            noun="người"
            onPage={setPage}
          />
        </>
      )}
    </>
  );
}
