import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import type { KindProgress, ModelKind } from '@app/domain';
import { formatPercent, KIND_ORDER, KIND_SHORT } from '../format';
import type { ProgressView, TrendView } from '../types';

// Only what the two charts draw, so the bundle stays small on slow connections.
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  Legend,
);

const BAND_COLOURS: Record<string, string> = {
  below: '#c0392b',
  floor: '#d68910',
  stretch: '#2e7d32',
  none: '#5d6d7e',
};

const KIND_COLOURS: Record<ModelKind, string> = {
  family: '#1f5f99',
  clan: '#8e44ad',
  community: '#16a085',
  unit: '#b9770e',
};

function useChart(config: ChartConfiguration, key: string) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
    // The key captures everything the configuration is built from.
  }, [key]);
  return canvas;
}

const percentAxis = {
  min: 0,
  max: 100,
  ticks: { callback: (value: string | number) => `${value}%` },
};

/** % recognised per row area for one kind, each bar coloured by its band, the floor as a line. */
export function RowsChart({ progress, kind }: { progress: ProgressView; kind: ModelKind }) {
  const rows = progress.rows.filter((row) => row[kind] !== null);
  const values = rows.map((row) => row[kind] as KindProgress);
  const summary = rows
    .map((row, index) => `${row.area.name}: ${formatPercent(values[index].percentOfTotal)}`)
    .join('; ');
  const canvas = useChart(
    {
      type: 'bar',
      data: {
        labels: rows.map((row) => row.area.name),
        datasets: [
          {
            type: 'bar',
            label: '% được công nhận',
            data: values.map((value) => value.percentOfTotal ?? 0),
            backgroundColor: values.map((value) => BAND_COLOURS[value.band ?? 'none']),
          },
          {
            type: 'line',
            label: 'Chỉ tiêu',
            data: values.map((value) => value.target?.floor ?? null),
            borderColor: '#212121',
            borderDash: [6, 4],
            pointRadius: 0,
            stepped: 'middle',
            fill: false,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: percentAxis, x: { ticks: { autoSkip: false, maxRotation: 60 } } },
        plugins: {
          tooltip: {
            callbacks: {
              label: (item) => `${item.dataset.label}: ${formatPercent(item.parsed.y)}`,
            },
          },
        },
      },
    },
    `${progress.area.code}-${progress.year}-${kind}-${JSON.stringify(values.map((v) => v.recognised))}`,
  );
  return (
    <div class="chart">
      <canvas
        ref={canvas}
        role="img"
        aria-label={`Tỷ lệ ${KIND_SHORT[kind].toLowerCase()} học tập được công nhận: ${summary}`}
      />
    </div>
  );
}

/** % recognised of each kind over the years that have data. */
export function TrendChart({ trend }: { trend: TrendView }) {
  const years = trend.points.map((point) => String(point.year));
  const canvas = useChart(
    {
      type: 'line',
      data: {
        labels: years,
        datasets: KIND_ORDER.map((kind) => ({
          label: KIND_SHORT[kind],
          data: trend.points.map((point) => point.total[kind].percentOfTotal),
          borderColor: KIND_COLOURS[kind],
          backgroundColor: KIND_COLOURS[kind],
          spanGaps: true,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: percentAxis },
        plugins: {
          tooltip: {
            callbacks: {
              label: (item) => `${item.dataset.label}: ${formatPercent(item.parsed.y)}`,
            },
          },
        },
      },
    },
    `${trend.area.code}-${years.join(',')}-${JSON.stringify(trend.points.map((p) => p.total.family.recognised))}`,
  );
  return (
    <div class="chart">
      <canvas
        ref={canvas}
        role="img"
        aria-label={`Tỷ lệ được công nhận qua các năm ${years.join(', ')}`}
      />
    </div>
  );
}
