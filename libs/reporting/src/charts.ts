import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import {
  Chart,
  registerables,
  type ChartConfiguration,
  type ChartType,
  type LegendItem,
  type Plugin,
} from 'chart.js';
import type { ModelKind } from '@app/domain';
import { nfc, REPORT_FONT_FAMILY } from './fonts.js';

Chart.register(...registerables);
Chart.defaults.font.family = REPORT_FONT_FAMILY;
Chart.defaults.color = '#333333';

export interface KindChartPanel {
  kind: ModelKind;
  title: string;
  /** % recognised per category, 0..100; null = no data. */
  values: (number | null)[];
  /** Percent. */
  target: { floor: number; stretch: number | null } | null;
}

export interface ProgressChartInput {
  title: string;
  /** Commune (or hamlet) names, in order. */
  categories: string[];
  /** One panel each, in a grid two wide. */
  panels: KindChartPanel[];
}

export interface TrendChartInput {
  title: string;
  years: number[];
  series: { label: string; values: (number | null)[] }[];
}

export interface ChartSize {
  width: number;
  height: number;
}

// Both are embedded in the workbook at three quarters of these sizes, so text drawn at these
// sizes stays readable there; other sizes scale the text with them.
const PROGRESS_SIZE: ChartSize = { width: 1600, height: 1000 };
const TREND_SIZE: ChartSize = { width: 1280, height: 720 };

