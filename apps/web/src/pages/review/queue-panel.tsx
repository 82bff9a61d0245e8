import { ActionsHeader, Loading, PAGE_SIZE, Pager } from '../../components/ui';
import { formatPoints, KIND_SHORT } from '../../format';
import type { EvaluationListRow, Page } from '../../types';

interface QueuePanelProps {
  queue: Page<EvaluationListRow> | null;
  page: number;
  year: number;
  mayApprove: boolean;
  busy: boolean;
  onApprove: (row: EvaluationListRow) => Promise<void>;
  onPage: (page: number) => void;
}

/** The evaluations sent for review, a page at a time, each to open or to approve at once. */
export function QueuePanel({
  queue,
  page,
  year,
  mayApprove,
  busy,
  onApprove,
  onPage,
}: QueuePanelProps) {
  return (
    <section class="panel">
      <h2>Chờ duyệt</h2>
      {!queue ? (
        <Loading what="hồ sơ chờ duyệt" />
      ) : queue.items.length === 0 ? (
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
                {queue.items.map((row) => (
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
                        <button type="button" disabled={busy} onClick={() => void onApprove(row)}>
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
            total={queue.total}
            noun="hồ sơ"
            onPage={onPage}
          />
        </>
      )}
    </section>
  );
}
