import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium, which `.ci/run` installs; playwright never downloads a browser here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const SCREENSHOTS = join(process.cwd(), 'test', 'artifacts', 'screenshots');

export function webAppBuilt(): boolean {
  return existsSync(join(process.cwd(), 'dist', 'web', 'index.html'));
}

export async function launchBrowser(): Promise<Browser> {
  await mkdir(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** What a page did that a user would not see: script errors and requests leaving the server. */
export interface PageWatch {
  errors: string[];
  external: string[];
}

export async function openPage(
  browser: Browser,
  base: string,
  viewport = { width: 1280, height: 900 },
): Promise<{ page: Page; watch: PageWatch }> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'vi-VN' });
  const page = await context.newPage();
  const watch: PageWatch = { errors: [], external: [] };
  page.on('pageerror', (error) => watch.errors.push(error.message));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(base) && !url.startsWith('data:') && !url.startsWith('blob:'))
      watch.external.push(url);
  });
  return { page, watch };
}

export async function signIn(page: Page, base: string, username: string, password: string) {
  await page.goto(`${base}/`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
