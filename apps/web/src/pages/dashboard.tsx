import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { isModelKind, type KindProgress, type ModelKind } from '@app/domain';
import { api, download, withQuery } from '../api';
import { useAuth } from '../auth';
import { RowsChart, TrendChart } from '../components/charts';
import { FocusPanel } from '../components/insights';
import { TrainingPanel } from '../components/training-panel';
import { Loading, Notice, Tabs } from '../components/ui';
import {
  areaTitle,
  bandClass,
  formatCount,
  formatPercent,
  KIND_ORDER,
  KIND_SHORT,
  MODEL_KIND_LABELS,
  targetText,
  verdictText,
} from '../format';
import { useLoad } from '../hooks';
import type { ProgressView } from '../types';
import { useAreaYear } from '../area-year';
import { YearSelect } from '../components/year-select';

type SortKey = 'name' | ModelKind;

function KindCard({ kind, progress }: { kind: ModelKind; progress: KindProgress }) {
  return (
    <section class={`kind-card ${bandClass(progress)}`} aria-label={MODEL_KIND_LABELS[kind]}>
      <h3>{MODEL_KIND_LABELS[kind]}</h3>
      <p class="big" data-testid={`percent-${kind}`}>
        {formatPercent(progress.percentOfTotal)}
      </p>
      <p>
        <span data-testid={`recognised-${kind}`}>{formatCount(progress.recognised)}</span> /{' '}
        <span data-testid={`total-${kind}`}>{formatCount(progress.total)}</span> được công nhận
      </p>
      <p>Chỉ tiêu: {targetText(progress)}</p>
      <p class="verdict" data-testid={`verdict-${kind}`}>
        {verdictText(progress)}
      </p>
    </section>
  );
}

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

function RowsTable(props: { progress: ProgressView; drill: (code: string) => string | null }) {
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

export function Dashboard() {
  const { query, route } = useLocation();
  const { user } = useAuth();
  const areaCode = query.area ?? user?.scopeAreaCode ?? '';
  const kind: ModelKind = isModelKind(query.kind) ? query.kind : 'family';
  const [downloading, setDownloading] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);

  const { area, trend, year, years } = useAreaYear(areaCode, Number(query.year) || null);
  const progress = useLoad(
    () =>
      year ? api.get<ProgressView>('/progress', { area: areaCode, year }) : Promise.resolve(null),
    [areaCode, year],
  );

  const go = (changes: Record<string, string | number>) =>
    route(withQuery('/tong-quan', { area: areaCode, year: year ?? undefined, kind, ...changes }));

  const failure = area.error ?? trend.error ?? progress.error;
  if (failure) return <Notice kind="error">{failure.message}</Notice>;
  if (!area.data || !year || !progress.data) return <Loading what="số liệu tổng quan" />;
  const shown = progress.data;
  const isCommune = area.data.level === 'commune';
  const canOpenWorkspace = user?.role !== 'viewer';
  const drill = (code: string) =>
    shown.rowLevel === 'commune'
      ? withQuery('/tong-quan', { area: code, year, kind })
      : canOpenWorkspace
        ? withQuery(`/xa/${areaCode}`, { year, hamlet: code })
        : null;

  const fetchReport = async () => {
    setDownloading('report');
    setDownloadError(null);
    try {
      await download(
        isCommune ? `/reports/communes/${areaCode}.xlsx` : `/reports/areas/${areaCode}.xlsx`,
        { year },
        `bao-cao-${areaCode}-${year}.xlsx`,
      );
    } catch (error) {
      setDownloadError(error instanceof Error ? error.message : String(error));
    } finally {
      setDownloading(null);
    }
  };

  return (
    <div class="page">
      <nav class="crumbs" aria-label="Địa bàn">
        {area.data.ancestors.map((ancestor) => (
          <a key={ancestor.code} href={withQuery('/tong-quan', { area: ancestor.code, year })}>
            {ancestor.name}
          </a>
        ))}
        <span aria-current="page">{area.data.name}</span>
      </nav>
      <div class="page-head">
        <h1>{areaTitle(area.data)}</h1>
        <div class="toolbar">
          <YearSelect year={year} years={years} onYear={(value) => go({ year: value })} />
          <button
            type="button"
            class="primary"
            disabled={downloading !== null}
            onClick={() => void fetchReport()}
          >
            {downloading
              ? 'Đang tạo báo cáo…'
              : isCommune
                ? 'Tải báo cáo xã (Excel)'
                : 'Tải báo cáo tổng hợp (Excel)'}
          </button>
          {isCommune && canOpenWorkspace && (
            <a class="button" href={withQuery(`/xa/${areaCode}`, { year })}>
              Hồ sơ của xã
            </a>
          )}
        </div>
      </div>
      {downloadError && <Notice kind="error">{downloadError}</Notice>}

      <section class="cards" aria-label="Theo loại mô hình">
        {KIND_ORDER.map((each) => (
          <KindCard key={each} kind={each} progress={shown.total[each]} />
        ))}
      </section>

      <section class="panel">
        <h2>
          Tỷ lệ được công nhận theo{' '}
          {shown.rowLevel === 'commune' ? 'xã, phường' : 'thôn, tổ dân phố'}
        </h2>
        <Tabs
          label="Loại mô hình"
          tabs={KIND_ORDER.filter((each) => shown.rows.some((row) => row[each] !== null)).map(
            (each) => ({ value: each, label: KIND_SHORT[each] }),
          )}
          value={kind}
          onValue={(value) => go({ kind: value })}
        />
        <RowsChart progress={shown} kind={kind} />
      </section>

      {trend.data && trend.data.points.length > 0 && (
        <section class="panel">
          <h2>Qua các năm</h2>
          <TrendChart trend={trend.data} />
        </section>
      )}

      <section class="panel">
        <h2>Chi tiết năm {year}</h2>
        <RowsTable progress={shown} drill={drill} />
      </section>

      <FocusPanel areaCode={areaCode} year={year} kind={kind} />

      <TrainingPanel areaCode={areaCode} year={year} />
    </div>
  );
}