const BAND = {
  below: '#d9534f',
  floor: '#f0ad4e',
  stretch: '#5cb85c',
  noTarget: '#5b7fb5',
} as const;
const TREND_COLOURS = ['#1f77b4', '#e377c2', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b'];
const INK = '#333333';
// Rotated names longer than this would eat the panel's height (the table has them in full);
// with many categories the labels stand upright and take more of it.
const labelLength = (count: number): number => (count > 30 ? 14 : 22);

const numberVi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
const percent = (value: number): string => `${numberVi.format(value)}%`;

export async function renderProgressChart(
  input: ProgressChartInput,
  size: ChartSize = PROGRESS_SIZE,
): Promise<Buffer> {
  const scale = Math.min(size.width / PROGRESS_SIZE.width, size.height / PROGRESS_SIZE.height);
  const canvas = createCanvas(size.width, size.height);
  const ctx = canvas.getContext('2d');
  paintBackground(ctx, size);
  const headerHeight = drawTitle(ctx, input.title, size.width, scale);

  const gridHeight = size.height - headerHeight;
  if (input.panels.length === 0) {
    ctx.font = `${px(18, scale)}px ${REPORT_FONT_FAMILY}`;
    ctx.textBaseline = 'middle';
    ctx.fillText('Chưa có số liệu', size.width / 2, headerHeight + gridHeight / 2);
  }
  const columns = Math.min(2, input.panels.length);
  const rows = Math.ceil(input.panels.length / 2);
  const length = labelLength(input.categories.length);
  const categories = input.categories.map((name) => shortLabel(name, length));
  input.panels.forEach((panel, index) => {
    const width = Math.floor(size.width / columns);
    const height = Math.floor(gridHeight / rows);
    const x = (index % columns) * width;
    const y = headerHeight + Math.floor(index / columns) * height;
    drawChart(ctx, { x, y, width, height }, panelConfig(panel, categories, scale));
  });
  return canvas.encode('png');
}

export async function renderTrendChart(
  input: TrendChartInput,
  size: ChartSize = TREND_SIZE,
): Promise<Buffer> {
  const scale = Math.min(size.width / TREND_SIZE.width, size.height / TREND_SIZE.height);
  const canvas = createCanvas(size.width, size.height);
  const ctx = canvas.getContext('2d');
  paintBackground(ctx, size);
  const headerHeight = drawTitle(ctx, input.title, size.width, scale);
  const area = { x: 0, y: headerHeight, width: size.width, height: size.height - headerHeight };
  drawChart(ctx, area, {
    type: 'line',
    data: {
      // Years stay unformatted: vi-VN grouping would print 2.020.
      labels: input.years.map(String),
      datasets: input.series.map((series, index) => {
        const colour = TREND_COLOURS[index % TREND_COLOURS.length];
        return {
          label: nfc(series.label),
          data: series.values,
          borderColor: colour,
          backgroundColor: colour,
          borderWidth: px(3, scale),
          pointRadius: px(5, scale),
        };
      }),
    },
    options: {
      ...staticOptions(scale),
      plugins: {
        legend: {
          position: 'bottom',
          labels: { font: { size: px(16, scale) }, boxWidth: px(30, scale) },
        },
        tooltip: { enabled: false },
      },
      scales: {
        x: { offset: true, ticks: { font: { size: px(16, scale) } }, grid: { display: false } },
        y: percentAxis(scale),
      },
    },
  });
  return canvas.encode('png');
}

function panelConfig(
  panel: KindChartPanel,
  categories: string[],
  scale: number,
): ChartConfiguration<'bar', (number | null)[], string> {
  return {
    type: 'bar',
    data: {
      labels: categories,
      datasets: [
        {
          data: panel.values,
          backgroundColor: panel.values.map((value) => bandColour(value, panel.target)),
        },
      ],
    },
    options: {
      ...staticOptions(scale),
      plugins: {
        title: {
          display: true,
          text: nfc(panel.title),
          font: { size: px(20, scale), weight: 'bold' },
          padding: { top: 0, bottom: px(4, scale) },
        },
        legend: {
          labels: {
            font: { size: px(14, scale) },
            boxWidth: px(24, scale),
            generateLabels: () => bandLegend(panel.target),
          },
        },
        tooltip: { enabled: false },
      },
      scales: {
        x: {
          // chart.js skips labels that would overlap, so 150 communes still draw legibly.
          ticks: { font: { size: px(14, scale) }, maxRotation: 90, autoSkipPadding: px(4, scale) },
          grid: { display: false },
        },
        y: percentAxis(scale),
      },
    },
    plugins: [valueLabels(panel.values, scale), targetLines(panel.target, scale)],
  };
}

function bandColour(value: number | null, target: KindChartPanel['target']): string {
  if (target === null) return BAND.noTarget;
  // A null value has no bar; any colour does.
  if (value === null || value < target.floor) return BAND.below;
  if (target.stretch !== null && value < target.stretch) return BAND.floor;
  return BAND.stretch;
}

function bandLegend(target: KindChartPanel['target']): LegendItem[] {
  const item = (text: string, colour: string): LegendItem => ({
    text,
    fillStyle: colour,
    strokeStyle: colour,
    lineWidth: 0,
  });
  if (target === null) return [item('Chưa có chỉ tiêu', BAND.noTarget)];
  if (target.stretch === null) {
    return [item('Chưa đạt chỉ tiêu', BAND.below), item('Đạt chỉ tiêu', BAND.stretch)];
  }
  return [
    item('Chưa đạt chỉ tiêu', BAND.below),
    item('Đạt chỉ tiêu', BAND.floor),
    item('Đạt chỉ tiêu phấn đấu', BAND.stretch),
  ];
}

/** Floor as a dashed line, stretch as a dotted one, each labelled at the right end. */
function targetLines(target: KindChartPanel['target'], scale: number): Plugin<'bar'> {
  return {
    id: 'targetLines',
    afterDatasetsDraw(chart) {
      if (target === null) return;
      const lines = [{ value: target.floor, label: 'Chỉ tiêu', dash: [10, 6], below: true }];
      if (target.stretch !== null) {
        lines.push({ value: target.stretch, label: 'Phấn đấu', dash: [2, 4], below: false });
      }
      const ctx = canvasOf(chart);
      const { chartArea } = chart;
      const fontSize = px(14, scale);
      ctx.save();
      ctx.strokeStyle = INK;
      ctx.lineWidth = px(2, scale);
      ctx.font = `bold ${fontSize}px ${REPORT_FONT_FAMILY}`;
      ctx.textAlign = 'right';
      for (const line of lines) {
        const y = chart.scales.y.getPixelForValue(line.value);
        ctx.setLineDash(line.dash.map((length) => length * scale));
        ctx.beginPath();
        ctx.moveTo(chartArea.left, y);
        ctx.lineTo(chartArea.right, y);
        ctx.stroke();
        // The floor's label goes under its line and the stretch's above, so close targets do
        // not overlap, unless that would leave the plot.
        const gap = px(3, scale);
        const room = fontSize + 2 * gap;
        const below = line.below ? y + room <= chartArea.bottom : y - room < chartArea.top;
        const text = `${line.label} ${percent(line.value)}`;
        const width = ctx.measureText(text).width;
        const top = below ? y + gap : y - gap - fontSize;
        // Drawn after the value labels, on a box, so it stays readable over the last bars.
        ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
        ctx.fillRect(chartArea.right - width - 2 * gap, top - 1, width + 2 * gap, fontSize + 3);
        ctx.fillStyle = INK;
        ctx.textBaseline = 'top';
        ctx.fillText(text, chartArea.right - gap, top);
      }
      ctx.restore();
    },
  };
}

/** Each bar's value above it, where the category is wide enough for the number. */
function valueLabels(values: (number | null)[], scale: number): Plugin<'bar'> {
  return {
    id: 'valueLabels',
    afterDatasetsDraw(chart) {
      const ctx = canvasOf(chart);
      const { chartArea } = chart;
      const slot = (chartArea.right - chartArea.left) / Math.max(1, values.length);
      const fontSize = px(13, scale);
      ctx.save();
      ctx.font = `${fontSize}px ${REPORT_FONT_FAMILY}`;
      ctx.fillStyle = INK;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'bottom';
      chart.getDatasetMeta(0).data.forEach((bar, index) => {
        const value = values[index];
        if (value === null) return;
        const text = numberVi.format(value);
        if (ctx.measureText(text).width + 4 > slot) return;
        haloText(ctx, text, bar.x, Math.max(bar.y - 2, chartArea.top + fontSize));
      });
      ctx.restore();
    },
  };
}

/** Text with a white outline, readable over a bar it overlaps. */
function haloText(ctx: SKRSContext2D, text: string, x: number, y: number): void {
  ctx.save();
  ctx.lineWidth = 3;
  ctx.lineJoin = 'round';
  ctx.strokeStyle = '#ffffff';
  ctx.strokeText(text, x, y);
  ctx.restore();
  ctx.fillText(text, x, y);
}

/** The context {@link drawChart} gave the chart, typed as what it is. */
function canvasOf(chart: Chart): SKRSContext2D {
  return chart.ctx as SKRSContext2D;
}

function staticOptions(scale: number) {
  return {
    animation: false,
    responsive: false,
    devicePixelRatio: 1,
    layout: { padding: px(12, scale) },
  } as const;
}

function percentAxis(scale: number) {
  return {
    min: 0,
    max: 100,
    ticks: {
      stepSize: 20,
      font: { size: px(14, scale) },
      callback: (value: number | string) => percent(Number(value)),
    },
    grid: { color: '#e3e3e3' },
  };
}

function shortLabel(name: string, length: number): string {
  const label = nfc(name);
  return label.length > length ? `${label.slice(0, length - 1).trimEnd()}…` : label;
}

function px(base: number, scale: number): number {
  return Math.max(1, Math.round(base * scale));
}

function paintBackground(ctx: SKRSContext2D, size: ChartSize): void {
  // Excel shows transparent pixels as the sheet's grid.
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, size.width, size.height);
}

