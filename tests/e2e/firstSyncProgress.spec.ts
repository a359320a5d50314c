import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, type APIRequestContext, type BrowserContext, type Page, type Route } from '@playwright/test';
import { makeIdNumber } from '../../shared/domain/idNumber';
import { makeHousehold, makeVisit, newRow } from '../support/documents';
import { recordAppLog, test } from './appLog';
import { apiSignIn, bearer, type ApiSession } from './serverApi';
import { DEMO_PASSWORD, householdRows, openHouseholds, signIn } from './support';

/** A township of 博兴县, away from the demo's 碣石山镇 and 无棣县, so no other spec's counts move. */
const TOWNSHIP = '371625001';
/** Its first villages (shared/areas/binzhou.json; the JSON is not importable here): 椒园社区 is the first. */
const VILLAGES = ['371625001001', '371625001002', '371625001003', '371625001004'];
const HOUSEHOLDS = 1000;
const VISITS_PER_HOUSEHOLD = 2;
/** A first sync asks for 200 first, then pages of 1,000 (renderer/data/core/sync/firstPull.ts `FIRST_PULL_FIRST_PAGE`). */
const FIRST_PAGE = 200;
const PUSH_BATCH = 100;
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** The city creates a township account, as 账号管理 does. */
async function createTownshipUser(request: APIRequestContext, username: string): Promise<void> {
  const city = await apiSignIn(request, 'shi', `e2e-first-sync-city-${username}`);
  const created = await request.post('/api/v1/admin/users', {
    headers: bearer(city),
    data: { username, password: DEMO_PASSWORD, role: 'township', areaCode: `${TOWNSHIP}000`, displayName: '首次同步测试' },
  });
  expect(created.status()).toBe(201);
}

async function push(request: APIRequestContext, session: ApiSession, collection: string, docs: object[]): Promise<void> {
  for (let i = 0; i < docs.length; i += PUSH_BATCH) {
    const answer = await request.post(`/api/v1/sync/${collection}/push`, { headers: bearer(session), data: docs.slice(i, i + PUSH_BATCH).map(newRow) });
    expect(answer.status(), await answer.text()).toBe(200);
  }
}

/** A township's caseload through the real push API: households over its villages, the first village's named 首村, and two visits each. */
async function seedTownship(request: APIRequestContext, session: ApiSession): Promise<void> {
  const villages = VILLAGES;
  const households = Array.from({ length: HOUSEHOLDS }, (_, n) => {
    const village = villages[n % villages.length]!;
    const birthDate = `19${40 + (n % 50)}-0${1 + (n % 9)}-1${n % 10}`;
    // An odd sequence number: a man's ID number, as the member's sex says.
    const name = n % villages.length === 0 ? `首村户主${n}` : `同步户主${n}`;
    return makeHousehold(village, {
      members: [{ id: `m-${n}`, name, idNumber: makeIdNumber('371625', birthDate, 2 * (n % 499) + 1), relation: 'head', birthDate, sex: 'male' }],
    });
  });
  await push(request, session, 'households', households);
  await push(request, session, 'visits', households.flatMap((household) => Array.from({ length: VISITS_PER_HOUSEHOLD }, () => makeVisit(household))));
}

/**
 * Holds the visits' pull pages after the first until the test lets them through: a slow link,
 * with the real server answering each page once it goes.
 */
function slowVisits(pagesThrough = 1) {
  const held: (() => void)[] = [];
  let passed = 0;
  let open = false;
  const waiting: ((count: number) => void)[] = [];
  return {
    async handle(route: Route) {
      if (passed++ >= pagesThrough && !open) {
        await new Promise<void>((resolve) => {
          held.push(resolve);
          waiting.splice(0).forEach((notify) => notify(held.length));
        });
      }
      await route.continue();
    },
    /** Resolves once a page is being held. */
    whenHeld: () => new Promise<number>((resolve) => (held.length > 0 ? resolve(held.length) : waiting.push(resolve))),
    releaseOne: () => held.shift()?.(),
    releaseAll: () => {
      open = true;
      held.splice(0).forEach((release) => release());
    },
  };
}

let seeded: Promise<void> | null = null;

