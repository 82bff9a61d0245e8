import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Where `vite build` writes the web app: `dist/web` at the package root. */
export function defaultWebRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  return join(directory, 'dist', 'web');
}

/**
 * Serves the built web app at `/`: hashed assets cached for a year, `index.html` revalidated,
 * and any other page path answered with `index.html` so the app's own router takes over.
 * Returns false when the app has not been built.
 */
export function serveWebApp(app: NestExpressApplication, root: string): boolean {
  const index = join(root, 'index.html');
  if (!existsSync(index)) return false;
  app.useStaticAssets(join(root, 'assets'), {
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    fallthrough: false,
  });
  app.useStaticAssets(root, { index: false, maxAge: '1h' });
  app.use((request: Request, response: Response, next: NextFunction) => {
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !request.path.startsWith('/api') &&
      request.accepts(['html', 'json']) === 'html';
    if (!isPage) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
  return true;
}
