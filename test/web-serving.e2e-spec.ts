import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from './support/test-app.js';

const INDEX = '<!doctype html><html lang="vi"><body><div id="app"></div></body></html>';
const SCRIPT = `console.log(${JSON.stringify('Mô hình học tập '.repeat(200))});`;

describe('serving the web app next to the API', () => {
  let t: TestApp;

  beforeAll(async () => {
    const root = await mkdtemp(join(tmpdir(), 'lmt-web-'));
    await mkdir(join(root, 'assets'));
    await writeFile(join(root, 'index.html'), INDEX);
    await writeFile(join(root, 'assets', 'index-abc123.js'), SCRIPT);
    t = await createTestApp({ webRoot: root });
  });

  afterAll(() => t.close());

  it('answers the app at / and at every page path, revalidated each time', async () => {
    for (const path of ['/', '/tong-quan?area=HUONG_THUY', '/danh-gia/family/X/2020']) {
      const response = await t.anonymous().get(path).set('Accept', 'text/html').expect(200);
      expect(response.text).toBe(INDEX);
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets compressed and cached for a year', async () => {
    const response = await t
      .anonymous()
      .get('/assets/index-abc123.js')
      .set('Accept-Encoding', 'gzip')
      .expect(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['cache-control']).toContain('immutable');
    expect(response.headers['cache-control']).toContain('max-age=31536000');
    expect(response.text).toBe(SCRIPT);
  });

  it('answers a missing asset or API route with 404, never with the page', async () => {
    await t.anonymous().get('/assets/missing-123.js').expect(404);
    const api = await t.http().get('/api/nothing-here').set('Accept', 'text/html').expect(404);
    expect(api.body).toMatchObject({ statusCode: 404 });
    const json = await t.anonymous().get('/tong-quan').set('Accept', 'application/json');
    expect(json.text).not.toBe(INDEX);
  });

  it('lets the page load only its own scripts and styles', async () => {
    const response = await t.anonymous().get('/').set('Accept', 'text/html').expect(200);
    const policy = response.headers['content-security-policy'];
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("default-src 'self'");
  });
});
