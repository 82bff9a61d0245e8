import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { EVALUATION_STATUSES, isModelKind, type ModelKind } from '@app/domain';
import { api, ApiError, withQuery } from '../api';
import { can, useAuth } from '../auth';
import {
  Loading,
  Notice,
  Pager,
  PAGE_SIZE,
  SelectField,
  StatusBadge,
  Tabs,
  TextField,
  ActionsHeader,
} from '../components/ui';
import {
  areaTitle,
  categoryLabel,
  formatCount,
  formatPoints,
  KIND_ORDER,
  MODEL_KIND_LABELS,
  RESULT_LABELS,
  SUBJECT_NOUN,
  WORKLIST_STATUS_LABELS,
} from '../format';
import { useDebounced, useLoad } from '../hooks';
import type { AreaBrief, Page, WorklistRow } from '../types';
import { useAreaYear } from '../area-year';
import { NearMissPanel } from '../components/insights';
import { YearSelect } from '../components/year-select';

const TAB_LABELS: Record<ModelKind, string> = {
  family: 'Hộ gia đình',
  clan: 'Dòng họ',
  community: 'Thôn, tổ dân phố',
  unit: 'Đơn vị',
};

const ADD_LABELS: Partial<Record<ModelKind, string>> = {
  family: 'Thêm hộ gia đình',
  clan: 'Thêm dòng họ',
  unit: 'Thêm đơn vị',
};

function ResultCell({ row }: { row: WorklistRow }) {
  const evaluation = row.evaluation;
  if (!evaluation) return <span class="muted">{RESULT_LABELS.none}</span>;
  const passed = evaluation.registered && evaluation.criteriaPassed;
  return (
    <span class={passed ? 'result-pass' : 'result-fail'}>
      {passed ? RESULT_LABELS.passed : RESULT_LABELS.failed}
    </span>
  );
}

