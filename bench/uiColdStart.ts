/**
 * `ui_cold_start_ms` and `ui_household_list_ms`: the real app (the renderer's vite build, served by
 * the real server as in the e2e tests) started in a new Chromium process whose profile already
 * holds a township's caseload, pulled by that user's own first sync through the UI.
 *
 * Signing in again is part of a start: the app keeps a session only for the window's life
 * (sessionStorage, see renderer/data/hooks/AppDataProvider.tsx and SECURITY.md), so after a restart
 * it shows 登录 with the server address remembered, and the person types a name and password
 * (online here, as the server is up). The figure is what the person waits for: process launch →
 * 登录 drawn, plus 登录 clicked → 今日 drawn with its real cards; the typing itself is left out.
 * "Drawn" is a state, never a time: each card's count and first rows as they stood once the
 * profile's first start had settled.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright';
import { build } from 'vite';
import { syncedCollections } from '../shared/sync/collections';
import { BENCH_PASSWORD, startBenchServer, type BenchServer } from './benchServer';
import { BENCH_TOWNSHIP, checkDataset, datasetSize, generateDataset, townshipVillages } from './dataset';
import { waitForIndexedDbToSettle } from './processCpu';
import { profiled, profiling } from './profile';
import { median, type Figure, type Log } from './stats';

/** The app's build, one per bench process (removed after), so two runs side by side never share one. */
const UI_WEB_DIR = path.resolve(`.tmp/bench-ui-web-${process.pid}`);
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** The bench's (and the e2e tests') flags. */
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const WHERE = 'Chromium, new process, profile on disk';

export type UiMode = 'full' | 'quick' | 'smoke';

export interface UiColdStartOptions {
  mode: UiMode;
  log: Log;
}

const SIZES: Record<UiMode, { households: number; runs: number }> = {
  full: { households: 30_000, runs: 3 },
  quick: { households: 3_000, runs: 3 },
  smoke: { households: 200, runs: 1 },
};

/**
 * 今日's cards as drawn: each card's count and the text of its first rows (run in the page, which
 * allows no eval: given `want`, it answers null until the page shows exactly that).
 */
function todaySignature(want?: string): string | null {
  const cards = [...document.querySelectorAll('[data-testid^="today-card-"]')].filter((el) => /^today-card-[a-z]+$/i.test(el.getAttribute('data-testid') ?? '') && !['today-card-count', 'today-card-empty'].includes(el.getAttribute('data-testid') ?? ''));
  if (cards.length === 0) return null;
  const drawn = cards
    .map((card) => {
      const count = card.querySelector('[data-testid="today-card-count"]')?.textContent ?? '?';
      // textContent, not innerText: read every frame, it must not force a layout of the page it measures.
      const rows = [...(card.querySelector('ul')?.children ?? [])].slice(0, 3).map((row) => row.textContent);
      return `${card.getAttribute('data-testid')}:${count}:${rows.join('|')}`;
    })
    .join('\n');
  return want === undefined || drawn === want ? drawn : null;
}

/** The household list's first page as drawn: the total under it and its rows' text (as todaySignature). */
function listSignature(want?: string): string | null {
  const rows = [...document.querySelectorAll('[data-testid="household-row"]')];
  if (rows.length === 0) return null;
  const total = document.querySelector('.ant-pagination-total-text')?.textContent ?? '';
  const drawn = `${total}\n${rows.map((row) => row.textContent).join('\n')}`;
  return want === undefined || drawn === want ? drawn : null;
}

/** Waits until `read` (run in the page) gives the same answer for `quietMs` in a row. */
async function settledSignature(page: Page, read: (want?: string) => string | null, quietMs: number, limitMs = 300_000): Promise<string> {
  const started = performance.now();
  let last: string | null = null;
  let since = performance.now();
  while (performance.now() - started < limitMs) {
    const now = await page.evaluate(read, undefined);
    if (now !== last) {
      last = now;
      since = performance.now();
    } else if (now !== null && performance.now() - since >= quietMs) return now;
    await page.waitForTimeout(250);
  }
  throw new Error(`the page did not settle within ${limitMs} ms`);
}

