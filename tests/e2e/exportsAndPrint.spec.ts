import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { test } from './appLog';
import { apiSignIn, bearer } from './serverApi';
import { expectAllSynced, fillHouseholdForm, openHouseholds, signIn, testIdNumber, chooseOption } from './support';

interface AuditEntry {
  action: string;
  role: string | null;
  collection: string | null;
  documentId: string | null;
  details: Record<string, unknown> | null;
}

/** The county's view of the export entries in the audit log (the county 无棣县 covers the demo villages). */
async function exportEntries(request: APIRequestContext): Promise<AuditEntry[]> {
  const county = await apiSignIn(request, 'xian', 'e2e-exports-county-0001');
  const answer = await request.get('/api/v1/audit?action=export&limit=1000', { headers: bearer(county) });
  expect(answer.status()).toBe(200);
  return ((await answer.json()) as { entries: AuditEntry[] }).entries;
}

/** Registers a household of two in xieli_a's village and opens its page. */
async function registerHousehold(page: Page, head: { name: string; idNumber: string }, spouse: { name: string; idNumber: string }) {
  await openHouseholds(page);
  await page.getByTestId('household-register').click();
  await fillHouseholdForm(page, '碣石山镇大山东村 3 排 12 号', [head, { ...spouse, relation: '配偶' }]);
  await page.getByTestId('household-submit').click();
  await expect(page.getByText('已保存在本机，联网后自动上传')).toBeVisible();
}

/** Reads an .xlsx back with exceljs: the first sheet's name and its rows as arrays of cell values. */
async function readWorkbook(path: string): Promise<{ name: string; rows: unknown[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { name: sheet.name, rows };
}

/**
 * 孔繁星's household is registered; the assistant searches the list for her name and exports
 * what it shows, with the network gone: the file holds exactly her household's two members
 * under Chinese headers, and the export reaches the audit log once the network is back —
 * with the row count and "a search was made", never the name searched for.
 */
test('导出Excel of a searched household list holds its rows; the export is audited after reconnecting', async ({ browser, request }) => {
  const head = { name: '孔繁星', idNumber: testIdNumber('1955-02-11', 871) };
  const spouse = { name: '孔李氏', idNumber: testIdNumber('1957-06-30', 872) };
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, 'xieli_a');
  await expectAllSynced(page);
  await registerHousehold(page, head, spouse);
  await expectAllSynced(page);

  await openHouseholds(page);
  await page.getByTestId('household-search').fill(head.name);
  await expect(page.getByTestId('household-row')).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath('households-export.png'), fullPage: true });

  await context.setOffline(true);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('household-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^救助通-家庭花名册-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const file = test.info().outputPath('roster.xlsx');
  await download.saveAs(file);
  await expect(page.getByText('已导出 2 行')).toBeVisible();

  const { name, rows } = await readWorkbook(file);
  expect(name).toBe('家庭花名册');
  const header = rows[0] as string[];
  expect(header).toEqual(expect.arrayContaining(['所在地区', '户主', '成员姓名', '与户主关系', '身份证号', '家庭人数']));
  const body = rows.slice(1);
  expect(body).toHaveLength(2);
  const cell = (row: unknown[], column: string) => row[header.indexOf(column)];
  expect(body.map((row) => [cell(row, '成员姓名'), cell(row, '与户主关系'), cell(row, '身份证号'), cell(row, '户主')])).toEqual([
    [head.name, '户主', head.idNumber, head.name],
    [spouse.name, '配偶', spouse.idNumber, head.name],
  ]);
  // xieli_a's village: villagesIn('371623102')[0], 大山东村.
  expect(cell(body[0]!, '所在地区')).toBe('无棣县 碣石山镇 大山东村');

  // Offline, the record waits on the laptop; back online, it reaches the server.
  const mine = (entries: AuditEntry[]) =>
    entries.filter((e) => e.collection === 'households' && e.role === 'assistant' && e.details?.['rowCount'] === 2 && (e.details?.['filter'] as Record<string, unknown>)?.['textSearch'] === true);
  const before = mine(await exportEntries(request)).length;
  await context.setOffline(false);
  await expect.poll(async () => mine(await exportEntries(request)).length, { timeout: 30_000 }).toBe(before + 1);
  const all = JSON.stringify(await exportEntries(request));
  expect(all).not.toContain(head.name);
  expect(all).not.toContain(head.idNumber);
  await context.close();
});

