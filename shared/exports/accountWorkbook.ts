import type { AccountImportRequest } from '../wire/accountImport';
import { ACCOUNT_RESULT_TITLE, accountResultColumns, accountResultRows, type AccountOutcome } from './accountSheet';

/**
 * An account sheet as .xlsx, read and written alike by 账号管理 → 从 Excel 导入 in the app and by
 * `user import` on the server (each checks the rows with accountSheet.ts). exceljs is loaded on
 * first use only, so neither the app's start nor the server's pays for it.
 */

/** The file could not be read as an .xlsx workbook (a .xls, a .csv, a damaged file), or holds no worksheet. */
export class UnreadableSheetError extends Error {
  constructor(readonly reason: 'not_xlsx' | 'no_worksheet') {
    super(reason === 'not_xlsx' ? 'not an .xlsx workbook' : 'no worksheet');
  }
}

/**
 * The first worksheet as text: its first row as headers, and every later row that is not blank with
 * its number in the sheet. Every cell is the text Excel shows (an area code typed as a number is
 * still its digits; a formula gives its result). Blank rows stay out: a sheet formatted down to row
 * 1000 is not 1000 rows.
 */
export async function readAccountSheet(bytes: ArrayBuffer | Uint8Array): Promise<AccountImportRequest> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as ArrayBuffer);
  } catch {
    throw new UnreadableSheetError('not_xlsx');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UnreadableSheetError('no_worksheet');
  const textsOf = (rowNumber: number): string[] => {
    const row = sheet.getRow(rowNumber);
    const texts: string[] = [];
    for (let column = 1; column <= Math.max(row.cellCount, 1); column++) texts.push(row.getCell(column).text ?? '');
    return texts;
  };
  const rows: AccountImportRequest['rows'] = [];
  for (let rowNumber = 2; rowNumber <= sheet.rowCount; rowNumber++) {
    const cells = textsOf(rowNumber);
    if (cells.some((cell) => cell.trim() !== '')) rows.push({ rowNumber, cells });
  }
  return { headers: textsOf(1), rows };
}

/** The result sheet as .xlsx bytes: bold frozen header, each row's columns as given, 结果, 原因 and each created account's one-time password. */
export async function accountResultWorkbook(outcomes: readonly AccountOutcome[], created: Date): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '救助通';
  workbook.created = created;
  const worksheet = workbook.addWorksheet(ACCOUNT_RESULT_TITLE, { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.columns = accountResultColumns.map((column) => ({ key: column.key, header: column.header, width: column.width }));
  worksheet.getRow(1).font = { bold: true };
  worksheet.addRows(accountResultRows(outcomes));
  // Codes and passwords as text: Excel would show 371623102001 as 3.71623E+11 and drop leading zeros.
  for (const key of ['username', 'areaCode', 'password']) worksheet.getColumn(key).numFmt = '@';
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
