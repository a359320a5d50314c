import ExcelJS from 'exceljs';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { test } from './appLog';
import { apiSignIn, pullEverything } from './serverApi';
import { expectAllSynced, householdRows, openHouseholds, signIn } from './support';

const PAGE_SIZE = 20;

interface ServerHousehold {
  id: string;
  updatedAt: number;
  members: { name: string; relation: string }[];
  archived?: unknown;
}

/**
 * What the township's list should hold, from the server rather than from the app: every live,
 * unarchived household of 碣石山镇, newest first (then by id).
 */
async function townshipHouseholds(request: APIRequestContext): Promise<ServerHousehold[]> {
  const session = await apiSignIn(request, 'zhen', 'e2e-paging-township-0001');
  return (await pullEverything<ServerHousehold>(request, session, 'households'))
    .filter((doc) => doc.archived === undefined)
    .sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const headName = (household: ServerHousehold) => (household.members.find((m) => m.relation === 'head') ?? household.members[0])?.name ?? '';

/** The 户主 column of the rows the table shows. */
const shownHeads = (page: Page) => householdRows(page).locator('td:first-child');

const activePage = (page: Page) => page.locator('.ant-pagination-item-active');

/**
 * The township's list holds a whole township (碣石山镇's demo households) and reads it a page at a
 * time: page 1 shows the 20 newest households and the total, page 2 the next 20, and a search
 * made on page 2 starts again at page 1 with only the households it matches; its export holds
 * all of them, on every page.
 */
test('the township’s household list pages through the whole township, and a search starts at page 1', async ({ browser, request }) => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, 'zhen');
  await expectAllSynced(page);
  await openHouseholds(page);

  const all = await townshipHouseholds(request);
  // Paging means something only with more than two pages.
  expect(all.length).toBeGreaterThan(2 * PAGE_SIZE);
  await expect(page.getByText(`共 ${all.length} 户`, { exact: true })).toBeVisible();
  await expect(shownHeads(page)).toHaveText(all.slice(0, PAGE_SIZE).map(headName));
  await expect(activePage(page)).toHaveText('1');
  const firstPageIds = await householdRows(page).evaluateAll((rows) => rows.map((row) => row.getAttribute('data-row-key')));

  await page.locator('.ant-pagination').getByTitle('2', { exact: true }).click();
  await expect(activePage(page)).toHaveText('2');
  await expect(shownHeads(page)).toHaveText(all.slice(PAGE_SIZE, 2 * PAGE_SIZE).map(headName));
  const secondPageIds = await householdRows(page).evaluateAll((rows) => rows.map((row) => row.getAttribute('data-row-key')));
  expect(secondPageIds).toHaveLength(PAGE_SIZE);
  expect(secondPageIds.filter((id) => firstPageIds.includes(id))).toEqual([]);
  await expect(page.getByText(`共 ${all.length} 户`, { exact: true })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('households-page-2.png'), fullPage: true });

  // A surname many households share, but not all: more than a page of matches, so staying on
  // page 2 would show the wrong rows rather than an empty list.
  const matching = (text: string) => all.filter((h) => h.members.some((m) => m.name.includes(text)));
  const surnames = [...new Set(all.map((h) => headName(h).slice(0, 1)))];
  const text = surnames
    .filter((surname) => matching(surname).length > PAGE_SIZE && matching(surname).length < all.length)
    .sort((a, b) => matching(b).length - matching(a).length)[0];
  expect(text, 'a surname shared by more than a page of households').toBeDefined();
  const found = matching(text!);

  await page.getByTestId('household-search').fill(text!);
  await expect(page.getByText(`共 ${found.length} 户`, { exact: true })).toBeVisible();
  await expect(activePage(page)).toHaveText('1');
  await expect(shownHeads(page)).toHaveText(found.slice(0, PAGE_SIZE).map(headName));
  await page.screenshot({ path: test.info().outputPath('households-searched.png'), fullPage: true });

  // 导出Excel takes every household the search found, not only the page on screen: one row per member.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('household-export').click()]);
  const file = test.info().outputPath('searched-roster.xlsx');
  await download.saveAs(file);
  const members = found.reduce((sum, h) => sum + h.members.length, 0);
  await expect(page.getByText(`已导出 ${members} 行`)).toBeVisible();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  const header = rows[0] as string[];
  const body = rows.slice(1);
  expect(body).toHaveLength(members);
  const names = (list: unknown[]) => [...list].map(String).sort();
  expect(names(body.map((row) => row[header.indexOf('成员姓名')]))).toEqual(names(found.flatMap((h) => h.members.map((m) => m.name))));
  await context.close();
});