/** Draws the title centred at the top, shrunk to fit; returns the height it took. */
function drawTitle(ctx: SKRSContext2D, title: string, width: number, scale: number): number {
  const text = nfc(title);
  const maxWidth = width - 40 * scale;
  let fontSize = px(28, scale);
  ctx.font = `bold ${fontSize}px ${REPORT_FONT_FAMILY}`;
  while (fontSize > 8 && ctx.measureText(text).width > maxWidth) {
    fontSize -= 1;
    ctx.font = `bold ${fontSize}px ${REPORT_FONT_FAMILY}`;
  }
  ctx.fillStyle = INK;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const height = Math.round(fontSize * 2.4);
  ctx.fillText(text, width / 2, height / 2);
  return height;
}

/**
 * Renders one chart on its own canvas and copies it into `area` of the target. chart.js clears
 * its canvas on destroy, so the copy is made first; destroying frees the chart's registrations.
 */
function drawChart<T extends ChartType>(
  target: SKRSContext2D,
  area: { x: number; y: number; width: number; height: number },
  config: ChartConfiguration<T, (number | null)[], string>,
): void {
  const canvas = createCanvas(area.width, area.height);
  const ctx = canvas.getContext('2d');
  // Pins Noto Sans's Vietnamese glyph forms (locl) instead of following the host's language.
  ctx.lang = 'vi';
  const chart = new Chart(ctx, config);
  try {
    target.drawImage(canvas, area.x, area.y);
  } finally {
    chart.destroy();
  }
}