const launch = (profile: string) => chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });

function watchErrors(page: Page, log: Log): void {
  page.on('pageerror', (error) => log(`  page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') log(`  page console: ${message.text().slice(0, 300)}`);
  });
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(BENCH_PASSWORD);
  await page.getByTestId('login-submit').click();
}

/** A menu entry by its route (its name alone is ambiguous: 今日 and 今日汇总). */
const menuItem = (page: Page, route: string) => page.locator(`li[role="menuitem"][data-menu-id$="-/${route}"]`);

interface Expected {
  today: string;
  list: string;
}

/** The profile's first start: signs in through 登录, lets the first sync finish, notes what 今日 and 家庭 then show. */
async function firstStart(server: BenchServer, profile: string, username: string, households: number, log: Log): Promise<Expected> {
  const started = performance.now();
  const context = await launch(profile);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    watchErrors(page, log);
    await page.goto(`${server.url}/`);
    await signIn(page, username);
    await page.getByTestId('user-name').waitFor({ timeout: 60_000 });
    // The first sync is over when every kind has arrived (its banner shows, then goes) and nothing is running.
    await page
      .getByTestId('first-sync')
      .waitFor({ timeout: 30_000 })
      .catch(() => log('  (the first sync\'s banner was not seen: over before it was looked for)'));
    await page.getByTestId('first-sync').waitFor({ state: 'hidden', timeout: 1_200_000 });
    await page.getByTestId('sync-running').waitFor({ state: 'hidden', timeout: 120_000 });
    log(`  first start: signed in, first sync done (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    await menuItem(page, 'households').click();
    const list = await settledSignature(page, listSignature, 2000);
    if (!list.includes(households.toLocaleString('zh-CN')) && !list.includes(String(households))) {
      throw new Error(`the household list does not show ${households} households: ${list.split('\n')[0]}`);
    }
    await menuItem(page, 'today').click();
    const today = await settledSignature(page, todaySignature, 3000);
    log(`  今日 as settled: ${today.split('\n').map((card) => card.split(':').slice(0, 2).join(' ')).join(', ')}`);
    log(`  Chromium's browser process (IndexedDB) quiet after ${((await waitForIndexedDbToSettle()) / 1000).toFixed(1)} s`);
    return { today, list };
  } finally {
    await context.close();
  }
}

interface Start {
  launchMs: number;
  loginDrawnMs: number;
  typingMs: number;
  signInToTodayMs: number;
  householdsMs: number;
}

/** One start: new process → 登录 → (typing) → 今日 with its cards → 家庭's first page. */
/** When profiling: what 今日 shows, each time it changes, until it is drawn as expected. */
async function traceToday(page: Page, drawn: Promise<unknown>, since: number, log: Log): Promise<void> {
  let done = false;
  void drawn.finally(() => (done = true));
  let last = '';
  while (!done) {
    const now = await page.evaluate(() => {
      const cards = [...document.querySelectorAll('[data-testid="today-card-count"]')].map((el) => el.textContent).join(',');
      return `${location.hash} cards ${cards || '-'} ${document.querySelector('[data-testid="first-sync"]') ? 'first-sync banner' : ''}`;
    }).catch(() => '');
    if (now !== last) log(`    ${(performance.now() - since).toFixed(0)} ms: ${now}`);
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function measuredStart(server: BenchServer, profile: string, username: string, expected: Expected, run: number, log: Log): Promise<Start> {
  const t0 = performance.now();
  const context: BrowserContext = await launch(profile);
  try {
    const launchMs = performance.now() - t0;
    const page = context.pages()[0] ?? (await context.newPage());
    watchErrors(page, log);
    await page.goto(`${server.url}/`, { waitUntil: 'commit' });
    await page.getByTestId('login-submit').waitFor({ timeout: 60_000 });
    const loginDrawnMs = performance.now() - t0;
    const typed = performance.now();
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(BENCH_PASSWORD);
    const clicked = performance.now();
    await page.getByTestId('login-submit').click();
    await profiled(page, `ui-start-${run}`, log, async () => {
      const drawn = page.waitForFunction(todaySignature, expected.today, { timeout: 120_000, polling: 'raf' });
      if (profiling) await traceToday(page, drawn, clicked, log);
      await drawn;
    });
    const signInToTodayMs = performance.now() - clicked;
    const menu = performance.now();
    await profiled(page, `ui-households-${run}`, log, async () => {
      await menuItem(page, 'households').click();
      await page.waitForFunction(listSignature, expected.list, { timeout: 60_000, polling: 'raf' });
    });
    const householdsMs = performance.now() - menu;
    return { launchMs, loginDrawnMs, typingMs: clicked - typed, signInToTodayMs, householdsMs };
  } finally {
    await context.close();
  }
}

export async function uiColdStartFigures(options: UiColdStartOptions): Promise<Figure[]> {
  const { log } = options;
  const { households, runs } = SIZES[options.mode];
  let started = performance.now();
  await build({
    configFile: path.resolve('renderer/vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: UI_WEB_DIR, emptyOutDir: true, ...(profiling ? { minify: false, sourcemap: true } : {}) },
  });
  log(`the app (renderer) built into ${path.relative(process.cwd(), UI_WEB_DIR)} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  log('starting a throwaway PostgreSQL cluster and the server (npm run server) serving the app…');
  const server = await startBenchServer({ staticDir: UI_WEB_DIR });
  const profile = mkdtempSync(path.join(os.tmpdir(), 'jiuzhu-bench-ui-'));
  try {
    started = performance.now();
    const [user] = await server.createUsers([{ role: 'township', areaCode: `${BENCH_TOWNSHIP}000` }]);
    const data = await generateDataset({ households, villageCodes: townshipVillages(), seed: 7, createdBy: user!.id, searchKeys: server.searchKeys });
    checkDataset(data, options.mode === 'full' ? 20 : 5);
    for (const c of syncedCollections) await server.seed(c, data[c]);
    log(`  seeded township ${BENCH_TOWNSHIP}: ${data.households.length} households, ${datasetSize(data)} documents (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    const expected = await firstStart(server, profile, user!.username, households, log);
    const starts: Start[] = [];
    for (let run = 0; run < runs; run++) {
      const start = await measuredStart(server, profile, user!.username, expected, run + 1, log);
      starts.push(start);
      log(
        `  start ${run + 1}: 登录 drawn ${start.loginDrawnMs.toFixed(0)} ms after launch (process up at ${start.launchMs.toFixed(0)}), typing ${start.typingMs.toFixed(0)} ms (left out), 登录 → 今日 drawn ${start.signInToTodayMs.toFixed(0)} ms; 家庭 → first page ${start.householdsMs.toFixed(0)} ms`,
      );
    }
    const cold = starts.map((s) => s.loginDrawnMs + s.signInToTodayMs);
    const note = `${WHERE}, ${households} households (${datasetSize(data)} documents) pulled by the user's first sync`;
    return [
      {
        name: 'ui_cold_start_ms',
        value: median(cold),
        unit: 'ms',
        target: 1500,
        better: 'lower',
        note: `${note}: launch → 登录 drawn + 登录 → 今日 drawn with its cards (typing left out), median of ${runs} (runs ${cold.map((ms) => ms.toFixed(0)).join(' / ')}; 登录 drawn ${median(starts.map((s) => s.loginDrawnMs)).toFixed(0)}, sign-in → 今日 ${median(starts.map((s) => s.signInToTodayMs)).toFixed(0)})`,
      },
      {
        name: 'ui_household_list_ms',
        value: median(starts.map((s) => s.householdsMs)),
        unit: 'ms',
        target: 300,
        better: 'lower',
        note: `${note}: 家庭 clicked in the menu → the list's first page drawn, right after the cold start, median of ${runs}`,
      },
    ];
  } finally {
    await server.stop();
    rmSync(profile, { recursive: true, force: true });
    rmSync(UI_WEB_DIR, { recursive: true, force: true });
  }
}
