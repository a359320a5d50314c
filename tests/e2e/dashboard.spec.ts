import { expect, type Page } from '@playwright/test';
import { test } from './appLog';
import { chinaToday } from '../../shared/domain/chinaTime';
import { expectAllSynced, fillHouseholdForm, householdRows, signIn, testIdNumber } from './support';

/**
 * 统计 end to end: households registered in a village show up in the township's dashboard
 * (本机数据), the county sees the same figures from the server's SQL aggregates (服务器汇总), every
 * one of them, and a figure opens exactly the records behind it.
 */

const JIESHISHAN = '371623102';
/** 大山东村, the demo assistant xieli_a's village (the first village of 碣石山镇). Playwright cannot load the area list (JSON). */
const VILLAGE_A = '371623102200';
const dashboardGroups = ['tekun', 'dibao', 'dibaoEdge', 'rigidExpenditure'] as const;
const today = chinaToday();
const year = Number(today.slice(0, 4));

/** The figure of a chart's row, read off the accessible table under the chart. */
async function figure(page: Page, chart: string, key: string): Promise<number> {
  const row = page.getByTestId(`figure-${chart}-${key}`);
  await expect(row).toBeVisible();
  return Number(await row.getAttribute('data-value'));
}

async function groupFigures(page: Page): Promise<Record<string, number>> {
  const entries = await Promise.all(dashboardGroups.map(async (group) => [group, await figure(page, 'group', group)] as const));
  const totals = await Promise.all(
    ['households', 'people'].map(async (key) => [key, Number(await page.getByTestId(`total-${key}`).getAttribute('data-value'))] as const),
  );
  return Object.fromEntries([...entries, ...totals]);
}

/** Every figure on the page — each chart's table rows and the totals — as test id → the row's text. */
async function everyFigure(page: Page): Promise<Record<string, string>> {
  return page.$$eval('[data-testid^="figure-"], [data-testid^="total-"]', (nodes) =>
    Object.fromEntries(nodes.map((node) => [node.getAttribute('data-testid'), `${node.getAttribute('data-value')}|${node.textContent}`])),
  );
}

async function openDashboard(page: Page): Promise<void> {
  await page.getByTestId('menu-dashboard').click();
  await expect(page.getByTestId('dashboard-figures')).toBeVisible();
}

