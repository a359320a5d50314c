import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Browser, type Page } from '@playwright/test';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { PUSH_SIGNATURE_HEADER, signPush } from '../../shared/sync/pushSignature';
import type { TokenResponse } from '../../shared/sync/wire';
import { startThrowawayCluster } from '../../harness/postgresCluster';
import { startServerProcess, type ServerProcess } from '../../harness/serverProcess';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { serverCommand } from '../support/serverCommand';
import { test } from './appLog';
import { DEMO_PASSWORD, fillHouseholdForm, openHouseholds, testIdNumber } from './support';

/**
 * The township relay end to end with three processes (issue 17): the county's server on
 * PostgreSQL (demo data), the station's relay on its own PGlite with a userspace proxy standing for
 * its uplink, and the app in Chromium served by the relay to two laptops at the station — a village
 * assistant's and the township's. The county is cut off and comes back; the laptops show what they
 * see: the server they talk to, what waits for the county, a conflict where it was made, a laptop
 * the county stopped.
 */
const TOWNSHIP = '371623102';
/** 大山东村, xieli_a's village. */
const VILLAGE_A = '371623102200';
const STATIC_DIR = process.env['E2E_STATIC_DIR'] ?? 'out/renderer';

let dir: string;
let cluster: Awaited<ReturnType<typeof startThrowawayCluster>>;
let county: ServerProcess | null = null;
let relay: ServerProcess | null = null;
let uplink: FaultProxy;
let database: pg.Client;
let relaySettings: Record<string, string>;
const relayArgs = () => ['relay', '--upstream', uplink.url, '--area', TOWNSHIP];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dir = mkdtempSync(path.join(tmpdir(), 'jiuzhu-e2e-relay-'));
  cluster = await startThrowawayCluster();
  county = await startServerProcess({ DATABASE_URL: cluster.url, JIUZHU_DEMO: '1', JIUZHU_STATIC_DIR: STATIC_DIR });
  // The county creates the station's relay account, as its operator would.
  const passwordFile = path.join(dir, 'relay-password');
  writeFileSync(passwordFile, 'relay-station-password-2026\n', { mode: 0o600 });
  const added = await serverCommand(
    ['user', 'add', '--username', 'relay_jieshishan', '--role', 'relay', '--area', `${TOWNSHIP}000`, '--name', '碣石山镇中转站', '--password-file', passwordFile],
    { DATABASE_URL: cluster.url },
  );
  expect(added.code, added.output).toBe(0);
  uplink = await startFaultProxy(Number(new URL(county.url).port));
  relaySettings = {
    JIUZHU_DATA_DIR: path.join(dir, 'relay'),
    JIUZHU_RELAY_USERNAME: 'relay_jieshishan',
    JIUZHU_RELAY_PASSWORD_FILE: passwordFile,
    JIUZHU_RELAY_ROUND_SECONDS: '1',
    JIUZHU_STATIC_DIR: STATIC_DIR,
  };
  relay = await startServerProcess(relaySettings, undefined, relayArgs());
  database = new pg.Client({ connectionString: cluster.url });
  await database.connect();
});

