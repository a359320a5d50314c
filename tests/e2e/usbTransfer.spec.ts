import { readFileSync } from 'node:fs';
import { expect, type Page, type Route } from '@playwright/test';
import { test } from './appLog';
import { expectAllSynced, fillHouseholdForm, householdRows, openHouseholds, signIn, testIdNumber } from './support';

/** Records every text the USB section's busy button shows while the section says it is busy. */
async function recordBusy(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { usbBusySeen: string[] }).usbBusySeen = seen;
    new MutationObserver(() => {
      const section = document.querySelector('[data-testid="usb-transfer"]');
      if (section?.getAttribute('aria-busy') !== 'true') return;
      const button = section.querySelector('button[disabled]');
      if (button?.textContent) seen.push(button.textContent);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { usbBusySeen: string[] }).usbBusySeen);
}

/**
 * A village with no network exports its waiting change: the browser first refuses to hand the file
 * over (as a full or pulled-out stick does), and the sync centre says so in words, with what to do;
 * the retry writes it. At the township the import shows its steps while the server checks the file,
 * and a lost network or a wrong file says what went wrong.
 */
test('USB export and import show their steps, and a failure says what went wrong and what to do', async ({ browser }) => {
  const villageContext = await browser.newContext({ acceptDownloads: true });
  const village = await villageContext.newPage();
  const name = '郝凤英';

  await signIn(village, 'xieli_b');
  await expectAllSynced(village);
  await villageContext.setOffline(true);
  await expect(village.getByTestId('sync-online')).toHaveAttribute('data-online', 'false');
  await openHouseholds(village);
  await village.getByTestId('household-register').click();
  await fillHouseholdForm(village, '碣石山镇二村 3 排 6 号', [{ name, idNumber: testIdNumber('1951-08-08', 96) }]);
  await village.getByTestId('household-submit').click();
  await expect(village.getByText('已保存在本机，联网后自动上传').first()).toBeVisible();
  await expect(village.getByTestId('sync-pending')).toHaveAttribute('data-pending', '1');

  await village.getByTestId('menu-sync-centre').click();
  const busySeen = await recordBusy(village);
  // The browser refuses the file once: the disk is full.
  await village.evaluate(() => {
    const original = URL.createObjectURL.bind(URL);
    URL.createObjectURL = () => {
      URL.createObjectURL = original;
      throw new DOMException('The disk is full', 'QuotaExceededError');
    };
  });
  await village.getByTestId('usb-export').click();
  const failed = village.getByTestId('usb-export-failed');
  await expect(failed).toContainText('写入U盘失败');
  await expect(failed).toContainText('请检查U盘是否已插好、空间是否足够，然后重试');
  const exportSteps = village.getByTestId('usb-export-steps');
  await expect(exportSteps).toHaveAttribute('data-state', 'failed');
  await expect(exportSteps).toContainText('读取本机未上传的记录（1 / 1 条）');
  await expect(exportSteps.locator('.ant-steps-item-error')).toHaveText(/保存到U盘/);
  expect(await busySeen()).toContain('正在导出，请不要拔出U盘…');
  // Nothing was lost: the change still waits, and the button works again.
  await expect(village.getByTestId('sync-pending')).toHaveAttribute('data-pending', '1');
  await expect(village.getByTestId('usb-export')).toBeEnabled();

  const [download] = await Promise.all([village.waitForEvent('download'), village.getByTestId('usb-export').click()]);
  await expect(village.getByTestId('usb-export-done')).toContainText('已导出 1 条记录');
  await expect(exportSteps).toHaveAttribute('data-state', 'done');
  await expect(failed).toHaveCount(0);
  expect(download.suggestedFilename()).toMatch(/^jiuzhu-xieli_b-\d{4}-\d{2}-\d{2}\.jzb$/);
  const text = readFileSync(await download.path(), 'utf8');
  expect(text).not.toContain(name);

  // At the township station; the app's service worker would hide the import from the route.
  const townshipContext = await browser.newContext({ serviceWorkers: 'block' });
  const township = await townshipContext.newPage();
  await signIn(township, 'zhen');
  await township.getByTestId('menu-sync-centre').click();
  const input = township.getByTestId('usb-transfer').locator('input[type=file]');
  const importSteps = township.getByTestId('usb-import-steps');

  // A file that is not a bundle at all.
  await input.setInputFiles({ name: 'notes.jzb', mimeType: 'application/json', buffer: Buffer.from('村里的笔记') });
  await expect(township.getByTestId('usb-import-failed')).toContainText('这不是救助通导出的文件');
  await expect(importSteps).toHaveAttribute('data-state', 'failed');

  // The network goes while the file travels.
  await township.route('**/api/v1/bundles/import', (route) => route.abort('internetdisconnected'));
  await input.setInputFiles({ name: 'village.jzb', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(township.getByTestId('usb-import-failed')).toContainText('连不上服务器');
  await expect(township.getByTestId('usb-import-failed')).toContainText('请检查网络后重试');
  await township.unroute('**/api/v1/bundles/import');

  // A slow link: the server's answer is held until the test has seen the import at work.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let reached!: () => void;
  const atServer = new Promise<void>((resolve) => (reached = resolve));
  await township.route('**/api/v1/bundles/import', async (route: Route) => {
    reached();
    await released;
    await route.continue();
  });
  await input.setInputFiles({ name: 'village.jzb', mimeType: 'application/json', buffer: Buffer.from(text) });
  await atServer;
  await expect(importSteps).toHaveAttribute('data-state', 'running');
  await expect(importSteps.locator('.ant-steps-item-process')).toHaveText(/交给服务器核对并保存/);
  await expect(township.getByTestId('usb-import')).toBeDisabled();
  await expect(township.getByTestId('usb-import')).toHaveText(/正在导入，请稍候…/);
  release();
  await expect(township.getByTestId('usb-import-done')).toContainText('已导入 1 条记录');
  await expect(importSteps).toHaveAttribute('data-state', 'done');
  await expect(township.getByTestId('usb-import')).toBeEnabled();

  await openHouseholds(township);
  await township.getByTestId('household-search').fill(name);
  await expect(householdRows(township)).toHaveCount(1);
  await Promise.all([villageContext.close(), townshipContext.close()]);
});
