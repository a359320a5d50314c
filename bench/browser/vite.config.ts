import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The bench page (bench/browser/main.ts): the renderer's data layer without the UI, built for Chromium. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../.tmp/bench-web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 10_000,
  },
});
