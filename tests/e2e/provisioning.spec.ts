import { execFile } from 'node:child_process';
import { serverProgram } from '../../harness/serverProcess';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from '@playwright/test';
import { test } from './appLog';
import { bearer, apiSignIn } from './serverApi';
import { DEMO_PASSWORD, signIn } from './support';

/**
 * Issue 16's rollout: the county makes a provisioning file with the server command; on the sign-in
 * page of a browser it is imported (导入配置文件), and from then on the page asks only for 用户名 and
 * 密码 — the address shown read-only, 更改服务器 for the helpdesk. A wrong code is refused in words.
 */
const run = promisify(execFile);
let folder: string;
test.beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'jiuzhu-e2e-provisioning-'));
});
test.afterAll(() => rmSync(folder, { recursive: true, force: true }));

test('after importing the county’s provisioning file the sign-in page asks only for username and password, and signs in', async ({ browser, baseURL }) => {
  await run(...serverProgram(['provisioning', '--server-url', baseURL!, '--county', '371623', '--out', folder]), {
    env: { ...process.env, DATABASE_URL: '' },
  });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByLabel('服务器地址')).toBeVisible();

  // A wrong code first: refused, field by field, and nothing changes.
  await page.getByTestId('provisioning-paste').click();
  await page.getByLabel('配置码').fill('{"kind":"jiuzhu-provisioning","version":2,"county":"371623"}');
  await page.getByTestId('provisioning-paste-use').click();
  const problems = page.getByTestId('provisioning-problems');
  await expect(problems).toContainText('版本：配置文件的版本不是本程序能读的（应为 1）');
  await expect(problems).toContainText('服务器列表：缺少这一项');
  await expect(problems).toContainText('县区名称：缺少这一项');
  await expect(page.getByLabel('服务器地址')).toBeVisible();

  // The county's file.
  await page.getByTestId('provisioning-file-input').setInputFiles(path.join(folder, 'jiuzhu-provisioning.json'));
  await expect(page.getByTestId('provisioned-server')).toContainText('无棣县');
  await expect(page.getByTestId('provisioned-server')).toContainText(baseURL!);
  await expect(page.getByLabel('服务器地址')).toHaveCount(0);
  await expect(page.getByTestId('provisioning-import')).toHaveCount(0);
  const form = page.getByRole('form', { name: '救助通' });
  await expect(form.getByRole('textbox')).toHaveCount(2);

  await page.getByLabel('用户名').fill('xieli_a');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-name')).toBeVisible();

  // Kept on this browser: after signing out and a reload, still only username and password.
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('login-submit')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('provisioned-server')).toContainText('无棣县');
  await expect(page.getByLabel('服务器地址')).toHaveCount(0);

  // 更改服务器 (the helpdesk): the address can be typed again.
  await page.getByTestId('change-server').click();
  await expect(page.getByLabel('服务器地址')).toHaveValue(baseURL!);
  await expect(page.getByTestId('provisioning-import')).toBeVisible();
  await context.close();
});

test('the idle time the county sets on the server locks its assistant’s browser after that many idle minutes', async ({ browser, request }) => {
  const county = await apiSignIn(request, 'xian', 'dev-e2e-county-settings');
  const set = (idleMinutes: number | null) => request.post('/api/v1/county-settings', { headers: bearer(county), data: { county: '371623', idleMinutes } });
  expect((await set(1)).status()).toBe(200);
  const context = await browser.newContext();
  try {
    // The page's clock runs on by itself, and is moved on at will below: no test waits a real minute.
    await context.clock.install();
    const page = await context.newPage();
    await signIn(page, 'xieli_a');
    await expect(page.getByTestId('lock-screen')).toHaveCount(0);
    // Nobody touches it for a minute and five seconds: the county's one minute has passed (the
    // demo's default, ten, has not), and the lock screen covers the pages.
    await page.clock.fastForward('01:05');
    await expect(page.getByTestId('lock-screen')).toBeVisible();
  } finally {
    await context.close();
    // Back to the default, for the other specs on this demo server.
    expect((await set(null)).status()).toBe(200);
  }
});
