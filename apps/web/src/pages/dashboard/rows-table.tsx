import { useState } from 'preact/hooks';
import type { ModelKind } from '@app/domain';
import {
  bandClass,
  formatCount,
  formatPercent,
  KIND_ORDER,
  KIND_SHORT,
  verdictText,
} from '../../format';
import type { ProgressView } from '../../types';

type SortKey = 'name' | ModelKind;

function sortRows(rows: ProgressView['rows'], key: SortKey, ascending: boolean) {
  const collator = new Intl.Collator('vi', { numeric: true });
  const sorted = [...rows].sort((a, b) => {
    if (key === 'name') return collator.compare(a.area.name, b.area.name);
    const left = a[key]?.percentOfTotal ?? -1;
    const right = b[key]?.percentOfTotal ?? -1;
    return left - right;
  });
  return ascending ? sorted : sorted.reverse();
}

function SortButton(props: {
  label: string;
  column: SortKey;
  sort: { key: SortKey; ascending: boolean };
  onSort: (key: SortKey) => void;
}) {
  const active = props.sort.key === props.column;
  return (
    <button type="button" class="sort" onClick={() => props.onSort(props.column)}>
      {props.label}
      <span aria-hidden="true">{active ? (props.sort.ascending ? ' ▲' : ' ▼') : ' ⇅'}</span>
    </button>
  );
}

/** Each area below, its share recognised for every kind; sorted by name or by a kind's share. */
export function RowsTable(props: {
  progress: ProgressView;
  drill: (code: string) => string | null;
}) {
  const { progress } = props;
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({
    key: 'name',
    ascending: true,
  });
  const kinds = KIND_ORDER.filter((kind) => progress.rows.some((row) => row[kind] !== null));
  const onSort = (key: SortKey) =>
    setSort((current) => ({
      key,
      // A share column starts lowest first: who is behind is what a leader looks for.
      ascending: current.key === key ? !current.ascending : true,
    }));
  const ariaSort = (column: SortKey) =>
    sort.key === column ? (sort.ascending ? 'ascending' : 'descending') : undefined;
  const rowLabel = progress.rowLevel === 'commune' ? 'Xã, phường' : 'Thôn, tổ dân phố';
  return (
    <div class="table-wrap">
      <table class="data" data-testid="rows-table">
        <caption class="visually-hidden">
          Tỷ lệ được công nhận theo {rowLabel.toLowerCase()}, năm {progress.year}
        </caption>
        <thead>
          <tr>
            <th scope="col" aria-sort={ariaSort('name')}>
              <SortButton label={rowLabel} column="name" sort={sort} onSort={onSort} />
            </th>
            {kinds.map((kind) => (
              <th scope="col" key={kind} aria-sort={ariaSort(kind)}>
                <SortButton label={KIND_SHORT[kind]} column={kind} sort={sort} onSort={onSort} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sortRows(progress.rows, sort.key, sort.ascending).map((row) => {
            const href = props.drill(row.area.code);
            return (
              <tr key={row.area.code} data-code={row.area.code}>
                <th scope="row">
                  {href ? <a href={href}>{row.area.name}</a> : row.area.name}
                  {row.area.difficult && <span class="tag">khó khăn</span>}
                </th>
                {kinds.map((kind) => {
                  const value = row[kind];
                  return (
                    <td key={kind} class={bandClass(value)}>
                      {value ? (
                        <>
                          <strong>{formatPercent(value.percentOfTotal)}</strong>
                          <small>
                            {formatCount(value.recognised)}/{formatCount(value.total)} ·{' '}
                            {verdictText(value)}
                          </small>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