/** A new township account whose first sync is the seeded caseload (seeded once per run of this file). */
async function newTownshipUser(request: APIRequestContext): Promise<string> {
  const username = `e2e_first_${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
  await createTownshipUser(request, username);
  seeded ??= apiSignIn(request, username, `e2e-first-sync-seed-${username}`).then((seeder) => seedTownship(request, seeder));
  await seeded;
  return username;
}

test('a township’s first sync of thousands of records shows rising counts, and a household opens before it ends', async ({ browser, request }) => {
  test.setTimeout(300_000);
  const username = await newTownshipUser(request);
  const total = HOUSEHOLDS * (1 + VISITS_PER_HOUSEHOLD);

  // The app's service worker would hide its requests from the route.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const visits = slowVisits();
  await context.route((url) => url.pathname.endsWith('/api/v1/sync/visits/pull'), (route) => visits.handle(route));
  const page = await context.newPage();
  await signIn(page, username);

  // Every household arrives; the visits' second page waits on the link.
  const banner = page.getByTestId('first-sync');
  await visits.whenHeld();
  await expect(page.getByTestId('first-sync-households')).toHaveText(`家庭：${HOUSEHOLDS.toLocaleString('zh-CN')} 条，已收完`, { timeout: 90_000 });
  await expect(page.getByTestId('first-sync-visits')).toHaveText(`走访记录：${FIRST_PAGE.toLocaleString('zh-CN')} / ${(HOUSEHOLDS * VISITS_PER_HOUSEHOLD).toLocaleString('zh-CN')}`);
  const arrivedNow = async () => Number(await banner.getAttribute('data-arrived'));
  const seen = [await arrivedNow()];
  expect(seen[0]).toBe(HOUSEHOLDS + FIRST_PAGE);
  await expect(page.getByTestId('first-sync-title')).toHaveText(
    `正在第一次接收本辖区的数据：已收到 ${(HOUSEHOLDS + FIRST_PAGE).toLocaleString('zh-CN')} 条，还剩 ${(total - HOUSEHOLDS - FIRST_PAGE).toLocaleString('zh-CN')} 条`,
  );

  // The list and search work on what has arrived, while the rest is still to come.
  await openHouseholds(page);
  await page.getByTestId('household-search').fill('首村户主');
  // The search has answered once the first row is one of the first village's (the whole list shows before).
  await expect(householdRows(page).first()).toContainText('首村户主');
  await householdRows(page).first().click();
  await expect(page).toHaveURL(/#\/households\/hh-/);
  await expect(page.getByTestId('household-summary')).toContainText('首村户主');
  await expect(banner).toBeVisible();
  expect(Number(await banner.getAttribute('data-remaining'))).toBeGreaterThan(0);

  // One more page through: the count rises, still before the end.
  await visits.releaseOne();
  await expect.poll(arrivedNow).toBeGreaterThan(seen[0]!);
  seen.push(await arrivedNow());
  await expect(banner).toBeVisible();
  expect(new Set(seen).size).toBe(2);

  // The rest through: the banner goes once everything is here.
  visits.releaseAll();
  await expect(banner).toBeHidden({ timeout: 120_000 });
  await page.getByTestId('menu-sync-centre').click();
  await expect(page.getByTestId('sync-centre')).toBeVisible();

  // Gone for good: a later sync (立即同步 here) is not the first, and the banner does not come back
  // while it runs (it did, for a moment each time, pushing the page down).
  await page.evaluate(() => {
    const seen = { syncRan: false, bannerBack: false };
    (window as unknown as { seenAfterFirstSync: typeof seen }).seenAfterFirstSync = seen;
    new MutationObserver(() => {
      seen.syncRan ||= document.querySelector('[data-testid="sync-running"]') !== null;
      seen.bannerBack ||= document.querySelector('[data-testid="first-sync"]') !== null;
    }).observe(document.body, { subtree: true, childList: true });
  });
  const seenAfter = () => page.evaluate(() => (window as unknown as { seenAfterFirstSync: { syncRan: boolean; bannerBack: boolean } }).seenAfterFirstSync);
  await page.getByTestId('sync-now').click();
  await expect.poll(async () => (await seenAfter()).syncRan).toBe(true);
  await expect(page.getByTestId('sync-running')).toHaveCount(0);
  expect((await seenAfter()).bannerBack).toBe(false);
  await context.close();
});

/** A browser profile on disk: closing it and opening it again is a laptop switched off and on. */
async function launchProfile(profileDir: string, baseURL: string): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // The app's service worker would hide its requests from the route.
    serviceWorkers: 'block',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return recordAppLog(context);
}

test('a first sync cut off by closing the app shows its counts again at the next start and finishes', async ({ request, baseURL }) => {
  test.setTimeout(300_000);
  const username = await newTownshipUser(request);
  const profileDir = mkdtempSync(join(tmpdir(), 'jiuzhu-first-sync-'));
  const visitsLine = (page: Page) => page.getByTestId('first-sync-visits');
  try {
    let context = await launchProfile(profileDir, baseURL!);
    let visits = slowVisits(1);
    await context.route((url) => url.pathname.endsWith('/api/v1/sync/visits/pull'), (route) => visits.handle(route));
    let page = context.pages()[0] ?? (await context.newPage());
    await signIn(page, username);
    await visits.whenHeld();
    await expect(page.getByTestId('first-sync-households')).toHaveText(`家庭：${HOUSEHOLDS.toLocaleString('zh-CN')} 条，已收完`, { timeout: 90_000 });
    await expect(visitsLine(page)).toHaveText(`走访记录：${FIRST_PAGE.toLocaleString('zh-CN')} / 2,000`);
    await context.close();

    // Switched on again: before the server has answered a single visits page, the counts are back.
    context = await launchProfile(profileDir, baseURL!);
    visits = slowVisits(0);
    await context.route((url) => url.pathname.endsWith('/api/v1/sync/visits/pull'), (route) => visits.handle(route));
    page = context.pages()[0] ?? (await context.newPage());
    await signIn(page, username);
    await visits.whenHeld();
    await expect(visitsLine(page)).toHaveText(`走访记录：${FIRST_PAGE.toLocaleString('zh-CN')} / 2,000`);
    await expect(page.getByTestId('first-sync-households')).toHaveCount(1);
    visits.releaseAll();
    await expect(page.getByTestId('first-sync')).toBeHidden({ timeout: 120_000 });
    await context.close();
  } finally {
    rmSync(profileDir, { recursive: true, force: true });
  }
});
