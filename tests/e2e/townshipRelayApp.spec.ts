import { expect, type Page } from '@playwright/test';
import { test } from './appLog';
import { DEMO_PASSWORD, fillHouseholdForm, testIdNumber } from './support';
import { startRelayDouble, type RelayDouble } from '../support/relayDouble';

/**
 * The app at a township relay (issue 17), in Chromium: the sync indicator names the server and the
 * county's reachability, a household handed to the relay says 待县里确认 until the county stores it,
 * the sync centre counts what waits and shows a refusal's words, 今日汇总 lists each village's
 * waiting records. The relay here is a TEST DOUBLE (tests/support/relayDouble.ts) in front of the
 * real central server, until the lead's integration test with the real relay replaces it.
 */

/** 大山东村, xieli_a's village. */
const VILLAGE_A = '371623102200';

/** The app as the relay hands it out (the central server's build, passed through): its own origin is the relay's. */
async function signInAt(page: Page, serverUrl: string, username: string): Promise<void> {
  await page.goto(`${serverUrl}/`);
  await expect(page.locator('#login-server-url')).toHaveValue(serverUrl);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-name')).toBeVisible();
}

let relay: RelayDouble;
test.beforeAll(async ({ baseURL }) => {
  relay = await startRelayDouble(baseURL!);
});
test.afterAll(async () => {
  await relay?.close();
});

test('a village laptop at the relay: 乡镇中转站 in the indicator, 待县里确认 until the county stores, a refusal’s words', async ({ browser }) => {
  const context = await browser.newContext();
  const village = await context.newPage();
  await signInAt(village, relay.url, 'xieli_a');
  const server = village.getByTestId('sync-server');
  await expect(server).toHaveAttribute('data-mode', 'relay');
  await expect(server).toHaveText('乡镇中转站（县里暂时连不上）');

  const name = '鲁桂香';
  await village.getByRole('menuitem', { name: '家庭' }).click();
  await village.getByTestId('household-register').click();
  await fillHouseholdForm(village, '碣石山镇大山东村 3 排 7 号', [{ name, idNumber: testIdNumber('1948-03-09', 81) }]);
  await village.getByTestId('household-submit').click();
  // Handed to the relay: nothing 待同步, but the household waits for the county.
  await expect(village.getByTestId('sync-pending')).toHaveAttribute('data-pending', '0');
  await expect(village.getByTestId('awaiting-county-tag')).toBeVisible();
  await village.getByTestId('menu-sync-centre').click();
  await expect(village.getByTestId('relay-handed-over')).toContainText('已交乡镇中转站，等待县里确认（1条）');

  // The county comes back and stores it: the tag and the count go.
  relay.upstreamReachable = true;
  const [firstBatch] = [...relay.batches.keys()];
  expect((await relay.forward(firstBatch!)).state).toBe('stored');
  await village.getByTestId('sync-centre-now').click();
  await expect(village.getByTestId('relay-handed-over')).toHaveCount(0);
  await expect(server).toHaveText('乡镇中转站（县里已连通）');
  await village.getByRole('menuitem', { name: '家庭' }).click();
  await village.getByTestId('household-search').fill(name);
  await expect(village.getByTestId('household-row').filter({ hasText: name })).toBeVisible();
  await expect(village.getByTestId('awaiting-county-tag')).toHaveCount(0);

  // A change the county refuses (the double answers as the county would): the words and the record to check.
  await village.getByTestId('household-row').filter({ hasText: name }).click();
  await village.getByTestId('household-edit').click();
  await village.getByTestId('household-address').fill('碣石山镇大山东村 3 排 9 号');
  await village.getByTestId('household-submit').click();
  await expect.poll(() => relay.batches.size).toBe(2);
  const second = [...relay.batches.keys()][1]!;
  relay.batches.get(second)!.outcome = {
    batchId: second,
    state: 'refused',
    conflicts: [],
    error: { code: 'field_not_allowed', message: '村级协理员不能修改“家庭登记信息”' },
  };
  await village.getByTestId('menu-sync-centre').click();
  await village.getByTestId('sync-centre-now').click();
  await expect(village.getByTestId('relay-refusal')).toContainText('村级协理员不能修改“家庭登记信息”');
  await expect(village.getByTestId('conflict-card')).toHaveCount(1);
  await expect(village.getByTestId('conflict-local').first()).toHaveText('碣石山镇大山东村 3 排 9 号');
  await expect(village.getByTestId('conflict-remote').first()).toHaveText('碣石山镇大山东村 3 排 7 号');
  await village.getByTestId('relay-refusal-dismiss').click();
  await expect(village.getByTestId('relay-refusal')).toHaveCount(0);
  await expect(village.getByTestId('conflict-card')).toHaveCount(1);
  // The household shows what the county holds again.
  await village.getByRole('menuitem', { name: '家庭' }).click();
  await village.getByTestId('household-search').fill(name);
  await village.getByTestId('household-row').filter({ hasText: name }).click();
  await expect(village.getByTestId('household-summary')).toContainText('碣石山镇大山东村 3 排 7 号');
  await context.close();
});

test('the township’s 今日汇总 at the relay shows what waits there per village, and its list tags another laptop’s waiting household', async ({ browser }) => {
  relay.pending = { documents: [], villages: [{ areaCode: VILLAGE_A, count: 3, oldestAt: Date.now() - 3_600_000 }] };
  const context = await browser.newContext();
  const township = await context.newPage();
  await signInAt(township, relay.url, 'zhen');
  await township.getByTestId('menu-end-of-day').click();
  const row = township.getByTestId('relay-village-row');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-area', VILLAGE_A);
  await expect(row.getByTestId('relay-village-count')).toHaveText('3');
  await expect(row).toContainText('大山东村');

  // Another laptop's household waiting at the station carries 待县里确认 in the township's list too.
  await township.getByRole('menuitem', { name: '家庭' }).click();
  const first = township.getByTestId('household-row').first();
  await expect(first).toBeVisible();
  const id = (await first.getAttribute('data-row-key'))!;
  expect(id).toBeTruthy();
  await expect(township.getByTestId('awaiting-county-tag')).toHaveCount(0);
  relay.pending = { ...relay.pending, documents: [{ collection: 'households', id, areaCode: VILLAGE_A, since: Date.now() }] };
  await township.getByTestId('sync-now').click();
  await expect(township.locator(`[data-row-key="${id}"]`).getByTestId('awaiting-county-tag')).toBeVisible();
  await expect(township.getByTestId('awaiting-county-tag')).toHaveCount(1);
  await context.close();
});