test.afterAll(async () => {
  await database?.end();
  await relay?.stop();
  await county?.stop();
  await uplink?.close();
  cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface DeviceKey {
  signer: { userId: string; deviceId: string };
  bundleKey: string;
}

/**
 * A laptop at the station: the app as the relay serves it, its server the relay's own address.
 * Also the device key its sign-in brought, for the test that stands for a tampered laptop.
 */
async function laptopAtStation(browser: Browser, username: string): Promise<{ page: Page; key: DeviceKey }> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${relay!.url}/`);
  await expect(page.locator('#login-server-url')).toHaveValue(relay!.url);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  const answered = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/login'));
  await page.getByTestId('login-submit').click();
  const login = await answered;
  const { deviceId } = JSON.parse(login.request().postData()!) as { deviceId: string };
  const tokens = (await login.json()) as TokenResponse;
  await expect(page.getByTestId('user-name')).toBeVisible();
  return { page, key: { signer: { userId: tokens.user.id, deviceId }, bundleKey: tokens.bundleKey! } };
}

/** Asks the laptop to sync until what it shows holds (the relay's view changes between rounds). */
async function syncUntil(page: Page, check: () => Promise<void>): Promise<void> {
  await expect(async () => {
    await page.getByTestId('sync-now').click();
    await check();
  }).toPass({ timeout: 60_000, intervals: [500, 1_000, 2_000] });
}

const atCounty = async (address: string) =>
  (await database.query<{ id: string; created_by: string }>("SELECT id, data->>'createdBy' AS created_by FROM documents WHERE collection = 'households' AND data->>'address' = $1", [address])).rows;

let village: Page;
let villageKey: DeviceKey;
let township: Page;
let townshipKey: DeviceKey;
const name = '鲁桂香';
const address = '碣石山镇大山东村 3 排 7 号';

test('with the county cut off, the station keeps its villages in sync and shows what waits; when it returns, both laptops see it accepted', async ({ browser }) => {
  ({ page: village, key: villageKey } = await laptopAtStation(browser, 'xieli_a'));
  ({ page: township, key: townshipKey } = await laptopAtStation(browser, 'zhen'));
  const server = village.getByTestId('sync-server');
  await expect(server).toHaveAttribute('data-mode', 'relay');
  await syncUntil(village, () => expect(server).toHaveText('乡镇中转站（县里已连通）', { timeout: 2_000 }));

  uplink.refuse();
  uplink.resetAll();
  await syncUntil(village, () => expect(server).toHaveText('乡镇中转站（县里暂时连不上）', { timeout: 2_000 }));

  await openHouseholds(village);
  await village.getByTestId('household-register').click();
  await fillHouseholdForm(village, address, [{ name, idNumber: testIdNumber('1948-03-09', 81) }]);
  await village.getByTestId('household-submit').click();
  // Handed to the station: nothing left 待同步 on the laptop, but the household waits for the county.
  await expect(village.getByTestId('sync-pending')).toHaveAttribute('data-pending', '0');
  await expect(village.getByTestId('awaiting-county-tag')).toBeVisible();
  await village.getByTestId('menu-sync-centre').click();
  await expect(village.getByTestId('relay-handed-over')).toContainText('已交乡镇中转站，等待县里确认（1条）');
  expect(await atCounty(address)).toEqual([]);

  // The township's laptop at the station has it already, marked as waiting, and 今日汇总 counts it for the village.
  await openHouseholds(township);
  await township.getByTestId('household-search').fill(name);
  const row = township.getByTestId('household-row').filter({ hasText: name });
  await syncUntil(township, () => expect(row.getByTestId('awaiting-county-tag')).toBeVisible({ timeout: 2_000 }));
  await township.getByTestId('menu-end-of-day').click();
  const waitingVillage = township.locator(`[data-testid="relay-village-row"][data-area="${VILLAGE_A}"]`);
  await expect(waitingVillage.getByTestId('relay-village-count')).toHaveText('1');
  await expect(waitingVillage).toContainText('大山东村');

  // The county comes back: the station carries the batch up as the assistant's, once.
  uplink.allow();
  await expect.poll(async () => (await atCounty(address)).length, { timeout: 60_000 }).toBe(1);
  const [stored] = await atCounty(address);
  const assistant = (await database.query<{ id: string }>("SELECT id FROM users WHERE username = 'xieli_a'")).rows[0]!;
  expect(stored!.created_by).toBe(assistant.id);

  await village.getByTestId('sync-centre-now').click();
  await syncUntil(village, () => expect(village.getByTestId('relay-handed-over')).toHaveCount(0, { timeout: 2_000 }));
  await expect(server).toHaveText('乡镇中转站（县里已连通）');
  await openHouseholds(village);
  await village.getByTestId('household-search').fill(name);
  await expect(village.getByTestId('household-row').filter({ hasText: name })).toBeVisible();
  await expect(village.getByTestId('awaiting-county-tag')).toHaveCount(0);

  await openHouseholds(township);
  await township.getByTestId('household-search').fill(name);
  await syncUntil(township, () => expect(township.getByTestId('household-row').filter({ hasText: name }).getByTestId('awaiting-county-tag')).toHaveCount(0, { timeout: 2_000 }));
  await expect(township.getByTestId('household-row').filter({ hasText: name })).toBeVisible();
});

test('a change the county made meanwhile wins where the village changed the same household at the station: the conflict shows on the laptop that made it', async () => {
  const [stored] = await atCounty(address);
  uplink.refuse();
  uplink.resetAll();
  // At the station, offline from the county: the assistant corrects the address.
  await village.getByTestId('household-row').filter({ hasText: name }).click();
  await village.getByTestId('household-edit').click();
  await village.getByTestId('household-address').fill('碣石山镇大山东村 3 排 9 号');
  await village.getByTestId('household-submit').click();
  await expect(village.getByTestId('awaiting-county-tag')).toBeVisible();

  // Meanwhile at the county's server, the township corrects it differently (another laptop, signed in there).
  const login = await fetch(`${county!.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'zhen', password: DEMO_PASSWORD, deviceId: 'dev-township-office-pc' }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const master = (await database.query<{ data: Record<string, unknown> }>("SELECT data FROM documents WHERE collection = 'households' AND id = $1", [stored!.id])).rows[0]!.data;
  const push = await fetch(`${county!.url}/api/v1/sync/households/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify([{ assumedMasterState: { ...master, _deleted: false }, newDocumentState: { ...master, address: '碣石山镇大山东村 4 排 2 号', updatedAt: Number(master['updatedAt']) + 1000, _deleted: false } }]),
  });
  expect(await push.json()).toEqual({ conflicts: [] });

  uplink.allow();
  await village.getByTestId('menu-sync-centre').click();
  await syncUntil(village, () => expect(village.getByTestId('conflict-card')).toHaveCount(1, { timeout: 2_000 }));
  await expect(village.getByTestId('conflict-local').first()).toHaveText('碣石山镇大山东村 3 排 9 号');
  await expect(village.getByTestId('conflict-remote').first()).toHaveText('碣石山镇大山东村 4 排 2 号');
  await expect(village.getByTestId('relay-handed-over')).toHaveCount(0);
});

test('a change the county refuses comes back refused to the laptop that made it, in words, and what was typed is kept', async () => {
  // A tampered laptop: its household pushes also set the 城乡属性 (which sets the 低保 standard and
  // only the township may set), signed with its own device key, so the station cannot tell.
  await village.route('**/api/v1/sync/households/push', async (route) => {
    const request = route.request();
    const sent = request.headers()['content-encoding'] === 'gzip' ? gunzipSync(request.postDataBuffer()!).toString('utf8') : request.postData()!;
    const rows = (JSON.parse(sent) as { newDocumentState: Record<string, unknown> }[]).map((row) => ({ ...row, newDocumentState: { ...row.newDocumentState, residence: 'urban' } }));
    const { 'content-encoding': _encoding, 'content-length': _length, ...headers } = request.headers();
    const signature = await signPush(villageKey.bundleKey, villageKey.signer, 'households', rows);
    await route.continue({ postData: JSON.stringify(rows), headers: { ...headers, [PUSH_SIGNATURE_HEADER]: signature } });
  });
  uplink.refuse();
  uplink.resetAll();
  await openHouseholds(village);
  await village.getByTestId('household-search').fill(name);
  await village.getByTestId('household-row').filter({ hasText: name }).click();
  await village.getByTestId('household-edit').click();
  await village.getByTestId('household-address').fill('碣石山镇大山东村 5 排 1 号');
  await village.getByTestId('household-submit').click();
  await expect(village.getByTestId('awaiting-county-tag')).toBeVisible();
  await village.unroute('**/api/v1/sync/households/push');

  uplink.allow();
  await village.getByTestId('menu-sync-centre').click();
  await syncUntil(village, () => expect(village.getByTestId('relay-refusal')).toContainText('城乡属性', { timeout: 2_000 }));
  await expect(village.getByTestId('conflict-local').filter({ hasText: '碣石山镇大山东村 5 排 1 号' })).toHaveCount(1);
  // The household shows what the county holds again.
  await openHouseholds(village);
  await village.getByTestId('household-search').fill(name);
  await village.getByTestId('household-row').filter({ hasText: name }).click();
  await expect(village.getByTestId('household-summary')).toContainText('碣石山镇大山东村 4 排 2 号');
  expect((await database.query("SELECT 1 FROM documents WHERE collection = 'households' AND data->>'address' = '碣石山镇大山东村 5 排 1 号'")).rows).toEqual([]);
});

test('a laptop the county stops is refused at the station after the relay’s next round', async () => {
  await database.query("UPDATE devices SET revoked_at = now() WHERE user_id = (SELECT id FROM users WHERE username = 'xieli_a')");
  await syncUntil(village, () => expect(village.getByTestId('sync-error')).toContainText('这台电脑（或您的账号）已被停用', { timeout: 2_000 }));
  // The township's laptop at the same station goes on.
  await township.getByTestId('sync-now').click();
  await expect(township.getByTestId('sync-error')).toBeHidden();
  await village.context().close();
});

test('the relay killed while it carries a batch up, and started again, loses and doubles nothing', async () => {
  const [stored] = await atCounty('碣石山镇大山东村 4 排 2 号');
  uplink.refuse();
  uplink.resetAll();
  await openHouseholds(township);
  await township.getByTestId('household-search').fill(name);
  await township.getByTestId('household-row').filter({ hasText: name }).click();
  await township.getByTestId('household-edit').click();
  await township.getByTestId('household-address').fill('碣石山镇大山东村 6 排 3 号');
  await township.getByTestId('household-submit').click();
  await expect(township.getByTestId('awaiting-county-tag')).toBeVisible();

  // The county comes back; the station dies (SIGKILL) the moment the county has taken the batch,
  // before or after it could keep the answer.
  const port = Number(new URL(relay!.url).port);
  uplink.allow();
  await expect.poll(async () => (await atCounty('碣石山镇大山东村 6 排 3 号')).length, { timeout: 60_000, intervals: [20] }).toBe(1);
  await relay!.stop('SIGKILL');
  relay = await startServerProcess(relaySettings, port, relayArgs());

  await township.getByTestId('menu-sync-centre').click();
  await syncUntil(township, () => expect(township.getByTestId('relay-handed-over')).toHaveCount(0, { timeout: 2_000 }));
  // Stored once, as the township's own change from its laptop: a batch carried up again stores nothing new.
  const changes = await database.query("SELECT 1 FROM audit_log WHERE document_id = $1 AND device_id = $2 AND action = 'change'", [stored!.id, townshipKey.signer.deviceId]);
  expect(changes.rows).toHaveLength(1);
  expect(await atCounty('碣石山镇大山东村 6 排 3 号')).toEqual([{ id: stored!.id, created_by: stored!.created_by }]);
  await township.context().close();
});
