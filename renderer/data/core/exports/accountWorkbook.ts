import { ACCOUNT_RESULT_TITLE, accountResultColumns, accountResultRows, type AccountOutcome } from '../../../../shared/exports/accountSheet';
import type { AccountImportRequest } from '../../../../shared/wire/accountImport';

/** The sheet could not be read as an .xlsx workbook (a .xls, a .csv, a damaged file). */
export class UnreadableSheetError extends Error {}

/**
 * Reads an account sheet into the text of its cells, as the server's `user import` does
 * (server/users/accountWorkbook.ts): the first worksheet, the first row as headers, every later
 * row with its number in the sheet. Only the text goes to the server, which checks everything.
 */
export async function readAccountSheet(bytes: ArrayBuffer): Promise<AccountImportRequest> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes);
  } catch {
    throw new UnreadableSheetError('not an .xlsx workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UnreadableSheetError('no worksheet');
  const textsOf = (rowNumber: number): string[] => {
    const row = sheet.getRow(rowNumber);
    const texts: string[] = [];
    for (let column = 1; column <= Math.max(row.cellCount, 1); column++) texts.push(row.getCell(column).text ?? '');
    return texts;
  };
  const rows: AccountImportRequest['rows'] = [];
  for (let rowNumber = 2; rowNumber <= sheet.rowCount; rowNumber++) {
    const cells = textsOf(rowNumber);
    // Blank rows stay home: a sheet formatted down to row 1000 is not 1000 rows.
    if (cells.some((cell) => cell.trim() !== '')) rows.push({ rowNumber, cells });
  }
  return { headers: textsOf(1), rows };
}

/** The result sheet as the command line writes it: every row, 结果, 原因 and each created account's one-time password. */
export async function buildAccountResult(outcomes: readonly AccountOutcome[], created: Date): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '救助通';
  workbook.created = created;
  const worksheet = workbook.addWorksheet(ACCOUNT_RESULT_TITLE, { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.columns = accountResultColumns.map((column) => ({ key: column.key, header: column.header, width: column.width }));
  worksheet.getRow(1).font = { bold: true };
  worksheet.addRows(accountResultRows(outcomes));
  for (const key of ['username', 'areaCode', 'password']) worksheet.getColumn(key).numFmt = '@';
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
