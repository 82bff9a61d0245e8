import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { isModelKind, type ModelKind } from '@app/domain';
import { api, ApiError, withQuery } from '../../api';
import { can, useAuth } from '../../auth';
import { Loading, Notice, Pager, PAGE_SIZE, Tabs } from '../../components/ui';
import { areaTitle, formatCount, KIND_ORDER, MODEL_KIND_LABELS, SUBJECT_NOUN } from '../../format';
import { useDebounced, useLoad } from '../../hooks';
import type { AreaBrief, Page, WorklistRow } from '../../types';
import { useAreaYear } from '../../area-year';
import { NearMissPanel } from '../../components/insights';
import { YearSelect } from '../../components/year-select';
import { ADD_LABELS, TAB_LABELS } from './kind-labels';
import { WorklistFilters } from './worklist-filters';
import { WorklistTable } from './worklist-table';

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

      <WorklistFilters
        kind={kind}
        search={search}
        onSearch={(value) => {
          setSearch(value);
          if (page !== 1) go({ page: 1, q: value.trim() || undefined });
        }}
        filters={query}
        hamlets={hamlets.data ?? []}
        onFilter={go}
      />

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
          <WorklistTable rows={list.data.items} kind={kind} year={year} mayEnter={mayEnter} />
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
