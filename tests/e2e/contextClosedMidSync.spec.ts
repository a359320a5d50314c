import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, type BrowserContext, type Page } from '@playwright/test';
import { recordAppLog, test } from './appLog';
import { DEMO_PASSWORD, expectAllSynced, fillHouseholdForm, openHouseholds, testIdNumber } from './support';

const HOUSEHOLDS = 8;
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** A browser profile on disk: a normal context keeps IndexedDB in memory and would forget everything. */
async function launch(profileDir: string, baseURL: string): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // The app's service worker would hide its requests from page.route.
    serviceWorkers: 'block',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return recordAppLog(context);
}

async function signInOn(page: Page): Promise<void> {
  await page.getByLabel('用户名').fill('xieli_a');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-name')).toBeVisible();
}

/** The township's view on the server: how many households at each address this run registered. */
async function onServer(baseURL: string, tag: string): Promise<Map<string, number>> {
  const login = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'zhen', password: DEMO_PASSWORD, deviceId: `dev-e2e-${tag}` }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const counts = new Map<string, number>();
  let checkpoint: unknown = null;
  for (;;) {
    const query = new URLSearchParams({ limit: '500', ...(checkpoint ? { checkpoint: JSON.stringify(checkpoint) } : {}) });
    const page = (await (await fetch(`${baseURL}/api/v1/sync/households/pull?${query}`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as {
      documents: { id: string; address: string }[];
      checkpoint: unknown;
    };
    for (const doc of page.documents.filter((d) => d.address.includes(tag))) counts.set(doc.address, (counts.get(doc.address) ?? 0) + 1);
    if (page.documents.length < 500) return counts;
    checkpoint = page.checkpoint;
  }
}

/**
 * Households registered offline; the browser is closed while they are being uploaded (the server
 * has stored them, the answer never reaches the page). Reopened and signed in again, the app
 * uploads what it still counts as waiting, and each household is on the server exactly once.
 */
test('a browser closed in the middle of an upload loses nothing and doubles nothing', async ({ baseURL }) => {
  test.setTimeout(240_000);
  const profileDir = mkdtempSync(join(tmpdir(), 'jiuzhu-closed-'));
  const tag = `断网测试${Date.now().toString(36)}`;
  try {
    let context = await launch(profileDir, baseURL!);
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await signInOn(page);
    await expectAllSynced(page);

    await context.setOffline(true);
    await expect(page.getByTestId('sync-online')).toHaveAttribute('data-online', 'false');
    for (let i = 1; i <= HOUSEHOLDS; i++) {
      await openHouseholds(page);
      await page.getByTestId('household-register').click();
      await fillHouseholdForm(page, `${tag} ${i} 号`, [{ name: `关门测试${i}`, idNumber: testIdNumber('1953-04-04', 940 + i) }]);
      await page.getByTestId('household-submit').click();
      await expect(page.getByText('已保存在本机，联网后自动上传').first()).toBeVisible();
    }
    await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-pending', String(HOUSEHOLDS));

    // The first upload reaches the server, which stores it; its answer is held back, and the browser closes.
    let stored!: () => void;
    const serverStored = new Promise<void>((resolve) => (stored = resolve));
    await page.route('**/api/v1/sync/households/push', async (route) => {
      await route.fetch().catch(() => undefined);
      stored();
      // Never answered: the browser goes away first.
    });
    await context.setOffline(false);
    await serverStored;
    expect((await onServer(baseURL!, tag)).size).toBeGreaterThan(0);
    await context.close();

    // Reopened on the same profile; signed in from the offline profile, then the network comes back.
    context = await launch(profileDir, baseURL!);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await context.setOffline(true);
    await signInOn(page);
    await context.setOffline(false);
    await expectAllSynced(page);

    const counts = await onServer(baseURL!, tag);
    expect([...counts.keys()].sort()).toEqual(Array.from({ length: HOUSEHOLDS }, (_, i) => `${tag} ${i + 1} 号`).sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    await openHouseholds(page);
    await page.getByTestId('household-search').fill('关门测试');
    await expect(page.getByTestId('household-row')).toHaveCount(HOUSEHOLDS);
    await context.close();
  } finally {
    rmSync(profileDir, { recursive: true, force: true });
  }
});
