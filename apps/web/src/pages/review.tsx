import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, ApiError, withQuery } from '../api';
import { can, useAuth } from '../auth';
import { Loading, Notice, PAGE_SIZE, Pager, ActionsHeader } from '../components/ui';
import {
  areaTitle,
  formatCount,
  formatPoints,
  KIND_SHORT,
  WORKLIST_STATUS_LABELS,
} from '../format';
import { useLoad } from '../hooks';
import type { CompletenessView, EvaluationListRow, Page } from '../types';
import { useAreaYear } from '../area-year';
import { YearSelect } from '../components/year-select';

const STATUSES = ['draft', 'submitted', 'approved', 'recognised'] as const;

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
  const rowLabel = area.data.level === 'commune' ? 'Thôn, tổ dân phố' : 'Xã, phường';

  return (
    <div class="page">
      <div class="page-head">
        <h1>Duyệt hồ sơ: {areaTitle(area.data)}</h1>
        <div class="toolbar">
          <YearSelect year={year} years={years} onYear={(value) => go({ year: value })} />
        </div>
      </div>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}

      <section class="panel">
        <h2>Tình hình nộp hồ sơ năm {year}</h2>
        <div class="table-wrap">
          <table class="data" data-testid="completeness">
            <thead>
              <tr>
                <th scope="col">{rowLabel}</th>
                {STATUSES.map((status) => (
                  <th scope="col" class="num" key={status}>
                    {WORKLIST_STATUS_LABELS[status]}
                  </th>
                ))}
                {mayApprove && <ActionsHeader />}
              </tr>
            </thead>
            <tbody>
              {completeness.data.rows.map((row) => (
                <tr key={row.code} data-code={row.code}>
                  <th scope="row">
                    {area.data?.level === 'commune' ? (
                      row.name
                    ) : (
                      <a href={withQuery('/duyet', { area: row.code, year })}>{row.name}</a>
                    )}
                  </th>
                  {STATUSES.map((status) => (
                    <td class="num" key={status}>
                      {formatCount(row.counts[status])}
                    </td>
                  ))}
                  {mayApprove && (
                    <td>
                      {row.counts.submitted > 0 && (
                        <button
                          type="button"
                          disabled={busy}
                          onClick={() => void approveAll(row.code, row.name)}
                        >
                          Duyệt tất cả ({formatCount(row.counts.submitted)})
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Tổng</th>
                {STATUSES.map((status) => (
                  <td class="num" key={status}>
                    {formatCount(completeness.data?.total[status] ?? 0)}
                  </td>
                ))}
                {mayApprove && <td />}
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      <section class="panel">
        <h2>Chờ duyệt</h2>
        {!queue.data ? (
          <Loading what="hồ sơ chờ duyệt" />
        ) : queue.data.items.length === 0 ? (
          <p class="muted">Không có hồ sơ nào chờ duyệt.</p>
        ) : (
          <>
            <div class="table-wrap">
              <table class="data" data-testid="queue">
                <thead>
                  <tr>
                    <th scope="col">Loại</th>
                    <th scope="col">Mã</th>
                    <th scope="col">Tên</th>
                    <th scope="col" class="num">
                      Điểm
                    </th>
                    <ActionsHeader />
                  </tr>
                </thead>
                <tbody>
                  {queue.data.items.map((row) => (
                    <tr key={`${row.kind}-${row.code}`} data-code={row.code}>
                      <td>{KIND_SHORT[row.kind]}</td>
                      <td>{row.code}</td>
                      <td>{row.name}</td>
                      <td class="num">{formatPoints(row.total)}</td>
                      <td class="actions">
                        <a href={`/danh-gia/${row.kind}/${row.code}/${year}`}>
                          Xem, trả lại<span class="visually-hidden"> {row.name}</span>
                        </a>
                        {mayApprove && (
                          <button
                            type="button"
                            disabled={busy}
                            onClick={() => void approveOne(row)}
                          >
                            Duyệt<span class="visually-hidden"> {row.name}</span>
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager
              page={page}
              pageSize={PAGE_SIZE}
              total={queue.data.total}
              noun="hồ sơ"
              onPage={(next) => go({ page: next })}
            />
          </>
        )}
      </section>

      <section class="panel">
        <h2>
          Đã đăng ký nhưng chưa gửi duyệt ({formatCount(completeness.data.notSubmittedTotal)})
        </h2>
        {completeness.data.notSubmittedTotal > completeness.data.notSubmitted.length && (
          <p class="muted">
            Hiển thị {formatCount(completeness.data.notSubmitted.length)} hồ sơ đầu tiên.
          </p>
        )}
        {completeness.data.notSubmitted.length === 0 ? (
          <p class="muted">Mọi hồ sơ đã đăng ký đều đã được gửi.</p>
        ) : (
          <details>
            <summary>Xem danh sách</summary>
            <ul class="columns">
              {completeness.data.notSubmitted.map((row) => (
                <li key={`${row.kind}-${row.code}`}>
                  <a href={`/danh-gia/${row.kind}/${row.code}/${year}`}>
                    {KIND_SHORT[row.kind]}: {row.name} ({row.code})
                  </a>
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>
    </div>
  );
}
