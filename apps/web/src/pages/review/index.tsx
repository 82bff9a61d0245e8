import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ApiError, withQuery } from '../../api';
import { can, useAuth } from '../../auth';
import { Loading, Notice, PAGE_SIZE } from '../../components/ui';
import { areaTitle, formatCount } from '../../format';
import { useLoad } from '../../hooks';
import type { CompletenessView, EvaluationListRow, Page } from '../../types';
import { useAreaYear } from '../../area-year';
import { YearSelect } from '../../components/year-select';
import { CompletenessPanel } from './completeness-panel';
import { NotSubmittedPanel } from './not-submitted-panel';
import { QueuePanel } from './queue-panel';

export function Review() {
  const { query, route } = useLocation();
  const { user } = useAuth();
  const areaCode = query.area ?? user?.scopeAreaCode ?? '';
  const page = Math.max(1, Number(query.page) || 1);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const { area, trend, year, years } = useAreaYear(areaCode, Number(query.year) || null);
  const completeness = useLoad(
    () =>
      year
        ? api.get<CompletenessView>('/completeness', { area: areaCode, year })
        : Promise.resolve(null),
    [areaCode, year],
  );
  const queue = useLoad(
    () =>
      year
        ? api.get<Page<EvaluationListRow>>('/evaluations', {
            area: areaCode,
            year,
            status: 'submitted',
            page,
            pageSize: PAGE_SIZE,
          })
        : Promise.resolve(null),
    [areaCode, year, page],
  );

  const go = (changes: Record<string, string | number | undefined>) =>
    route(withQuery('/duyet', { area: areaCode, year: year ?? undefined, page: 1, ...changes }));

  const act = async (step: () => Promise<string>) => {
    setBusy(true);
    setNotice(null);
    try {
      setNotice({ kind: 'success', text: await step() });
      completeness.reload();
      queue.reload();
    } catch (error) {
      setNotice({ kind: 'error', text: error instanceof ApiError ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };
  const approveAll = (code: string, name: string) =>
    act(async () => {
      const answer = await api.post<{ moved: number }>('/evaluations/bulk/approve', {
        area: code,
        year,
      });
      return `Đã duyệt ${formatCount(answer.moved)} hồ sơ của ${name}.`;
    });
  const approveOne = (row: EvaluationListRow) =>
    act(async () => {
      await api.post(`/evaluations/${row.kind}/${row.code}/${year}/approve`);
      return `Đã duyệt hồ sơ ${row.name}.`;
    });

  const failure = area.error ?? trend.error ?? completeness.error;
  if (failure) return <Notice kind="error">{failure.message}</Notice>;
  if (!area.data || !year || !completeness.data || !user) return <Loading what="hồ sơ chờ duyệt" />;
  const mayApprove = can.review(user);

  return (
    <div class="page">
      <div class="page-head">
        <h1>Duyệt hồ sơ: {areaTitle(area.data)}</h1>
        <div class="toolbar">
          <YearSelect year={year} years={years} onYear={(value) => go({ year: value })} />
        </div>
      </div>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}

      <CompletenessPanel
        completeness={completeness.data}
        year={year}
        hamletRows={area.data.level === 'commune'}
        mayApprove={mayApprove}
        busy={busy}
        onApproveAll={approveAll}
      />

      <QueuePanel
        queue={queue.data}
        page={page}
        year={year}
        mayApprove={mayApprove}
        busy={busy}
        onApprove={approveOne}
        onPage={(next) => go({ page: next })}
      />

      <NotSubmittedPanel completeness={completeness.data} year={year} />
    </div>
  );
}
