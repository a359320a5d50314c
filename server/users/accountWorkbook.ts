import type { AccountSheetRow } from '../../shared/exports/accountSheet';
import { ACCOUNT_RESULT_TITLE, accountResultColumns, type AccountOutcome, accountResultRows } from '../../shared/exports/accountSheet';

/** The first worksheet of an account sheet: its first row's headers and every later row, as text. */
export interface AccountWorkbook {
  headers: string[];
  rows: AccountSheetRow[];
}

/**
 * Reads an .xlsx file as the operator saved it from Excel or WPS. Every cell is taken as the text
 * Excel shows (an area code typed as a number is still its digits; a formula gives its result).
 * exceljs is loaded here only, so the server's start does not pay for it.
 */
export async function readAccountWorkbook(bytes: Uint8Array): Promise<AccountWorkbook> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new Error('读不了这个文件：它不是 Excel 工作簿（.xlsx）。在 Excel 或 WPS 中“另存为 .xlsx”后再试');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('这个工作簿里没有工作表');
  const textsOf = (rowNumber: number): string[] => {
    const row = sheet.getRow(rowNumber);
    const texts: string[] = [];
    for (let column = 1; column <= Math.max(row.cellCount, 1); column++) texts.push(row.getCell(column).text ?? '');
    return texts;
  };
  const rows: AccountSheetRow[] = [];
  for (let rowNumber = 2; rowNumber <= sheet.rowCount; rowNumber++) rows.push({ rowNumber, cells: textsOf(rowNumber) });
  return { headers: textsOf(1), rows };
}

/** The result sheet as .xlsx bytes: bold frozen header, the row's columns as given, 结果, 原因 and 初始密码. */
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
