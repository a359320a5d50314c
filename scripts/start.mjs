#!/usr/bin/env node
// `npm start`: the central server on its embedded database with demo data, the renderer built,
// then the desktop app — or, where Electron cannot start (no binary), the same app in a browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const port = process.env.PORT ?? '8787';
const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

console.log('构建界面 (building the app)…');
run('npx', ['electron-vite', 'build', '--logLevel', 'warn']);
run('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']);

const server = spawn('npx', ['tsx', 'server/main.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { JIUZHU_DEMO: '1', JIUZHU_DATA_DIR: 'data/server', ...process.env, PORT: port },
});
const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

/** Electron's binary is downloaded at first use; where it is absent (no internet), don't try. */
function electronBinary() {
  try {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve('electron/package.json'));
    const pathFile = path.join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const { readFileSync } = require('node:fs');
    const bin = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const url = `http://127.0.0.1:${port}/`;
const electron = electronBinary();
if (electron) {
  const app = spawn(electron, ['.'], { cwd: root, stdio: 'inherit' });
  app.on('exit', stop);
} else {
  console.log(`\n没有可用的 Electron 程序（本机无法下载）。请在浏览器中打开：${url}`);
  console.log(`No Electron binary on this machine (it cannot be downloaded here). Open the app in a browser: ${url}\n`);
}
server.on('exit', (code) => process.exit(code ?? 0));