/**
 * An 入户调查 of 曹玉珍's household is recorded; 打印 on the visit opens the 入户调查表, which
 * Chromium renders to an A4 PDF with a Chinese font. pdftotext reads the household head's name
 * and the visit's findings back out of it. Printing is audited with the visit's id.
 */
test('the printed 入户调查表 PDF holds the household’s name and the visit’s findings', async ({ browser, request }) => {
  const head = { name: '曹玉珍', idNumber: testIdNumber('1949-09-09', 873) };
  const spouse = { name: '甄德福', idNumber: testIdNumber('1947-01-20', 874) };
  const findings = '院墙倒塌一段，冬季取暖靠烧柴，老人行动不便';
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'xieli_a');
  await expectAllSynced(page);
  await registerHousehold(page, head, spouse);

  await page.getByTestId('visit-new').click();
  await chooseOption(page, 'visit-type', '入户调查');
  await page.locator('#visit-investigators').fill('李建国，');
  await page.getByTestId('visit-member-present-1').check();
  await page.getByTestId('visit-next').click();
  await page.getByTestId('visit-condition-housing').fill('土坯房两间，屋顶漏雨');
  await page.getByTestId('visit-next').click();
  await page.getByTestId('visit-findings').fill(findings);
  await page.getByTestId('visit-submit').click();
  await expect(page.getByText('走访记录已保存在本机，联网后自动上传')).toBeVisible();

  await page.getByTestId('visit-row').filter({ hasText: findings }).getByTestId('visit-print').click();
  await expect(page).toHaveURL(/#\/print\/visits\/[^/]+$/);
  const visitId = decodeURIComponent(page.url().split('/').pop()!);
  const sheet = page.getByTestId('print-visitRecord');
  await expect(sheet.getByRole('heading', { level: 1 })).toHaveText('家庭经济状况入户调查表');
  await expect(page.getByTestId('print-household-head')).toHaveText(head.name);
  await expect(page.getByTestId('print-findings')).toHaveText(findings);
  await expect(page.getByTestId('print-signatures')).toContainText('调查人员（签字）');
  await page.screenshot({ path: test.info().outputPath('visit-record-print-view.png'), fullPage: true });

  const pdf = test.info().outputPath('visit-record.pdf');
  writeFileSync(pdf, await page.pdf({ format: 'A4' }));
  // Characters of a CJK font may come out with spaces between them: compare without whitespace.
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(text).toContain('家庭经济状况入户调查表');
  expect(text).toContain(head.name);
  expect(text).toContain(findings);
  expect(text).toContain('土坯房两间，屋顶漏雨');
  // On paper the toolbar is gone.
  expect(text).not.toContain('返回');

  // 打印 opens the browser's print dialog (stubbed here) and the print is audited with the visit's id.
  await page.evaluate(() => {
    window.print = () => document.body.setAttribute('data-printed', 'yes');
  });
  await page.getByTestId('print-now').click();
  await expect(page.locator('body')).toHaveAttribute('data-printed', 'yes');
  await expect
    .poll(async () => (await exportEntries(request)).filter((e) => e.collection === 'visitRecord' && e.documentId === visitId).length, {
      timeout: 30_000,
    })
    .toBe(1);

  await page.getByTestId('print-back').click();
  await expect(page.getByTestId('visit-row').filter({ hasText: findings })).toHaveCount(1);
  await context.close();
});

/**
 * 褚桂英 applies for 低保 with her income declaration missing and the verification authorisation
 * replaced by a pledge. From the application's 打印 menu come the 一次性告知书 (listing the
 * missing declaration), the 告知承诺书 (her name and ID number, consent to verification, the
 * pledged material) and the 申请情况表 with its history. The list filtered to 已申请 exports
 * only 已申请 applications, hers among them.
 */
