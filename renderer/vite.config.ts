import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants as zlibConstants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type BuildEnvironmentOptions, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** package.json's version, for the diagnostics file (renderer/data/core/diagnostics/). */
export const rendererDefine = { 'import.meta.env.JIUZHU_VERSION': JSON.stringify(version) };

const inPackage = (...names: string[]) => new RegExp(`[\\\\/]node_modules[\\\\/](${names.join('|')})[\\\\/]`);
const KB = 1024;

/**
 * How the renderer is cut (shared with electron.vite.config.ts). The pages are lazy
 * (renderer/ui/shell/lazyPages.ts); these groups split the libraries every start needs into
 * chunks under vite's 500 kB warning, so no one chunk is a 3 MB parse and a change of one library
 * leaves the others cached. ECharts goes with the dashboard's chunk only.
 *
 * One chunk stays above 500 kB: exceljs ships as one prebuilt, minified file (exceljs.min.js,
 * ~930 kB) that no bundler can cut. It loads only when someone exports (workbook.ts imports it
 * on first use), so the warning limit is set just above it rather than hiding a real warning.
 */
export const rendererBuild: BuildEnvironmentOptions = {
  chunkSizeWarningLimit: 1000,
  rolldownOptions: {
    output: {
      // Chunks cut by size must still run their modules in import order (a cut through antd
      // otherwise reads a helper before its chunk has run).
      strictExecutionOrder: true,
      codeSplitting: {
        groups: [
          { name: 'echarts', test: inPackage('echarts', 'zrender'), priority: 30, maxSize: 450 * KB },
          { name: 'react', test: inPackage('react', 'react-dom', 'scheduler', 'react-router'), priority: 20 },
          { name: 'antd', test: inPackage('antd', '@ant-design', '@rc-component', 'rc-[a-z-]+', '@emotion'), priority: 20, maxSize: 450 * KB, tags: ['$initial'] },
          { name: 'rxdb', test: inPackage('rxdb', 'dexie', 'rxjs', 'ajv', 'z-schema'), priority: 20, maxSize: 450 * KB, tags: ['$initial'] },
          { name: 'vendor', test: /[\\/]node_modules[\\/]/, priority: 10, maxSize: 450 * KB, tags: ['$initial'] },
        ],
      },
    },
  },
};

/**
 * Writes precache.json beside index.html: every file of the build, so the offline shell
 * (renderer/public/sw.js) keeps the lazy pages' chunks too, not only what index.html names.
 */
export function precacheList(): Plugin {
  return {
    name: 'jiuzhu:precache-list',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => name.startsWith('assets/')).sort();
      this.emitFile({ type: 'asset', fileName: 'precache.json', source: `${JSON.stringify(files, null, 1)}\n` });
    },
  };
}

/**
 * Writes a gzip copy (`name.gz`) beside each text file of the web build, which the server sends as
 * it is to browsers that accept gzip (`appFileOptions` in server/http/appFiles.ts). Without it the
 * server compressed the same 4.5 MB again for every browser that loaded the app or filled its
 * offline shell: ~0.2 s of the server's CPU for each full set of files (measured), on a county server that 500 laptops load from.
 * Level 9, once, at build time (~0.2 s); brotli was ~8 % smaller for 20 times the build time.
 */
export function precompressedCopies(): Plugin {
  let outDir = '';
  const compressible = /\.(?:js|css|html|json|svg|txt|webmanifest)$/;
  const eachFile = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? eachFile(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
  return {
    name: 'jiuzhu:precompressed-copies',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const file of eachFile(outDir)) {
        if (!compressible.test(file)) continue;
        writeFileSync(`${file}.gz`, gzipSync(readFileSync(file), { level: zlibConstants.Z_BEST_COMPRESSION }));
      }
    },
  };
}

/** The renderer as a plain web app: served by the central server at `/` and used by the browser tests. */
export default defineConfig({
  root,
  base: './',
  plugins: [react(), precacheList(), precompressedCopies()],
  define: rendererDefine,
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    ...rendererBuild,
  },
  server: { port: 5173, strictPort: true },
});