export function Workspace({ commune }: { commune: string }) {
  const { query, route } = useLocation();
  const { user } = useAuth();
  const kind: ModelKind = isModelKind(query.kind) ? query.kind : 'family';
  const page = Math.max(1, Number(query.page) || 1);
  const [search, setSearch] = useState(query.q ?? '');
  const q = useDebounced(search.trim());
  const [bulk, setBulk] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  const { area, trend, year, years } = useAreaYear(commune, Number(query.year) || null);
  const hamlets = useLoad(
    () =>
      year
        ? api.get<AreaBrief[]>('/areas', { level: 'hamlet', parent: commune, year })
        : Promise.resolve([]),
    [commune, year],
  );
  const list = useLoad(
    () =>
      year
        ? api.get<Page<WorklistRow>>('/worklist', {
            area: query.hamlet || commune,
            year,
            kind,
            status: query.status,
            result: query.result,
            q: q || undefined,
            page,
            pageSize: PAGE_SIZE,
          })
        : Promise.resolve(null),
    [commune, year, kind, query.hamlet, query.status, query.result, q, page],
  );

  const go = (changes: Record<string, string | number | undefined>) =>
    route(
      withQuery(`/xa/${commune}`, {
        year: year ?? undefined,
        kind,
        hamlet: query.hamlet,
        status: query.status,
        result: query.result,
        q: q || undefined,
        page: 1,
        ...changes,
      }),
      true,
    );

  const submitAll = async () => {
    if (!year) return;
    if (
      !confirm(
        `Gửi duyệt mọi hồ sơ ${MODEL_KIND_LABELS[kind].toLowerCase()} đang nhập năm ${year}?`,
      )
    )
      return;
    try {
      const answer = await api.post<{ moved: number }>('/evaluations/bulk/submit', {
        area: query.hamlet || commune,
        year,
        kind,
      });
      setBulk({ kind: 'success', text: `Đã gửi duyệt ${formatCount(answer.moved)} hồ sơ.` });
      list.reload();
    } catch (error) {
      setBulk({ kind: 'error', text: error instanceof ApiError ? error.message : String(error) });
    }
  };

  const failure = area.error ?? trend.error;
  if (failure) return <Notice kind="error">{failure.message}</Notice>;
  if (!area.data || !year) return <Loading what="hồ sơ của xã" />;
  const mayEnter = user ? can.enter(user) : false;
  const addLabel = ADD_LABELS[kind];

  return (
    <div class="page">
      <div class="page-head">
        <h1>{areaTitle(area.data)}</h1>
        <div class="toolbar">
          <YearSelect year={year} years={years} onYear={(value) => go({ year: value })} />
          <a class="button" href={withQuery('/tong-quan', { area: commune, year })}>
            Tổng quan của xã
          </a>
          {mayEnter && (
            <a class="button" href={withQuery('/nhap', { commune, kind, year })}>
              Nhập từ Excel
            </a>
          )}
          {mayEnter && (
            <button type="button" onClick={() => void submitAll()}>
              Gửi duyệt tất cả hồ sơ đang nhập
            </button>
          )}
        </div>
      </div>
      {bulk && <Notice kind={bulk.kind}>{bulk.text}</Notice>}

      <Tabs
        label="Loại mô hình"
        tabs={KIND_ORDER.map((each) => ({ value: each, label: TAB_LABELS[each] }))}
        value={kind}
        onValue={(value) =>
          go({ kind: value, hamlet: value === 'family' ? query.hamlet : undefined })
        }
      />

      <form class="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <TextField
          label="Tìm theo tên hoặc mã"
          type="search"
          value={search}
          onValue={(value) => {
            setSearch(value);
            if (page !== 1) go({ page: 1, q: value.trim() || undefined });
          }}
        />
        {(kind === 'family' || kind === 'community') && (
          <SelectField
            label="Thôn, tổ dân phố"
            value={query.hamlet ?? ''}
            onValue={(value) => go({ hamlet: value || undefined })}
            options={[
              { value: '', label: 'Tất cả' },
              ...(hamlets.data ?? []).map((hamlet) => ({ value: hamlet.code, label: hamlet.name })),
            ]}
          />
        )}
        <SelectField
          label="Trạng thái"
          value={query.status ?? ''}
          onValue={(value) => go({ status: value || undefined })}
          options={[
            { value: '', label: 'Tất cả' },
            ...(['none', ...EVALUATION_STATUSES] as const).map((status) => ({
              value: status,
              label: WORKLIST_STATUS_LABELS[status],
            })),
          ]}
        />
        <SelectField
          label="Kết quả chấm"
          value={query.result ?? ''}
          onValue={(value) => go({ result: value || undefined })}
          options={[
            { value: '', label: 'Tất cả' },
            ...(['passed', 'failed', 'none'] as const).map((result) => ({
              value: result,
              label: RESULT_LABELS[result],
            })),
          ]}
        />
      </form>

      {mayEnter && addLabel && (
        <p>
          <a class="button primary" href={withQuery(`/doi-tuong/${kind}/moi`, { commune })}>
            + {addLabel}
          </a>
        </p>
      )}

      {list.error && <Notice kind="error">{list.error.message}</Notice>}
      {!list.data ? (
        <Loading what="danh sách" />
      ) : (
        <>
          <div class="table-wrap">
            <table class="data" data-testid="worklist">
              <caption class="visually-hidden">
                {TAB_LABELS[kind]} năm {year}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Mã</th>
                  <th scope="col">{kind === 'family' ? 'Chủ hộ' : 'Tên'}</th>
                  {kind !== 'community' && (
                    <th scope="col">
                      {kind === 'family' ? 'Thôn' : kind === 'unit' ? 'Loại' : 'Xã'}
                    </th>
                  )}
                  <th scope="col">Trạng thái</th>
                  <th scope="col" class="num">
                    Điểm
                  </th>
                  <th scope="col">Kết quả</th>
                  <ActionsHeader />
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((row) => (
                  <tr key={row.code} data-code={row.code}>
                    <td>{row.code}</td>
                    <td>{row.name}</td>
                    {kind !== 'community' && (
                      <td>{kind === 'unit' ? categoryLabel(row.category) : row.place?.name}</td>
                    )}
                    <td>
                      <StatusBadge status={row.evaluation?.status ?? 'none'} />
                    </td>
                    <td class="num">{row.evaluation ? formatPoints(row.evaluation.total) : ''}</td>
                    <td>
                      <ResultCell row={row} />
                    </td>
                    <td class="actions">
                      <a href={`/danh-gia/${kind}/${row.code}/${year}`}>
                        {mayEnter && (!row.evaluation || row.evaluation.status === 'draft')
                          ? 'Chấm điểm'
                          : 'Xem'}
                        <span class="visually-hidden"> {row.name}</span>
                      </a>
                      {mayEnter && kind !== 'community' && (
                        <a href={`/doi-tuong/${kind}/${row.code}`}>
                          Sửa<span class="visually-hidden"> {row.name}</span>
                        </a>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {list.data.items.length === 0 && (
            <p class="muted">Không có {SUBJECT_NOUN[kind]} nào khớp bộ lọc.</p>
          )}
          <Pager
            page={page}
            pageSize={PAGE_SIZE}
            total={list.data.total}
            noun={SUBJECT_NOUN[kind]}
            onPage={(next) => go({ page: next })}
          />
        </>
      )}

      <NearMissPanel commune={commune} year={year} kind={kind} hamlet={query.hamlet} />
    </div>
  );
}
