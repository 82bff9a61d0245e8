import { createCanvas, GlobalFonts, loadImage } from '@napi-rs/canvas';
import { Chart } from 'chart.js';
import {
  renderProgressChart,
  renderTrendChart,
  type KindChartPanel,
  type ProgressChartInput,
} from './charts.js';
import { REPORT_FONT_FAMILY } from './fonts.js';

type Rgb = [number, number, number];
const RED: Rgb = [0xd9, 0x53, 0x4f];
const AMBER: Rgb = [0xf0, 0xad, 0x4e];
const GREEN: Rgb = [0x5c, 0xb8, 0x5c];
const SMALL = { width: 800, height: 500 };

const COMMUNES = ['Phường Phú Bài', 'Phường Thủy Dương', 'Xã Thủy Thanh', 'Xã Dương Hòa'];

function panel(values: (number | null)[], target: KindChartPanel['target']): KindChartPanel {
  return { kind: 'family', title: 'Gia đình học tập', values, target };
}

function progress(panels: KindChartPanel[], categories = COMMUNES): ProgressChartInput {
  return { title: 'Tỷ lệ được công nhận năm 2020 — thị xã Hương Thủy', categories, panels };
}

function expectPng(png: Buffer, size: { width: number; height: number }): void {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual(size);
}

async function rgba(png: Buffer): Promise<{ data: Uint8ClampedArray; width: number }> {
  const image = await loadImage(png);
  const ctx = createCanvas(image.width, image.height).getContext('2d');
  ctx.drawImage(image, 0, 0);
  return { data: ctx.getImageData(0, 0, image.width, image.height).data, width: image.width };
}

/** Pixels of `colour` down the middle column: a single category's bar spans the middle. */
async function middleColumnCount(png: Buffer, colour: Rgb): Promise<number> {
  const { data, width } = await rgba(png);
  const x = Math.floor(width / 2);
  let count = 0;
  for (let offset = x * 4; offset < data.length; offset += width * 4) {
    if (colour.every((channel, i) => Math.abs(data[offset + i] - channel) <= 6)) count += 1;
  }
  return count;
}

describe('renderProgressChart', () => {
  const four = progress([
    panel([85.5, 62, 91.3, null], { floor: 80, stretch: 90 }),
    { ...panel([70, 10, null, 100], { floor: 70, stretch: null }), kind: 'clan' },
    { ...panel([null, null, null, null], null), kind: 'community' },
    { ...panel([0, 50, 82.5, 99.9], { floor: 82.5, stretch: 100 }), kind: 'unit' },
  ]);

  it('renders an opaque PNG of the default size', async () => {
    const png = await renderProgressChart(four);
    expectPng(png, { width: 1600, height: 1000 });
    const { data } = await rgba(png);
    // Excel would show a transparent background as the sheet's grid.
    expect([...data.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
  });

  it('renders at the requested size', async () => {
    expectPng(await renderProgressChart(four, SMALL), SMALL);
  });

  it('renders 150 categories', async () => {
    const names = Array.from({ length: 150 }, (_, i) => `Thôn Đông Phước ${i + 1}`);
    const values = names.map((_, i) => (i * 7) % 101);
    const input = progress(
      four.panels.map((p) => ({ ...p, values })),
      names,
    );
    expectPng(await renderProgressChart(input), { width: 1600, height: 1000 });
  });

  it.each([
    ['below the floor', 30, { floor: 80, stretch: 90 }, RED],
    ['between floor and stretch', 85, { floor: 80, stretch: 90 }, AMBER],
    ['at the stretch', 90, { floor: 80, stretch: 90 }, GREEN],
    ['at the floor with no stretch', 80, { floor: 80, stretch: null }, GREEN],
  ] as const)('colours a bar %s', async (_, value, target, colour) => {
    const png = await renderProgressChart(
      progress([panel([value], target)], ['Xã Thủy Thanh']),
      SMALL,
    );
    // The bar is well over 100 px tall at this size; a legend swatch is about 10.
    expect(await middleColumnCount(png, colour)).toBeGreaterThan(50);
    for (const other of [RED, AMBER, GREEN].filter((c) => c !== colour)) {
      expect(await middleColumnCount(png, other)).toBeLessThan(20);
    }
  });

  it('renders null values and a null target the same way every time', async () => {
    const input = progress([panel([null, 40, null, 100], null)]);
    const first = await renderProgressChart(input, SMALL);
    expectPng(first, SMALL);
    expect((await renderProgressChart(input, SMALL)).equals(first)).toBe(true);
  });

  it('destroys its chart.js instances', async () => {
    await renderProgressChart(four, SMALL);
    expect(Object.keys(Chart.instances)).toEqual([]);
  });

  it('renders the title alone when there are no panels', async () => {
    expectPng(await renderProgressChart(progress([]), SMALL), SMALL);
  });
});

describe('renderTrendChart', () => {
  const trend = {
    title: 'Tỷ lệ được công nhận — thị xã Hương Thủy',
    years: [2018, 2019, 2020],
    series: [
      { label: 'Gia đình học tập', values: [60, 72.5, 85] },
      { label: 'Dòng họ học tập', values: [null, 40, null] },
    ],
  };

  it('renders a PNG of the default and of the requested size', async () => {
    expectPng(await renderTrendChart(trend), { width: 1280, height: 720 });
    expectPng(await renderTrendChart(trend, SMALL), SMALL);
    expect(Object.keys(Chart.instances)).toEqual([]);
  });
});

describe('report fonts', () => {
  it('registers Noto Sans from the npm package, Latin and Vietnamese, regular and bold', () => {
    const families = REPORT_FONT_FAMILY.split(',').map((name) => name.trim().replace(/"/g, ''));
    for (const family of families) {
      const found = GlobalFonts.families.find((f) => f.family === family);
      expect(found?.styles.map((s) => s.weight).sort()).toEqual([400, 700]);
    }
  });
});
