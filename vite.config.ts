import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The web app: built into dist/web, which the API serves at `/`. */
export default defineConfig({
  root: fromRoot('./apps/web'),
  resolve: {
    alias: {
      '@app/contracts': fromRoot('./libs/contracts/src/index.ts'),
      '@app/domain': fromRoot('./libs/domain/src/index.ts'),
    },
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fromRoot('./dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
