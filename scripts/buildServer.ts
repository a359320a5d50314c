/**
 * `npm run build:server`: the central server as one JavaScript file, `dist/server/main.js`, that
 * runs on Node 24 alone — no tsx, no TypeScript, no node_modules. Every package the server
 * imports is bundled in (areas and holidays are JSON imports, the migrations are SQL strings in
 * the code); PGlite's WebAssembly and its data file are copied beside it, where PGlite looks for
 * them (`new URL('./pglite.wasm', import.meta.url)`). The folder is what the install kit copies
 * to `/opt/jiuzhu/server` (deploy/install.sh).
 * Run: npx tsx scripts/buildServer.ts [outDir]
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_SERVER_OUT_DIR = join(ROOT, 'dist', 'server');

/** PGlite's runtime files, loaded from beside the bundle. */
const PGLITE_ASSETS = ['pglite.wasm', 'pglite.data', 'initdb.wasm'];

/**
 * server/version.ts reads the checkout's package.json at run time; the installed server has no
 * checkout around it, so the bundle gets the version written in instead.
 */
function versionOf(version: string): Plugin {
  const file = join(ROOT, 'server', 'version.ts');
  return {
    name: 'jiuzhu-server-version',
    setup(builder) {
      builder.onLoad({ filter: /[\\/]server[\\/]version\.ts$/ }, (args) =>
        args.path === file ? { contents: `export const SERVER_VERSION = ${JSON.stringify(version)};`, loader: 'ts' } : undefined,
      );
    },
  };
}

export async function buildServer(outDir: string = DEFAULT_SERVER_OUT_DIR): Promise<string> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const main = join(outDir, 'main.js');
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  await build({
    entryPoints: [join(ROOT, 'server', 'main.ts')],
    outfile: main,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    // The bundled CommonJS packages (fastify, pg, …) call require(); an ES module has none.
    banner: { js: "import { createRequire as __jiuzhuRequire } from 'node:module'; const require = __jiuzhuRequire(import.meta.url);" },
    // pg's optional native binding is never used (and not installed).
    external: ['pg-native'],
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: 'warning',
    plugins: [versionOf(version)],
  });
  const require = createRequire(import.meta.url);
  const pgliteDist = dirname(require.resolve('@electric-sql/pglite'));
  for (const asset of PGLITE_ASSETS) copyFileSync(join(pgliteDist, asset), join(outDir, asset));
  // Marks main.js as an ES module for Node, and says which version this folder is.
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify({ name: 'jiuzhu-server', version, private: true, type: 'module' }, null, 2)}\n`);
  return main;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_SERVER_OUT_DIR;
  buildServer(outDir)
    .then((main) => console.log(`built ${main}`))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
