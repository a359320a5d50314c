import { expect, type Page } from '@playwright/test';
import { test } from './appLog';
import { chinaToday } from '../../shared/domain/chinaTime';
import { expectAllSynced, fillHouseholdForm, signIn, testIdNumber } from './support';

/**
 * 今日汇总 end to end: the township opens its end-of-day report, the village assistant registers
 * a household and it reaches the server, and the township's refreshed report shows that village
 * with one more record today, its assistant online today. Offline, the page says it needs the network.
 */

/** 大山东村, xieli_a's village (the first village of 碣石山镇). Playwright cannot load the area list (JSON). */
const VILLAGE_A = '371623102200';
const year = Number(chinaToday().slice(0, 4));

async function openReport(page: Page): Promise<void> {
  await page.getByTestId('menu-end-of-day').click();
  await expect(page).toHaveURL(/#\/end-of-day$/);
  await expect(page.getByTestId('eod-report')).toBeVisible();
}

const villageRow = (page: Page) => page.getByTestId(`eod-village-${VILLAGE_A}`);

test('the township sees today’s arrivals of the village that just sent, and is told when it needs the network', async ({ browser }) => {
  const township = await browser.newContext();
  const t = await township.newPage();
  await signIn(t, 'zhen');
  await openReport(t);
  await expect(t.getByRole('heading', { name: '今日汇总' })).toBeVisible();
  await expect(t.getByTestId('eod-report')).toHaveAttribute('data-date', chinaToday());
  const before = Number(await villageRow(t).getAttribute('data-received'));
  const totalBefore = Number(await t.getByTestId('eod-total-received').getAttribute('data-value'));

  // The village assistant registers a household, online.
  const village = await browser.newContext();
  const a = await village.newPage();
  await signIn(a, 'xieli_a');
  await expectAllSynced(a);
  await a.getByRole('menuitem', { name: '家庭' }).click();
  await a.getByTestId('household-register').click();
  await fillHouseholdForm(a, '碣石山镇一村 汇总 1 号', [{ name: '邵汇总甲', idNumber: testIdNumber(`${year - 45}-06-11`, 81) }]);
  await a.getByTestId('household-submit').click();
  await expect(a.getByTestId('household-summary')).toBeVisible();
  await expectAllSynced(a);

  // The township refreshes: the village has one more record today, and its assistant was online today.
  await t.getByTestId('eod-refresh').click();
  await expect(villageRow(t)).toHaveAttribute('data-received', String(before + 1));
  await expect(t.getByTestId('eod-total-received')).toHaveAttribute('data-value', String(totalBefore + 1));
  await expect(villageRow(t)).toContainText('家庭');
  const assistant = villageRow(t).getByTestId('eod-assistant').filter({ hasText: '王秀兰' });
  await expect(assistant).toHaveAttribute('data-stale', 'false');
  await expect(assistant).toContainText('今天联网过');
  await t.screenshot({ path: test.info().outputPath('end-of-day-township.png'), fullPage: true });

  // Another day's report counts that day's arrivals only.
  await t.getByTestId('eod-date').click();
  await t.keyboard.press('Control+A');
  await t.keyboard.type('2020-01-02');
  await t.keyboard.press('Enter');
  await expect(t.getByTestId('eod-report')).toHaveAttribute('data-date', '2020-01-02');
  await expect(villageRow(t)).toHaveAttribute('data-received', '0');

  // Without the network the page says plainly that it needs it, and points to what this laptop has.
  await township.setOffline(true);
  await t.getByTestId('eod-refresh').click();
  await expect(t.getByTestId('eod-error')).toHaveAttribute('data-error', 'offline');
  await expect(t.getByTestId('eod-error')).toContainText('没有网络');
  await expect(t.getByTestId('eod-local-link')).toBeVisible();
  await township.setOffline(false);
  await t.getByTestId('eod-refresh').click();
  await expect(t.getByTestId('eod-report')).toBeVisible();

  // A village assistant has no such page.
  await expect(a.getByTestId('menu-end-of-day')).toHaveCount(0);
  await Promise.all([township.close(), village.close()]);
});
