import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from '@playwright/test';
import { freePort } from '../../harness/postgresCluster';
import { startServerProcess, type ServerProcess, serverProgram } from '../../harness/serverProcess';
import { test } from './appLog';
import { apiSignIn, bearer } from './serverApi';
import { DEMO_PASSWORD } from './support';

/**
 * Issue 17: the county's provisioning file names its server and 碣石山镇's relay. At the township
 * station the app is opened from the relay (a real `npm run server -- relay` process beside the
 * end-to-end county server); the sign-in page offers both as cards, the county's chosen at first.
 * The assistant picks the station, signs in there — the sign-in goes to the relay, never to the
 * county — and the choice is still there at the next sign-in.
 */
const run = promisify(execFile);
const TOWNSHIP = '371623102';
const RELAY_PASSWORD = 'relay-pc-choice-2026';
let folder: string;
let relay: ServerProcess;

test.beforeAll(async ({ request, baseURL }) => {
  folder = mkdtempSync(path.join(tmpdir(), 'jiuzhu-e2e-relay-choice-'));
  // The county makes the station's relay account (as in 账号管理), then the station starts its relay.
  const username = `relay_choice_${randomBytes(4).toString('hex')}`;
  const county = await apiSignIn(request, 'xian', 'dev-e2e-relay-choice');
  const made = await request.post('/api/v1/admin/users', {
    headers: bearer(county),
    data: { username, password: RELAY_PASSWORD, role: 'relay', areaCode: `${TOWNSHIP}000`, displayName: '碣石山镇中转站' },
  });
  expect(made.status()).toBe(201);
  writeFileSync(path.join(folder, 'relay-password'), `${RELAY_PASSWORD}\n`, { mode: 0o600 });
  relay = await startServerProcess(
    {
      JIUZHU_DATA_DIR: path.join(folder, 'relay-data'),
      JIUZHU_RELAY_USERNAME: username,
      JIUZHU_RELAY_PASSWORD_FILE: path.join(folder, 'relay-password'),
      // The station serves the app to its browsers, as the county's server does.
      JIUZHU_STATIC_DIR: path.resolve(process.env['E2E_STATIC_DIR'] ?? 'out/renderer'),
    },
    undefined,
    ['relay', '--upstream', baseURL!, '--area', TOWNSHIP],
  );
  await run(
    ...serverProgram(['provisioning', '--server-url', baseURL!, '--county', '371623', '--out', folder, '--relay-url', relay.url, '--relay-name', '碣石山镇中转站']),
    { env: { ...process.env, DATABASE_URL: '' } },
  );
});

test.afterAll(async () => {
  await relay?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test('with the county’s server and the station’s relay in the file, the assistant chooses the station and signs in there; the choice is kept', async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const signIns: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/v1/auth/login')) signIns.push(new URL(request.url()).origin);
  });
  await page.goto(relay.url);
  await page.getByTestId('provisioning-file-input').setInputFiles(path.join(folder, 'jiuzhu-provisioning.json'));

  // Two large cards, in words; the county's server chosen until someone chooses otherwise.
  const countyCard = page.getByRole('radio', { name: /无棣县民政局/ });
  const stationCard = page.getByRole('radio', { name: /碣石山镇中转站/ });
  await expect(page.getByTestId('server-choice')).toContainText('连接哪个服务器');
  await expect(page.getByTestId('server-choice')).toContainText('县级服务器');
  await expect(page.getByTestId('server-choice')).toContainText('乡镇中转站');
  await expect(page.getByTestId('server-choice')).toContainText(relay.url);
  await expect(countyCard).toBeChecked();
  await expect(stationCard).not.toBeChecked();
  // The station answers its health check: its card says so.
  await expect(page.getByTestId('server-option').filter({ hasText: '碣石山镇中转站' }).getByTestId('server-reach')).toHaveText('可连接');
  await expect(page.getByLabel('服务器地址')).toHaveCount(0);

  await stationCard.check();
  await expect(stationCard).toBeChecked();
  await expect(countyCard).not.toBeChecked();
  await page.getByLabel('用户名').fill('xieli_a');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  const answer = page.waitForResponse((response) => response.url() === `${relay.url}/api/v1/auth/login`);
  await page.getByTestId('login-submit').click();
  expect((await answer).status()).toBe(200);
  await expect(page.getByTestId('user-name')).toBeVisible();
  expect(signIns).toEqual([relay.url]);
  expect(signIns).not.toContain(new URL(baseURL!).origin);

  // Signed out and the page opened again: the station is still the one chosen.
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('login-submit')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('radio', { name: /碣石山镇中转站/ })).toBeChecked();
  await expect(page.getByRole('radio', { name: /无棣县民政局/ })).not.toBeChecked();
  await context.close();
});

test('without a provisioning file, the station’s address typed on the sign-in page signs in there as well', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(relay.url);
  await page.getByLabel('服务器地址').fill(relay.url);
  await page.getByLabel('用户名').fill('xieli_b');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  const answer = page.waitForResponse((response) => response.url() === `${relay.url}/api/v1/auth/login`);
  await page.getByTestId('login-submit').click();
  expect((await answer).status()).toBe(200);
  await expect(page.getByTestId('user-name')).toBeVisible();
  await context.close();
});

test('a station that does not answer is marked 连不上 but never stops the sign-in: it is tried, says so in words, and the county’s server works', async ({ browser, baseURL }) => {
  // The county's browser page (its own server reachable), with a station whose PC is off.
  const out = path.join(folder, 'station-off');
  const stationOff = `http://127.0.0.1:${await freePort()}`;
  await run(
    ...serverProgram(['provisioning', '--server-url', baseURL!, '--county', '371623', '--out', out, '--relay-url', stationOff, '--relay-name', '马山子镇中转站']),
    { env: { ...process.env, DATABASE_URL: '' } },
  );
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await page.getByTestId('provisioning-file-input').setInputFiles(path.join(out, 'jiuzhu-provisioning.json'));
  const reachOf = (name: string) => page.getByTestId('server-option').filter({ hasText: name }).getByTestId('server-reach');
  await expect(reachOf('无棣县民政局')).toHaveText('可连接');
  await expect(reachOf('马山子镇中转站')).toHaveText('连不上');

  await page.getByRole('radio', { name: /马山子镇中转站/ }).check();
  await page.getByLabel('用户名').fill('xieli_a');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toContainText('也可以在上面换一个服务器再试');

  await page.getByRole('radio', { name: /无棣县民政局/ }).check();
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-name')).toBeVisible();
  await context.close();
});
