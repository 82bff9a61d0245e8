import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { isModelKind, type ModelKind } from '@app/domain';
import { api, download, withQuery } from '../../api';
import { useAuth } from '../../auth';
import { RowsChart, TrendChart } from '../../components/charts';
import { FocusPanel } from '../../components/insights';
import { TrainingPanel } from '../../components/training-panel';
import { Loading, Notice, Tabs } from '../../components/ui';
import { areaTitle, KIND_ORDER, KIND_SHORT } from '../../format';
import { useLoad } from '../../hooks';
import type { ProgressView } from '../../types';
import { useAreaYear } from '../../area-year';
import { YearSelect } from '../../components/year-select';
import { KindCard } from './kind-card';
import { RowsTable } from './rows-table';

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
