import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { AccountOutcome } from '../../shared/exports/accountSheet';
import { accountResultWorkbook, readAccountSheet, UnreadableSheetError } from '../../shared/exports/accountWorkbook';

async function sheetBytes(rows: (string | number | null)[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('账号');
  for (const row of rows) sheet.addRow(row);
  // Formatted far below the last row, as an operator's template often is.
  sheet.getRow(40).getCell(1).numFmt = '@';
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('an account sheet read as the app and `user import` both read it', () => {
  it('gives the headers and every row that is not blank, with its row number, each cell as Excel shows it', async () => {
    const bytes = await sheetBytes([
      ['用户名', '姓名', '角色', '区划代码'],
      ['sun10', '孙十', '村级民政协理员', 371623102201],
      [null, null, null, null],
      ['li11', '李十一', '乡镇民政', '371623102000'],
    ]);
    const sheet = await readAccountSheet(bytes);
    expect(sheet.headers).toEqual(['用户名', '姓名', '角色', '区划代码']);
    expect(sheet.rows).toEqual([
      { rowNumber: 2, cells: ['sun10', '孙十', '村级民政协理员', '371623102201'] },
      { rowNumber: 4, cells: ['li11', '李十一', '乡镇民政', '371623102000'] },
    ]);
  });

  it('says a file is no .xlsx workbook rather than failing somewhere else', async () => {
    const csv = new TextEncoder().encode('用户名,姓名,角色,区划代码\nsun10,孙十,村级民政协理员,371623102201\n');
    await expect(readAccountSheet(csv)).rejects.toEqual(new UnreadableSheetError('not_xlsx'));
    await expect(readAccountSheet(csv)).rejects.toMatchObject({ reason: 'not_xlsx' });
  });

  it('writes a result sheet whose codes and passwords stay text, with 结果 and 原因 for each row', async () => {
    const outcomes: AccountOutcome[] = [
      { rowNumber: 2, created: true, password: '0123abcd', draft: { username: 'sun10', displayName: '孙十', role: '村级民政协理员', areaCode: '371623102201' } },
      { rowNumber: 3, created: false, reason: '用户名已被使用', draft: { username: 'li11', displayName: '李十一', role: '乡镇民政', areaCode: '371623102000' } },
    ];
    const bytes = await accountResultWorkbook(outcomes, new Date('2026-12-07T08:00:00Z'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const texts = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1).map(String);
    expect(texts(2)).toEqual(expect.arrayContaining(['sun10', '371623102201', '已创建', '0123abcd']));
    expect(texts(3)).toEqual(expect.arrayContaining(['li11', '未创建', '第 3 行：用户名已被使用']));
    // 区划代码 (column 5) and 初始密码 (column 8) are text cells, so Excel keeps every digit.
    expect([sheet.getRow(2).getCell(5).numFmt, sheet.getRow(2).getCell(8).numFmt]).toEqual(['@', '@']);
  });
});
