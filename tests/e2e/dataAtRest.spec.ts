import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, expect, type BrowserContext } from '@playwright/test';
import { recordAppLog, test } from './appLog';
import config, { chromiumPath } from '../../playwright.config';
import { maskIdNumber } from '../../shared/domain/idNumber';
import { apiSignIn, pullEverything } from './serverApi';
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

const isBase64Byte = (byte: number | undefined) => byte !== undefined && /[A-Za-z0-9+/=_-]/.test(String.fromCharCode(byte));

/**
 * Whether `bytes` holds `needle`. Many Chinese characters are two letters or digits in UTF-16LE
 * (杨 is "hg"), so a two-character name can turn up by chance inside the base64 text of a
 * ciphertext (a CI run failed so): a match made only of such bytes, with such a byte on either
 * side, is part of that text and not a name.
 */
function holds(bytes: Buffer, needle: Buffer, chinese: boolean): boolean {
  const couldBeBase64 = chinese && [...needle].every((byte) => isBase64Byte(byte));
  for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 1)) {
    if (!couldBeBase64 || !isBase64Byte(bytes[at - 1]) || !isBase64Byte(bytes[at + needle.length])) return true;
  }
  return false;
}

/** Of `files`, those holding `text` as ASCII/UTF-8 or as UTF-16LE (how V8 may serialise a string). */
function filesIn(files: string[], text: string): string[] {
  // Only Chinese text in UTF-16LE can look like base64; digits (ID numbers, phones) are matched exactly.
  const chinese = [...text].some((character) => character.charCodeAt(0) > 0x7f);
  return files.filter((file) => {
    const bytes = readFileSync(file);
    return holds(bytes, Buffer.from(text, 'utf8'), false) || holds(bytes, Buffer.from(text, 'utf16le'), chinese);
  });
}

const filesContaining = (dir: string, text: string) => filesIn(filesUnder(dir), text);

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

interface PulledHousehold {
  id: string;
  address: string;
  phone?: string;
  members: { name: string; idNumber: string }[];
}

/** Where Chromium keeps a site's data in the profile: what a lost laptop's disk gives away. */
const siteDataDirs = ['IndexedDB', 'Local Storage', 'Session Storage'];

test('Nothing that names a person — seeded or typed names, addresses, ID numbers, phones — is in the browser profile’s IndexedDB, Local Storage or Session Storage on disk, search snapshot included; the app still finds each by name and by ID number', async ({ request }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'jiuzhu-profile-'));
  const typed = { name: '褚凤英', idNumber: testIdNumber('1948-10-03', 811), phone: '13605439876', address: '碣石山镇一村 8 排 11 号' };
  // What the village already holds on the server: the laptop's first sync brings all of it.
  const session = await apiSignIn(request, 'xieli_a', 'dev-data-at-rest-check');
  const seeded = await pullEverything<PulledHousehold & { _deleted?: boolean }>(request, session, 'households');
  const staff = (await pullEverything<{ id: string; displayName: string }>(request, session, 'users')).map((u) => u.displayName);
  expect(seeded.length).toBeGreaterThan(5);
  // Colleagues' names are plain on purpose (who did what); a resident whose name is part of one is not a finding.
  const residentNames = seeded.flatMap((h) => h.members.map((m) => m.name)).filter((n) => n.length >= 2 && !staff.some((s) => s.includes(n)));
  const secrets = [
    ...new Set([
      ...residentNames,
      ...seeded.flatMap((h) => [h.address, ...(h.phone ? [h.phone] : []), ...h.members.map((m) => m.idNumber)]),
      typed.name,
      typed.idNumber,
      typed.phone,
      typed.address,
    ]),
  ];
  try {
    let context = await profileAt(dir);
    let page = context.pages()[0] ?? (await context.newPage());
    await signIn(page, 'xieli_a');
    await expectAllSynced(page);
    await openHouseholds(page);
    await expect(householdRows(page).first()).toBeVisible();
    await page.getByTestId('household-register').click();
    await fillHouseholdForm(page, typed.address, [{ name: typed.name, idNumber: typed.idNumber }]);
    await page.getByTestId('household-phone').fill(typed.phone);
    await page.getByTestId('household-submit').click();
    await expect(page.getByText('已保存在本机，联网后自动上传').first()).toBeVisible();
    await expectAllSynced(page);
    // Closing the browser writes everything out; the profile folder is what the disk holds.
    await context.close();

    const siteFiles = filesUnder(dir).filter((file) => siteDataDirs.some((d) => file.includes(`${path.sep}${d}${path.sep}`)));
    expect(siteFiles.length).toBeGreaterThan(0);
    // The scan reaches the app's records and its saved search index (their ids and the snapshot's name are plain) …
    expect(filesContaining(dir, seeded[0]!.id).length).toBeGreaterThan(0);
    expect(filesContaining(dir, 'household-search-index').length).toBeGreaterThan(0);
    // … and none of them names anyone.
    const found = secrets.flatMap((secret) => (filesIn(siteFiles, secret).length > 0 ? [secret] : []));
    expect(found.map((secret) => `${secret.slice(0, 1)}…(${secret.length})`)).toEqual([]);

    // The same profile opened again: after signing in, households are found by name and by whole ID number.
    context = await profileAt(dir);
    page = context.pages()[0] ?? (await context.newPage());
    await signIn(page, 'xieli_a');
    await openHouseholds(page);
    for (const { text, shows } of [
      { text: typed.idNumber, shows: typed.name },
      { text: typed.name.slice(1), shows: typed.name },
      { text: seeded[0]!.members[0]!.idNumber, shows: seeded[0]!.members[0]!.name },
      { text: seeded[1]!.members[0]!.name, shows: seeded[1]!.members[0]!.name },
    ]) {
      await page.getByTestId('household-search').fill(text);
      await expect(householdRows(page).filter({ hasText: shows }).first()).toBeVisible();
    }
    await householdRows(page).filter({ hasText: seeded[1]!.members[0]!.name }).first().click();
    await expect(page.getByTestId('members-table')).toContainText(maskIdNumber(seeded[1]!.members[0]!.idNumber));
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
  // A second household half typed: its draft goes with the rest.
  await expect(page.getByTestId('household-summary')).toBeVisible();
  await page.goto('/#/households/new');
  await expect(page.getByTestId('household-address')).toHaveValue('');
  await page.getByTestId('household-address').fill('碣石山镇一村 8 排 14 号');
  await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('jiuzhu:drafts:')).length)).toBe(1);

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
