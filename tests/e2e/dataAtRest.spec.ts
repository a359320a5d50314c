import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, expect, type BrowserContext } from '@playwright/test';
import { recordAppLog, test } from './appLog';
import config, { chromiumPath } from '../../playwright.config';
import { maskIdNumber } from '../../shared/domain/idNumber';
import { DEMO_PASSWORD, expectAllSynced, fillHouseholdForm, householdRows, openHouseholds, signIn, testIdNumber } from './support';

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    const stat = statSync(full, { throwIfNoEntry: false });
    if (!stat) return [];
    return stat.isDirectory() ? filesUnder(full) : [full];
  });
}

/** Files under `dir` holding `text` as ASCII/UTF-8 or as UTF-16LE (how V8 may serialise a string). */
function filesContaining(dir: string, text: string): string[] {
  const needles = [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')];
  return filesUnder(dir).filter((file) => {
    const bytes = readFileSync(file);
    return needles.some((needle) => bytes.includes(needle));
  });
}

/**
 * A real browser profile on disk (`browser.newContext()` keeps IndexedDB in memory): the one
 * place to see what a lost or shared laptop would give away.
 */
async function profileAt(dir: string): Promise<BrowserContext> {
  const use = config.use ?? {};
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath,
    args: use.launchOptions?.args ?? [],
    baseURL: use.baseURL!,
    locale: use.locale!,
    timezoneId: use.timezoneId!,
  });
  return recordAppLog(context);
}

test('After a household with a known ID number is saved in Chromium, that number is not found in the browser profile’s IndexedDB files on disk; the app still finds the household by that number', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'jiuzhu-profile-'));
  const idNumber = testIdNumber('1948-10-03', 811);
  const name = '褚凤英';
  try {
    let context = await profileAt(dir);
    let page = context.pages()[0] ?? (await context.newPage());
    await signIn(page, 'xieli_a');
    await expectAllSynced(page);
    await openHouseholds(page);
    await page.getByTestId('household-register').click();
    await fillHouseholdForm(page, '碣石山镇一村 8 排 11 号', [{ name, idNumber }]);
    await page.getByTestId('household-submit').click();
    await expect(page.getByText('已保存在本机，联网后自动上传').first()).toBeVisible();
    await expectAllSynced(page);
    // Closing the browser writes everything out; the profile folder is what the disk holds.
    await context.close();

    const indexedDbDir = filesUnder(dir).filter((file) => file.includes(`${path.sep}IndexedDB${path.sep}`));
    // The scan reaches the app's database: the household's plain address is there …
    expect(indexedDbDir.length).toBeGreaterThan(0);
    expect(filesContaining(dir, '碣石山镇一村 8 排 11 号').length).toBeGreaterThan(0);
    // … and its ID number is nowhere in the profile (IndexedDB, localStorage, caches).
    expect(filesContaining(dir, idNumber)).toEqual([]);

    // The same profile opened again: after signing in, the household is found by that number.
    context = await profileAt(dir);
    page = context.pages()[0] ?? (await context.newPage());
    await signIn(page, 'xieli_a');
    await openHouseholds(page);
    await page.getByTestId('household-search').fill(idNumber);
    await expect(householdRows(page).filter({ hasText: name })).toHaveCount(1);
    await householdRows(page).filter({ hasText: name }).click();
    await expect(page.getByTestId('members-table')).toContainText(maskIdNumber(idNumber));
    await context.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('清除本机数据 warns about records not yet uploaded, asks twice, and leaves nothing to sign in to offline', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'xieli_a');
  await expectAllSynced(page);
  await openHouseholds(page);
  // Offline: the household waits on the laptop.
  await context.setOffline(true);
  await page.getByTestId('household-register').click();
  await fillHouseholdForm(page, '碣石山镇一村 8 排 12 号', [{ name: '卫长林', idNumber: testIdNumber('1946-04-21', 812) }]);
  await page.getByTestId('household-submit').click();
  await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-pending', '1');

  await page.getByTestId('wipe-open').click();
  await expect(page.getByTestId('wipe-pending')).toContainText('还有 1 条记录没有上传到服务器');
  await expect(page.getByTestId('wipe-export-usb')).toBeVisible();
  await page.getByTestId('wipe-anyway').click();
  await expect(page.getByText('没有上传的 1 条记录将永久丢失。')).toBeVisible();
  await page.getByTestId('wipe-confirm').click();

  // Back at the sign-in page, and without a network there is no profile left to open.
  await page.getByLabel('用户名').fill('xieli_a');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByText('本机没有该用户的离线登录记录，请联网后登录一次。')).toBeVisible();
  await expect(page.getByTestId('user-name')).toHaveCount(0);
  const left = await page.evaluate(() => Object.keys(localStorage).filter((key) => /profile|draft|pending/.test(key)));
  expect(left).toEqual([]);
  await context.close();
});
