import ExcelJS from 'exceljs';
import { expect, type Page } from '@playwright/test';
import { test } from './appLog';
import { apiSignIn, bearer, pullEverything, submittedApplication } from './serverApi';
import { expectAllSynced, signIn } from './support';

const PAGE_SIZE = 20;
const SUBMITTED = 25;

interface ServerHousehold {
  id: string;
  areaCode: string;
  members: { id: string; name: string }[];
  archived?: unknown;
}

const applicantCells = (page: Page) => page.getByTestId('application-row').getByTestId('application-applicant');
const activePage = (page: Page) => page.locator('.ant-pagination-item-active');

/**
 * The township's 待受理 queue holds more than a page of applications; the list reads the
 * households of the page it shows only (their members are encrypted on the laptop), so every
 * page must still name each applicant, and 导出Excel must name the applicants of every page.
 */
test('the township’s queue names every applicant on every page, and its export names them all', async ({ browser, request }) => {
  const session = await apiSignIn(request, 'zhen', 'e2e-queue-township-0001');
  const households = (await pullEverything<ServerHousehold>(request, session, 'households')).filter(
    (h) => h.archived === undefined && h.members.length > 0,
  );
  expect(households.length).toBeGreaterThanOrEqual(SUBMITTED);
  const now = Date.now();
  // Applications the township takes at its own window (乡镇受理窗口), as the app would push them.
  const chosen = households.slice(0, SUBMITTED);
  const by = { ...session.user, role: 'township' as const };
  const applications = chosen.map((household, i) =>
    submittedApplication(household, household.members[0]!.id, by, `app-e2equeue${now}${String(i).padStart(2, '0')}`, now + i),
  );
  const pushed = await request.post('/api/v1/sync/applications/push', {
    headers: bearer(session),
    data: applications.map((doc) => ({ assumedMasterState: null, newDocumentState: doc })),
  });
  expect(pushed.status()).toBe(200);
  const expectedNames = chosen.map((h) => h.members[0]!.name);

  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, 'zhen');
  await expectAllSynced(page);
  await page.getByTestId('menu-township-queue').click();
  const queued = (await pullEverything<{ id: string; status: string }>(request, session, 'applications')).filter((a) => a.status === 'submitted').length;
  expect(queued).toBeGreaterThan(PAGE_SIZE);
  await expect(page.getByTestId('queue-tab-submitted')).toContainText(`（${queued}）`);

  // Page 1: twenty rows, each naming its applicant (none waiting for its household).
  await expect(applicantCells(page)).toHaveCount(PAGE_SIZE);
  const seen: string[] = [];
  const readPage = async () => {
    await expect(applicantCells(page).filter({ hasText: '家庭还未同步到本机' })).toHaveCount(0);
    const names = await applicantCells(page).allTextContents();
    expect(names.every((name) => name.trim().length > 0)).toBe(true);
    seen.push(...names);
  };
  await readPage();
  await page.locator('.ant-pagination').getByTitle('2', { exact: true }).click();
  await expect(activePage(page)).toHaveText('2');
  await expect(applicantCells(page)).toHaveCount(Math.min(PAGE_SIZE, queued - PAGE_SIZE));
  await readPage();
  if (queued <= 2 * PAGE_SIZE) {
    for (const name of expectedNames) expect(seen).toContain(name);
  }

  // 导出Excel holds every application of the tab, each with its applicant's name.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('application-export').click()]);
  const file = test.info().outputPath('township-queue.xlsx');
  await download.saveAs(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  const header = rows[0] as string[];
  const applicants = rows.slice(1).map((row) => String(row[header.indexOf('申请人')] ?? ''));
  expect(applicants).toHaveLength(queued);
  expect(applicants.filter((name) => name.trim() === '')).toEqual([]);
  for (const name of expectedNames) expect(applicants).toContain(name);
  await context.close();
});
