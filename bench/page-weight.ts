import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { chromium } from 'playwright-core';
import { createDataSource } from '@app/database';
import { createApp } from '@app/api/app.factory.js';
import { DEMO_PASSWORD } from '@app/seed';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface PageWeight {
  /** HTML, scripts, styles and images, as sent over the wire (compressed). */
  assetsKb: number;
  /** The same, once decompressed. */
  assetsRawKb: number;
  assetRequests: number;
  /** The API answers the dashboard reads (compressed). */
  dataKb: number;
  dataRequests: number;
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

/**
 * What a district leader's browser downloads from opening the site to the dashboard with its
 * figures and charts, on an empty cache: the sign-in page, the app and the API answers.
 */
export async function measureDashboardWeight(url: string): Promise<PageWeight | null> {
  if (!existsSync(CHROMIUM)) return null;
  const dataSource = createDataSource({ url, poolSize: 4 });
  await dataSource.initialize();
  // The app owns the data source from here: closing it closes the connections.
  const app = await createApp(dataSource, { logger: false });
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer() as Server;
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const sizes: Promise<{ api: boolean; wire: number; raw: number }>[] = [];
    page.on('response', (response) => {
      const api = new URL(response.url()).pathname.startsWith('/api/');
      sizes.push(
        Promise.all([
          response.request().sizes(),
          response.body().catch(() => Buffer.alloc(0)),
        ]).then(([measured, body]) => ({
          api,
          wire: measured.responseBodySize + measured.responseHeadersSize,
          raw: body.length,
        })),
      );
    });
    await page.goto(`${base}/`);
    await page.getByLabel('Tên đăng nhập').fill('lanhdao.huongthuy');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('rows-table').waitFor();
    await page.waitForLoadState('networkidle');
    const measured = await Promise.all(sizes);
    const assets = measured.filter((item) => !item.api);
    const data = measured.filter((item) => item.api);
    const sum = (items: typeof measured, key: 'wire' | 'raw') =>
      items.reduce((total, item) => total + item[key], 0);
    return {
      assetsKb: kb(sum(assets, 'wire')),
      assetsRawKb: kb(sum(assets, 'raw')),
      assetRequests: assets.length,
      dataKb: kb(sum(data, 'wire')),
      dataRequests: data.length,
    };
  } finally {
    await browser.close();
    await app.close();
  }
}
