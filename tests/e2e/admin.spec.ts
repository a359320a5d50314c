import { expect } from '@playwright/test';
import { test } from './appLog';
import { expectAllSynced, openHouseholds, signIn } from './support';

/**
 * Account administration at the township: the station creates an assistant for one of its
 * villages, who signs in and sees that village only; revoking the assistant's laptop ends its sync.
 */
test('a township creates an assistant who sees one village only, and revoking the laptop ends its sync', async ({ browser }) => {
  // The third village of 碣石山镇 (shared/areas): Playwright's loader cannot import the areas' JSON.
  const village = { code: '371623102202', name: '大山西村', label: '无棣县 碣石山镇 大山西村' };
  const townshipContext = await browser.newContext();
  const assistantContext = await browser.newContext();
  const township = await townshipContext.newPage();
  const assistant = await assistantContext.newPage();

  await signIn(township, 'zhen');
  await township.getByTestId('menu-admin').click();
  await township.getByTestId('account-new').click();
  await township.getByLabel('姓名').fill('孟庆芳');
  await township.getByLabel('用户名').fill('meng_qf');
  await township.getByLabel('初始密码').fill('short');
  await township.getByTestId('account-submit').click();
  await expect(township.getByText('密码至少8位')).toBeVisible();
  await township.getByLabel('初始密码').fill('meng-2026-pass');
  await township.getByTestId('account-area').click();
  await township.keyboard.type(village.name);
  await township.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  await township.getByTestId('account-submit').click();
  await expect(township.getByTestId('account-row').filter({ hasText: 'meng_qf' })).toBeVisible();

  // The new assistant signs in on her own laptop and sees her village's households only.
  await assistant.goto('/');
  await assistant.getByLabel('用户名').fill('meng_qf');
  await assistant.getByLabel('密码', { exact: true }).fill('meng-2026-pass');
  await assistant.getByTestId('login-submit').click();
  await expect(assistant.getByTestId('user-area')).toHaveText(village.label);
  await expectAllSynced(assistant);
  await openHouseholds(assistant);
  const villageCells = assistant.getByTestId('household-row').locator('td:nth-child(3)');
  await expect(villageCells.first()).toBeVisible();
  const count = await villageCells.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) await expect(villageCells.nth(i)).toHaveText(village.label);

  // The township revokes her laptop: its next sync is refused and the app says so.
  await township.reload();
  const row = township.getByTestId('account-row').filter({ hasText: 'meng_qf' });
  await row.getByTestId('device-revoke').click();
  await township.getByRole('button', { name: '停用这台电脑' }).last().click();
  await expect(row.getByText('已停用')).toBeVisible();
  await assistant.getByTestId('sync-now').click();
  await expect(assistant.getByTestId('sync-error')).toBeVisible();
  await expect(assistant.getByTestId('sync-error')).toContainText('这台电脑（或您的账号）已被停用');

  await Promise.all([townshipContext.close(), assistantContext.close()]);
});
