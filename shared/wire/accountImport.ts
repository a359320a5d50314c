import { z } from 'zod';

/**
 * 账号管理 → 从 Excel 导入 (POST /api/v1/admin/users/import): the page reads the sheet into text and
 * sends it as it is; the server checks every row (shared/exports/accountSheet.ts) and the caller's
 * reach, as `user import` does on the command line, and answers row by row.
 */

/** Rows per request: each account's password hash takes a moment, and a proxy waits a minute at most. */
export const ACCOUNT_IMPORT_MAX_ROWS = 200;

const cell = z.string().max(200);

export const accountImportRequestSchema = z.strictObject({
  /** The sheet's first row. */
  headers: z.array(cell).max(50),
  /** Every later row with its row number in the sheet, as Excel shows it. */
  rows: z
    .array(z.strictObject({ rowNumber: z.number().int().min(2).max(1_048_576), cells: z.array(cell).max(50) }))
    .max(ACCOUNT_IMPORT_MAX_ROWS),
});
export type AccountImportRequest = z.infer<typeof accountImportRequestSchema>;

const draftSchema = z.object({ username: z.string(), displayName: z.string(), role: z.string(), areaCode: z.string() });

/** Every non-blank row: created with its one-time password (shown to the caller only, in this answer), or refused and why. */
export const accountImportAnswerSchema = z.object({
  outcomes: z.array(
    z.discriminatedUnion('created', [
      z.object({ rowNumber: z.number(), draft: draftSchema, created: z.literal(true), password: z.string() }),
      z.object({ rowNumber: z.number(), draft: draftSchema, created: z.literal(false), reason: z.string() }),
    ]),
  ),
});
export type AccountImportAnswer = z.infer<typeof accountImportAnswerSchema>;
