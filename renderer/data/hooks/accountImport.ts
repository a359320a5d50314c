import { useCallback } from 'react';
import { readAccountHeader } from '../../../shared/exports/accountSheet';
import { ACCOUNT_IMPORT_MAX_ROWS, accountImportAnswerSchema } from '../../../shared/wire/accountImport';
import type { SavedFile } from '../../../shared/ipc/contract';
import { accountResultWorkbook, readAccountSheet } from '../../../shared/exports/accountWorkbook';
import { offerFile } from '../core/exports/offerFile';
import { XLSX_MIME } from '../core/exports/workbook';
import { useWorkspace } from './AppDataProvider';

export { UnreadableSheetError } from '../../../shared/exports/accountWorkbook';

/** More rows than one import takes: the page says to split the sheet. */
export class TooManyRowsError extends Error {}

/** The sheet's first row lacks a column (or has a password column): `message` says which, in Chinese, as the server would. */
export class SheetHeaderError extends Error {}

/** What an import did: counts, each refused row's reason, and how to save the result sheet. */
export interface AccountImportResult {
  created: number;
  refused: { rowNumber: number; reason: string }[];
  /** Offers the result sheet (with the one-time passwords) to save; it exists nowhere else. */
  saveResult: () => Promise<SavedFile>;
}

/**
 * 从 Excel 导入 on 账号管理: reads the sheet here, sends its text to the server, which checks and
 * creates each row; the answer becomes the result sheet, kept in memory until it is saved.
 */
export function useAccountImport(onImported: () => Promise<void>) {
  const { client } = useWorkspace();
  return useCallback(
    async (file: Blob, fileName: string): Promise<AccountImportResult> => {
      const sheet = await readAccountSheet(await file.arrayBuffer());
      const header = readAccountHeader(sheet.headers);
      if (!header.ok) throw new SheetHeaderError(header.problem);
      if (sheet.rows.length > ACCOUNT_IMPORT_MAX_ROWS) throw new TooManyRowsError(`${sheet.rows.length} rows`);
      const { outcomes } = await client.call('POST', '/api/v1/admin/users/import', accountImportAnswerSchema, sheet);
      await onImported();
      const resultName = `${fileName.replace(/\.xlsx$/i, '')}-结果.xlsx`;
      return {
        created: outcomes.filter((outcome) => outcome.created).length,
        refused: outcomes.flatMap((outcome) => (outcome.created ? [] : [{ rowNumber: outcome.rowNumber, reason: outcome.reason }])),
        saveResult: async () => offerFile(await accountResultWorkbook(outcomes, new Date()), resultName, XLSX_MIME),
      };
    },
    [client, onImported],
  );
}
