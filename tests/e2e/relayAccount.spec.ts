import { expect } from '@playwright/test';
import { test } from './appLog';
import { chooseOption, signIn } from './support';

/**
 * The county sets up a township relay's account (乡镇中转站, issue 17) in 账号管理 like any other,
 * choosing the role and the township; the account made there signs in as a relay and is served
 * the relay's own route. A township station is not offered the role.
 */
test('the county creates a township relay’s account in 账号管理, and it works as a relay', async ({ page, browser }) => {
  await signIn(page, 'xian');
  await page.getByTestId('menu-admin').click();
  await page.getByTestId('account-new').click();
  await page.getByLabel('姓名').fill('碣石山镇中转站');
  await page.getByLabel('用户名').fill('relay_jieshishan');
  await page.getByLabel('初始密码').fill('relay-pc-2026-pass');
  await chooseOption(page, 'account-role', '乡镇中转站');
  await page.getByTestId('account-area').click();
  await page.keyboard.type('碣石山镇');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  await page.getByTestId('account-submit').click();
  const row = page.getByTestId('account-row').filter({ hasText: 'relay_jieshishan' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('乡镇中转站');

  // The township PC signs in with it and is answered as a relay.
  const login = await page.request.post('/api/v1/auth/login', { data: { username: 'relay_jieshishan', password: 'relay-pc-2026-pass', deviceId: 'relay-pc-e2e' } });
  expect(login.status()).toBe(200);
  const { accessToken, user } = (await login.json()) as { accessToken: string; user: { role: string; areaCode: string } };
  expect(user).toEqual(expect.objectContaining({ role: 'relay', areaCode: '371623102000' }));
  const accounts = await page.request.get('/api/v1/relay/accounts', { headers: { authorization: `Bearer ${accessToken}` } });
  expect(accounts.status()).toBe(200);
  const usernames = ((await accounts.json()) as { accounts: { username: string }[] }).accounts.map((a) => a.username);
  expect(usernames).toEqual(expect.arrayContaining(['xieli_a', 'zhen']));

  // A township station makes accounts for its villages only: no relay among its roles.
  const townshipContext = await browser.newContext();
  const township = await townshipContext.newPage();
  await signIn(township, 'zhen');
  await township.getByTestId('menu-admin').click();
  await township.getByTestId('account-new').click();
  await township.getByTestId('account-role').click();
  await expect(township.locator('.ant-select-dropdown:visible').getByTitle('村级民政协理员', { exact: true })).toBeVisible();
  await expect(township.locator('.ant-select-dropdown:visible').getByTitle('乡镇中转站', { exact: true })).toHaveCount(0);
  await townshipContext.close();
});
