import type { ModelKind } from '@app/domain';
import { ActionsHeader, StatusBadge } from '../../components/ui';
import { categoryLabel, formatPoints, RESULT_LABELS } from '../../format';
import type { WorklistRow } from '../../types';
import { TAB_LABELS } from './kind-labels';

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

interface WorklistTableProps {
  rows: WorklistRow[];
  kind: ModelKind;
  year: number;
  mayEnter: boolean;
}

/** The subjects of one kind with their evaluation of the year, each a link to score or view it. */
export function WorklistTable({ rows, kind, year, mayEnter }: WorklistTableProps) {
  return (
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
              <th scope="col">{kind === 'family' ? 'Thôn' : kind === 'unit' ? 'Loại' : 'Xã'}</th>
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
          {rows.map((row) => (
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
  );
}
