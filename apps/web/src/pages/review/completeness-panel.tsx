import { EVALUATION_STATUSES } from '@app/domain';
import { withQuery } from '../../api';
import { ActionsHeader } from '../../components/ui';
import { formatCount, WORKLIST_STATUS_LABELS } from '../../format';
import type { CompletenessView } from '../../types';

interface CompletenessPanelProps {
  completeness: CompletenessView;
  year: number;
  /** The rows are a commune's hamlets, which have no review page of their own. */
  hamletRows: boolean;
  mayApprove: boolean;
  busy: boolean;
  onApproveAll: (code: string, name: string) => Promise<void>;
}

/** How far each area below has got with its evaluations, with a button to approve what it sent. */
export function CompletenessPanel({
  completeness,
  year,
  hamletRows,
  mayApprove,
  busy,
  onApproveAll,
}: CompletenessPanelProps) {
  const rowLabel = hamletRows ? 'Thôn, tổ dân phố' : 'Xã, phường';
  return (
    <section class="panel">
      <h2>Tình hình nộp hồ sơ năm {year}</h2>
      <div class="table-wrap">
        <table class="data" data-testid="completeness">
          <thead>
            <tr>
              <th scope="col">{rowLabel}</th>
              {EVALUATION_STATUSES.map((status) => (
                <th scope="col" class="num" key={status}>
                  {WORKLIST_STATUS_LABELS[status]}
                </th>
              ))}
              {mayApprove && <ActionsHeader />}
            </tr>
          </thead>
          <tbody>
            {completeness.rows.map((row) => (
              <tr key={row.code} data-code={row.code}>
                <th scope="row">
                  {hamletRows ? (
                    row.name
                  ) : (
                    <a href={withQuery('/duyet', { area: row.code, year })}>{row.name}</a>
                  )}
                </th>
                {EVALUATION_STATUSES.map((status) => (
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
                        onClick={() => void onApproveAll(row.code, row.name)}
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
              {EVALUATION_STATUSES.map((status) => (
                <td class="num" key={status}>
                  {formatCount(completeness.total[status])}
                </td>
              ))}
              {mayApprove && <td />}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