test('the township’s figures match the records, the county sees the same from the server, a figure opens its list', async ({ browser }) => {
  const villageCode = VILLAGE_A;
  const households = [
    { address: '碣石山镇一村 统计 1 号', member: { name: '邵统计甲', idNumber: testIdNumber(`${year - 70}-03-01`, 71) } },
    { address: '碣石山镇一村 统计 2 号', member: { name: '邵统计乙', idNumber: testIdNumber(`${year - 12}-05-09`, 72) } },
  ];

  const township = await browser.newContext();
  const t = await township.newPage();
  await signIn(t, 'zhen');
  await expectAllSynced(t);
  await openDashboard(t);
  await expect(t.getByTestId('dashboard-source')).toHaveAttribute('data-source', 'local');
  await expect(t.getByTestId('dashboard-source')).toHaveText('本机数据');
  // Read once the township's demo households are counted, not the empty figures before the local query answers.
  await expect(t.getByTestId('figure-group-rigidExpenditure')).not.toHaveAttribute('data-value', '0');
  await expect(t.getByTestId('total-households')).not.toHaveAttribute('data-value', '0');
  const before = await groupFigures(t);
  const villageBefore = await figure(t, 'area', villageCode);

  // The village registers two 刚性支出困难 households, online.
  const village = await browser.newContext();
  const a = await village.newPage();
  await signIn(a, 'xieli_a');
  await expectAllSynced(a);
  for (const household of households) {
    await a.getByRole('menuitem', { name: '家庭' }).click();
    await a.getByTestId('household-register').click();
    await fillHouseholdForm(a, household.address, [household.member]);
    await a.getByTestId('household-category-rigidExpenditure').check();
    await a.getByTestId('household-submit').click();
    await expect(a.getByText('已保存在本机，联网后自动上传').first()).toBeVisible();
    await expect(a.getByTestId('household-summary')).toBeVisible();
  }
  await expectAllSynced(a);

  // The township's open dashboard counts them once they arrive, without a reload.
  await expect(t.getByTestId('figure-group-rigidExpenditure')).toHaveAttribute('data-value', String(before['rigidExpenditure']! + 2));
  await expect(t.getByTestId('total-households')).toHaveAttribute('data-value', String(before['households']! + 2));
  await expect(t.getByTestId('total-people')).toHaveAttribute('data-value', String(before['people']! + 2));
  await expect(t.getByTestId(`figure-area-${villageCode}`)).toHaveAttribute('data-value', String(villageBefore + 2));
  const local = await groupFigures(t);
  expect(local).toEqual({ ...before, rigidExpenditure: before['rigidExpenditure']! + 2, households: before['households']! + 2, people: before['people']! + 2 });
  await expect(t.getByTestId('chart-group').locator('canvas')).toBeVisible();
  await t.screenshot({ path: test.info().outputPath('dashboard-township.png'), fullPage: true });

  // The township may compare with the server's totals: the same figures.
  await t.getByTestId('dashboard-source-switch').click();
  await expect(t.getByTestId('dashboard-source')).toHaveText('服务器汇总');
  await expect(t.getByTestId('figure-group-rigidExpenditure')).toHaveAttribute('data-value', String(local['rigidExpenditure']));
  expect(await groupFigures(t)).toEqual(local);
  await t.getByTestId('dashboard-source-switch').click();
  await expect(t.getByTestId('dashboard-source')).toHaveAttribute('data-source', 'local');

  // The county asks the server; narrowed to the township it sees the township's figures.
  const county = await browser.newContext();
  const c = await county.newPage();
  await signIn(c, 'xian');
  await openDashboard(c);
  await expect(c.getByTestId('dashboard-source')).toHaveAttribute('data-source', 'server');
  await expect(c.getByTestId('dashboard-source')).toHaveText('服务器汇总');
  expect(await figure(c, 'group', 'rigidExpenditure')).toBeGreaterThanOrEqual(local['rigidExpenditure']!);
  await c.getByTestId(`figure-area-${JIESHISHAN}`).click();
  await expect(c.getByTestId('dashboard-figures')).toHaveAttribute('data-scope', JIESHISHAN);
  await expect(c.getByTestId('figure-group-rigidExpenditure')).toHaveAttribute('data-value', String(local['rigidExpenditure']));
  expect(await groupFigures(c)).toEqual(local);
  // Every figure, not only the groups — ages, circles, villages, statuses, deadlines, visits, care
  // needs: the county's SQL aggregates equal what the township's laptop computes for the same area.
  const townshipFigures = await everyFigure(t);
  expect(Object.keys(townshipFigures).length).toBeGreaterThan(30);
  expect(await everyFigure(c)).toEqual(townshipFigures);
  await c.screenshot({ path: test.info().outputPath('dashboard-county.png'), fullPage: true });

  // A figure opens exactly the records behind it: the township's list of 刚性支出困难 households.
  await t.getByTestId('figure-group-rigidExpenditure').click();
  await expect(t).toHaveURL(/#\/households\?category=rigidExpenditure$/);
  await expect(householdRows(t)).toHaveCount(local['rigidExpenditure']!);
  for (const household of households) await expect(householdRows(t).filter({ hasText: household.member.name })).toHaveCount(1);

  // And for the county, once its own copy has the records.
  await expectAllSynced(c);
  await c.getByTestId('figure-group-rigidExpenditure').click();
  await expect(c).toHaveURL(/#\/households\?category=rigidExpenditure$/);
  await expect(householdRows(c)).toHaveCount(local['rigidExpenditure']!);
  for (const household of households) await expect(householdRows(c).filter({ hasText: household.member.name })).toHaveCount(1);

  await Promise.all([township.close(), village.close(), county.close()]);
});