test('an application’s notice, pledge and summary print; its status-filtered list exports only that status', async ({ browser }) => {
  const head = { name: '褚桂英', idNumber: testIdNumber('1966-03-08', 875) };
  const spouse = { name: '卫长顺', idNumber: testIdNumber('1964-10-02', 876) };
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, 'xieli_a');
  await expectAllSynced(page);
  await registerHousehold(page, head, spouse);

  await page.getByTestId('application-new').click();
  await expect(page.getByTestId('application-form')).toBeVisible();
  await chooseOption(page, 'application-type', '低保');
  await expect(page.getByTestId('documents-checklist')).toBeVisible();
  await chooseOption(page, 'application-applicant', `${head.name}（户主）`);
  await page.getByTestId('document-incomeDeclaration-state').getByText('缺', { exact: true }).click();
  await page.getByTestId('document-verificationAuthorization-state').getByText('告知承诺', { exact: true }).click();
  await page.getByTestId('application-pledge').check();
  await page.getByTestId('application-save-submit').click();
  await expect(page.getByText('已保存在本机，联网后自动上传').first()).toBeVisible();
  await expect(page.getByTestId('application-summary')).toContainText(head.name);
  const detailUrl = page.url();

  const openForm = async (key: string) => {
    // 返回 on a printed form leads back to the application.
    if (page.url() !== detailUrl) await page.getByTestId('print-back').click();
    await expect(page.getByTestId('application-summary')).toContainText(head.name);
    await page.getByTestId('application-print').click();
    await page.getByTestId(`application-print-${key}`).click();
  };

  await openForm('missing-items');
  const notice = page.getByTestId('print-missingItemsNotice');
  await expect(notice.getByRole('heading', { level: 1 })).toHaveText('社会救助申请材料一次性告知书');
  await expect(notice).toContainText(`${head.name}：`);
  await expect(page.getByTestId('print-missing-items').getByRole('listitem')).toHaveText(['家庭收入申报']);
  await expect(page.getByTestId('print-signatures')).toContainText('申请人签收（签字）');

  await openForm('pledge');
  const pledge = page.getByTestId('print-pledge');
  await expect(pledge.getByRole('heading', { level: 1 })).toHaveText('社会救助申请告知承诺书');
  await expect(pledge).toContainText(`本人${head.name}（身份证号：${head.idNumber}）`);
  await expect(page.getByTestId('print-pledge-clauses')).toContainText('真实、完整、准确');
  await expect(page.getByTestId('print-pledge-clauses')).toContainText('同意并授权民政部门');
  await expect(pledge).toContainText('家庭经济状况核对授权书');
  await expect(page.getByTestId('print-signatures')).toContainText('承诺人（签字或按手印）');
  await page.screenshot({ path: test.info().outputPath('pledge-print-view.png'), fullPage: true });

  await openForm('summary');
  await expect(page.getByTestId('print-applicant')).toHaveText(head.name);
  await expect(page.getByTestId('print-status')).toHaveText('已申请');
  await expect(page.getByTestId('print-history')).toContainText('提交申请');
  await expect(page.getByTestId('print-history')).toContainText('王秀兰（村级民政协理员）');

  await page.getByTestId('print-back').click();
  await expect(page.getByTestId('application-summary')).toContainText(head.name);
  await page.getByTestId('menu-applications').click();
  await chooseOption(page, 'application-status-filter', '已申请');
  await expect(page.getByTestId('application-row').filter({ hasText: head.name })).toHaveCount(1);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('application-export').click()]);
  const file = test.info().outputPath('applications.xlsx');
  await download.saveAs(file);
  const { name, rows } = await readWorkbook(file);
  expect(name).toBe('救助申请台账');
  const header = rows[0] as string[];
  const body = rows.slice(1);
  expect(body.length).toBeGreaterThan(0);
  expect(new Set(body.map((row) => row[header.indexOf('办理状态')]))).toEqual(new Set(['已申请']));
  expect(body.filter((row) => row[header.indexOf('申请人')] === head.name)).toHaveLength(1);
  await context.close();
});
