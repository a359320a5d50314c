import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '../..');
const mainEntry = path.join(root, 'out/main/index.js');

/**
 * The Electron binary, found the way node_modules/electron finds it but without its fallback:
 * require('electron') downloads the binary when it is missing, which fails offline.
 */
function electronBinary(): string | null {
  const packageDir = path.join(root, 'node_modules/electron');
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist');
  const binary = path.join(distDir, relative);
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();

test.skip(
  binary === null,
  'No Electron binary on this machine (no internet to download it); the same renderer is tested in Chromium',
);

test('the desktop app opens one 救助通 window on the sign-in page', async () => {
  expect(existsSync(mainEntry), 'build first: npm run build:electron').toBe(true);
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'jiuzhu-e2e-'));
  const app = await electron.launch({
    executablePath: binary as string,
    args: [
      mainEntry,
      `--user-data-dir=${userDataDir}`,
      // Chromium refuses its sandbox to root, as CI runs; the app's own settings stay as shipped.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
    // The built app, never a dev server that a developer's shell may point at.
    env: { ...process.env, ELECTRON_RENDERER_URL: '' },
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByText('登录').first()).toBeVisible({ timeout: 30_000 });
    expect(page.url()).toMatch(/^app:\/\/jiuzhu\//);

    const titles = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.getTitle()));
    expect(titles).toEqual(['救助通']);

    const info = await page.evaluate(() => window.jiuzhu?.getAppInfo());
    expect(info).toMatchObject({ ok: true, value: { name: '救助通' } });
    expect(await page.evaluate(() => typeof (window as { require?: unknown }).require)).toBe('undefined');
  } finally {
    await app.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
});
