import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The desk: static files under dist/desk, served by the API at /desk/. */
export default defineConfig({
  root: here('.'),
  base: '/desk/',
  plugins: [preact()],
  resolve: { alias: { '@newsroom/api-client': here('../../libs/api-client/src/index.ts') } },
  build: { outDir: here('../../dist/desk'), emptyOutDir: true, target: 'es2022', sourcemap: false },
});
