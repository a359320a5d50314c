import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from '@playwright/test';
import { startServerProcess, type ServerProcess } from '../../harness/serverProcess';
import { test } from './appLog';
import { DEMO_PASSWORD, fillHouseholdForm, openHouseholds, testIdNumber } from './support';

/**
 * A county server that wants a newer app than this build (package.json's version): the person
 * signs in, is told in words which version to update to, keeps working, and what they saved goes
 * up once the server accepts the app again. Its own server process, on its own data folder, since
 * the suite's shared server accepts every version.
 */
const TOO_OLD = '救助通版本过旧：请更新到 9.0.0 或更高版本后再同步。您未上传的记录仍保存在本机。';

let dataDir: string;
let server: ServerProcess | null = null;
const settings = (extra: Record<string, string>) => ({ JIUZHU_DATA_DIR: dataDir, JIUZHU_DEMO: '1', JIUZHU_STATIC_DIR: process.env['E2E_STATIC_DIR'] ?? 'out/renderer', ...extra });

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'jiuzhu-e2e-old-'));
  server = await startServerProcess(settings({ JIUZHU_MIN_APP_VERSION: '9.0.0' }));
});
test.afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('an app older than the server accepts says so in words, keeps what is saved, and sends it once accepted', async ({ page }) => {
  await page.goto(`${server!.url}/`);
  await page.getByLabel('用户名').fill('xieli_a');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-name')).toBeVisible();
  await expect(page.getByTestId('sync-error')).toHaveText(TOO_OLD);

  await openHouseholds(page);
  await page.getByTestId('household-register').click();
  await fillHouseholdForm(page, '碣石山镇一村 4 排 7 号', [{ name: '褚秀珍', idNumber: testIdNumber('1949-09-09', 88) }]);
  await page.getByTestId('household-submit').click();
  await expect(page.getByText('已保存在本机，联网后自动上传').first()).toBeVisible();
  await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-pending', '1');

  // The sync centre says the same, per kind of record, and no stack trace anywhere.
  await page.getByTestId('menu-sync-centre').click();
  await expect(page.getByTestId('sync-collection-row').filter({ hasText: TOO_OLD }).first()).toBeVisible();
  await expect(page.locator('body')).not.toContainText('426');

  // The county lowers its minimum (or the laptop is updated): 立即同步 asks again and the household goes up.
  const port = new URL(server!.url).port;
  await server!.stop();
  server = await startServerProcess(settings({}), Number(port));
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-pending', '0');
  await expect(page.getByTestId('sync-error')).toBeHidden();
});
