import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { rendererBuild, rendererDefine } from './renderer/vite.config';

const fromRoot = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/**
 * electron-vite forces base './' for production renderers, which suits file:// but breaks a
 * deep link under app://jiuzhu/ (index.html served for /households/42 would look for
 * /households/assets/…). The app:// scheme serves the build at its root, so '/' is right.
 */
function rootBase(): Plugin {
  return { name: 'jiuzhu:renderer-root-base', config: () => ({ base: '/' }) };
}

export default defineConfig({
  main: {
    build: {
      outDir: fromRoot('out/main'),
      // Bundle zod and friends: the packaged app ships no node_modules (see electron-builder.yml).
      externalizeDeps: false,
      rolldownOptions: { input: { index: fromRoot('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: fromRoot('out/preload'),
      // A sandboxed preload is run as a CommonJS script that can only require('electron').
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: fromRoot('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: fromRoot('renderer'),
    plugins: [react(), rootBase()],
    define: rendererDefine,
    build: {
      // The same cut as the browser build (code splitting, one warning limit).
      ...rendererBuild,
      outDir: fromRoot('out/renderer'),
      rolldownOptions: { ...rendererBuild.rolldownOptions, input: { index: fromRoot('renderer/index.html') } },
    },
  },
});
