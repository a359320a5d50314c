import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from '@playwright/test';
import ExcelJS from 'exceljs';
import { test } from './appLog';
import { signIn } from './support';

/** An account sheet as a county's office would fill it in. */
async function accountSheet(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('账号');
  sheet.addRow(['用户名', '姓名', '角色', '区划代码']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * 账号管理 → 从 Excel 导入 at the county: the good rows become accounts that sign in with the
 * one-time password of the saved result sheet; the page and the sheet say which rows were refused and why.
 */
test('a county imports accounts from an Excel sheet and saves the result sheet with their one-time passwords', async ({ page, request }) => {
  await signIn(page, 'xian');
  await page.getByTestId('menu-admin').click();
  await page.getByTestId('account-import-file').setInputFiles({
    name: '无棣县账号.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await accountSheet([
      ['imp_e2e_1', '冯一', '村级民政协理员', '371623102201'],
      ['imp_e2e_2', '陈二', '乡镇工作人员', '371623102'],
      ['imp_e2e_3', '褚三', '村级民政协理员', '3716231'],
      ['imp_e2e_4', '卫四', '村级民政协理员', '371621104300'],
    ]),
  });
  await expect(page.getByTestId('account-import-summary')).toContainText('已创建 2 个账号，未创建 2 个。');
  const refused = page.getByTestId('account-import-refused');
  await expect(refused).toContainText('第 4 行：区划代码 3716231 不是村（12 位）或乡镇（9 位）的代码');
  await expect(refused).toContainText('第 5 行：不在您的管理范围内：只能为本辖区下级创建账号');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('account-import-save').click()]);
  expect(download.suggestedFilename()).toBe('无棣县账号-结果.xlsx');
  const folder = mkdtempSync(path.join(tmpdir(), 'jiuzhu-e2e-import-'));
  const file = path.join(folder, 'result.xlsx');
  await download.saveAs(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  rmSync(folder, { recursive: true, force: true }); // it holds passwords: gone as soon as it is read, as README asks
  const sheet = workbook.worksheets[0]!;
  const rows = [2, 3, 4, 5].map((r) => [1, 2, 6, 7, 8].map((c) => sheet.getRow(r).getCell(c).text));
  expect(rows.map((row) => row.slice(0, 3))).toEqual([
    ['2', 'imp_e2e_1', '已创建'],
    ['3', 'imp_e2e_2', '已创建'],
    ['4', 'imp_e2e_3', '未创建'],
    ['5', 'imp_e2e_4', '未创建'],
  ]);
  expect(rows[3]![3]).toBe('第 5 行：不在您的管理范围内：只能为本辖区下级创建账号');

  // The created accounts sign in with the passwords the sheet gives; the page's list shows them.
  for (const [, username, , , password] of rows.slice(0, 2)) {
    const login = await request.post('/api/v1/auth/login', { data: { username, password, deviceId: `dev-${username}` } });
    expect(login.status()).toBe(200);
  }
  await page.getByTestId('account-import-close').click();
  await expect(page.getByTestId('account-row').filter({ hasText: 'imp_e2e_2' })).toBeVisible();
});
