import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { planAccounts, readAccountHeader } from '../../shared/exports/accountSheet';
import { accountResultWorkbook, readAccountSheet, UnreadableSheetError } from '../../shared/exports/accountWorkbook';
import type { DatabaseSettings } from '../db/openDatabase';
import { openDatabase } from '../db/openDatabase';
import { importAccounts } from './accountImport';

const USAGE =
  'usage: user import --from accounts.xlsx --out result.xlsx\n' +
  '  accounts.xlsx: first row 用户名 / 姓名 / 角色 / 区划代码; no password column\n' +
  '  result.xlsx: a new file with every row, 结果 / 原因, and each created account\'s one-time password';

/**
 * `npm run server -- user import --from accounts.xlsx --out result.xlsx`: creates the accounts of
 * an operator's sheet (shared/exports/accountSheet.ts checks it) and writes the result sheet.
 * The result file is created before anything else happens, new and readable by its owner only:
 * it will hold passwords, and an account made without its result written is an account no one can use.
 */
export async function userImportCommand(args: string[], settings: DatabaseSettings): Promise<void> {
  const { values } = parseArgs({ args, options: { from: { type: 'string' }, out: { type: 'string' } } });
  if (!values.from || !values.out) throw new Error(USAGE);
  if (path.resolve(values.from) === path.resolve(values.out)) throw new Error(`--out 不能是 --from 的同一个文件\n${USAGE}`);

  const bytes = await readFile(values.from).catch(() => {
    throw new Error(`读不到文件 ${values.from}`);
  });
  const sheet = await readAccountSheet(bytes).catch((error: unknown) => {
    if (!(error instanceof UnreadableSheetError)) throw error;
    throw new Error(error.reason === 'not_xlsx' ? '读不了这个文件：它不是 Excel 工作簿（.xlsx）。在 Excel 或 WPS 中“另存为 .xlsx”后再试' : '这个工作簿里没有工作表');
  });
  const header = readAccountHeader(sheet.headers);
  if (!header.ok) throw new Error(`${values.from}：${header.problem}；没有创建任何账号`);
  const planned = planAccounts(sheet.rows, header.at);

  const out = await open(values.out, 'wx', 0o600).catch((error: NodeJS.ErrnoException) => {
    throw new Error(error.code === 'EEXIST' ? `${values.out} 已存在：结果表只写入新文件，请换一个文件名` : `无法创建 ${values.out}：${error.code ?? error.message}`);
  });
  let written = false;
  try {
    const db = await openDatabase(settings);
    try {
      const outcomes = await importAccounts(db, planned);
      await out.writeFile(await accountResultWorkbook(outcomes, new Date()));
      written = true;
      const created = outcomes.filter((outcome) => outcome.created).length;
      // Counts only: the names and usernames are in the result sheet, not in a terminal's scrollback or a log.
      console.log(
        `已创建 ${created} 个账号，未创建 ${outcomes.length - created} 个（原因见结果表）；结果表：${values.out}\n` +
          '结果表里有初始密码：只交给各账号本人，分发后销毁（README “批量创建账号”）',
      );
    } finally {
      await db.close();
    }
  } finally {
    await out.close();
    // Nothing was imported (the database could not be opened): no empty result file stands in the way of the next try.
    if (!written) await rm(values.out, { force: true });
  }
}
