import { execFile } from 'node:child_process';
import { serverProgram } from '../../harness/serverProcess';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { TokenResponse } from '../../shared/sync/wire';
import { buildServer } from '../../server/app';
import { openDatabase } from '../../server/db/openDatabase';
import { addUser, findUserByUsername } from '../../server/users/userStore';
import { verifyPassword } from '../../server/auth/passwords';
import { migratedPgliteFolder } from '../support/pgliteSnapshots';

const run = promisify(execFile);
const work = mkdtempSync(path.join(tmpdir(), 'jiuzhu-user-import-'));
const dataDir = migratedPgliteFolder(path.join(work, 'data'));
const env = { ...process.env, JIUZHU_DATA_DIR: dataDir };

/** An operator's sheet as Excel saves it: Chinese headers (in their own order, with a column the import ignores), then the rows. */
async function writeSheet(file: string, headers: string[], rows: (string | number | null)[][]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('账号');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  writeFileSync(file, new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer));
}

interface ResultRow {
  row: number;
  username: string;
  result: string;
  reason: string;
  password: string;
}

/** The result sheet read back as the operator would: by its headers. */
async function readResult(file: string): Promise<{ headers: string[]; rows: ResultRow[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const col = (name: string) => headers.indexOf(name) + 1;
  const rows: ResultRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push({
      row: Number(row.getCell(col('原表行号')).text),
      username: row.getCell(col('用户名')).text,
      result: row.getCell(col('结果')).text,
      reason: row.getCell(col('原因')).text,
      password: row.getCell(col('初始密码')).text,
    });
  }
  return { headers, rows };
}

const importSheet = (from: string, out: string) => run(...serverProgram(['user', 'import', '--from', from, '--out', out]), { env });

describe('`user import`: accounts in bulk from an Excel sheet, with a result sheet', () => {
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('creates the good rows, who then sign in with the one-time password of the result sheet; refuses the others, saying why, and makes nothing of them', async () => {
    // An account that already exists: a row asking for its username must not touch it.
    const before = await openDatabase({ dataDir });
    await addUser(before, { username: 'wangwu', password: 'original-pass-1', role: 'assistant', areaCode: '371623102201', displayName: '王五' });
    await before.close();

    const from = path.join(work, 'accounts.xlsx');
    const out = path.join(work, 'result.xlsx');
    await writeSheet(from, ['姓名', '用户名', '备注', '角色', '区划代码'], [
      ['李一', 'xieli_li1', '', '村级民政协理员', 371623102201], // row 2: the code typed as a number, as Excel keeps it
      ['王二', 'zhen_wang2', '', '乡镇工作人员', '371623102'], // row 3: a township at its natural 9 digits
      ['张三', 'wangwu', '', '村级协理员', '371623102201'], // row 4: username taken in the database
      [null, null, null, null, null], // row 5: blank
      ['赵四', 'zhao4', '', '村级民政协理员', '3716231'], // row 6: a code of no level
      ['钱五', 'qian5', '', '村级民政协理员', '371623102'], // row 7: an assistant needs a village, not a township
      ['孙六', 'xieli_li1', '', '社工', '371623102'], // row 8: the username row 2 takes
      ['周七', 'county_zhou7', '', '县级民政局', '371623000000'], // row 9: a county, padded to 12 digits
      ['吴八', 'wu8', '', '村级民政协理员', '371623999999'], // row 10: no such village
      ['郑九', 'zheng9', '', '村长', '371623102201'], // row 11: not a role of the app
    ]);

    const { stdout } = await importSheet(from, out);
    expect(stdout).toContain('已创建 3 个账号，未创建 6 个');
    expect(stdout).not.toMatch(/李一|xieli_li1|王二/); // counts only in the terminal

    expect(statSync(out).mode & 0o077).toBe(0); // it holds passwords: its owner's alone
    const result = await readResult(out);
    expect(result.headers).toEqual(['原表行号', '用户名', '姓名', '角色', '区划代码', '结果', '原因', '初始密码']);
    const byRow = new Map(result.rows.map((r) => [r.row, r]));
    expect([...byRow.keys()]).toEqual([2, 3, 4, 6, 7, 8, 9, 10, 11]); // every row but the blank one, in order
    for (const row of [2, 3, 9]) expect(byRow.get(row)).toMatchObject({ result: '已创建', reason: '' });
    for (const row of [4, 6, 7, 8, 10, 11]) expect(byRow.get(row)).toMatchObject({ result: '未创建', password: '' });
    expect(byRow.get(4)!.reason).toBe('第 4 行：用户名 wangwu 已被使用');
    expect(byRow.get(6)!.reason).toBe('第 6 行：区划代码 3716231 不是村（12 位）或乡镇（9 位）的代码');
    expect(byRow.get(7)!.reason).toBe('第 7 行：角色“村级民政协理员”需要村（12 位）的区划代码，371623102 是乡镇（碣石山镇）的代码');
    expect(byRow.get(8)!.reason).toBe('第 8 行：用户名 xieli_li1 与第 2 行重复');
    expect(byRow.get(10)!.reason).toBe('第 10 行：区划代码 371623999999 在滨州市的区划中找不到');
    expect(byRow.get(11)!.reason).toContain('第 11 行：角色“村长”不是本系统的角色');

    const passwords = [2, 3, 9].map((row) => byRow.get(row)!.password);
    expect(new Set(passwords).size).toBe(3);
    for (const password of passwords) expect(password).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);

    // The real server on the same data: the created accounts sign in with their one-time passwords.
    const db = await openDatabase({ dataDir });
    const app = await buildServer({ db, staticDir: null });
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const login = async (username: string, password: string) => {
        const response = await fetch(`${url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password, deviceId: `dev-import-${username}` }),
        });
        return { status: response.status, body: (await response.json()) as TokenResponse };
      };
      const signedIn = await Promise.all([
        login('xieli_li1', byRow.get(2)!.password),
        login('zhen_wang2', byRow.get(3)!.password),
        login('county_zhou7', byRow.get(9)!.password),
      ]);
      expect(signedIn.map((s) => s.status)).toEqual([200, 200, 200]);
      expect(signedIn.map((s) => s.body.user)).toEqual([
        expect.objectContaining({ username: 'xieli_li1', displayName: '李一', role: 'assistant', areaCode: '371623102201' }),
        expect.objectContaining({ username: 'zhen_wang2', displayName: '王二', role: 'township', areaCode: '371623102000' }),
        expect.objectContaining({ username: 'county_zhou7', displayName: '周七', role: 'county', areaCode: '371623000000' }),
      ]);

      // The refused rows made nothing: no user, no reference record for colleagues' apps; the existing account is untouched.
      for (const username of ['zhao4', 'qian5', 'wu8', 'zheng9']) expect(await findUserByUsername(db, username)).toBeNull();
      const wangwu = await findUserByUsername(db, 'wangwu');
      expect(wangwu).toMatchObject({ displayName: '王五', role: 'assistant' });
      expect(await verifyPassword('original-pass-1', wangwu!.passwordHash)).toBe(true);
      const users = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
      const refs = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM documents WHERE collection = 'users'");
      expect([users[0]!.n, refs[0]!.n]).toEqual([4, 4]);
      const audited = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'create_user'");
      expect(audited[0]!.n).toBe(3);
    } finally {
      await app.close();
      await db.close();
    }
  });

  it('refuses a file that is no .xlsx, a sheet with a password column or without a needed column as a whole, and never writes over a result sheet', async () => {
    const withPasswords = path.join(work, 'with-passwords.xlsx');
    await writeSheet(withPasswords, ['用户名', '姓名', '角色', '区划代码', '密码'], [['sun10', '孙十', '村级民政协理员', '371623102201', 'abc12345']]);
    const out = path.join(work, 'refused-result.xlsx');
    await expect(importSheet(withPasswords, out)).rejects.toMatchObject({ stderr: expect.stringContaining('表中有“密码”列') });

    // A sheet saved as CSV (or .xls) is refused in words that say what to do, before anything is made.
    const csv = path.join(work, 'saved-as.csv');
    writeFileSync(csv, '用户名,姓名,角色,区划代码\nsun10,孙十,村级民政协理员,371623102201\n');
    await expect(importSheet(csv, out)).rejects.toMatchObject({ stderr: expect.stringContaining('另存为 .xlsx') });

    const noRole = path.join(work, 'no-role.xlsx');
    await writeSheet(noRole, ['用户名', '姓名', '区划代码'], [['sun10', '孙十', '371623102201']]);
    await expect(importSheet(noRole, out)).rejects.toMatchObject({ stderr: expect.stringContaining('第 1 行缺少列：角色') });
    expect(existsSync(out)).toBe(false);

    const good = path.join(work, 'good.xlsx');
    await writeSheet(good, ['用户名', '姓名', '角色', '区划代码'], [['sun10', '孙十', '村级民政协理员', '371623102201']]);
    writeFileSync(out, 'an earlier result the operator still needs');
    await expect(importSheet(good, out)).rejects.toMatchObject({ stderr: expect.stringContaining('已存在') });
    expect(await readFile(out, 'utf8')).toBe('an earlier result the operator still needs');

    // While the server holds the data folder, the import is refused before it makes anything, and leaves no empty result file.
    const db = await openDatabase({ dataDir });
    try {
      const fresh = path.join(work, 'while-running.xlsx');
      await expect(importSheet(good, fresh)).rejects.toMatchObject({ stderr: expect.stringContaining('正被另一个进程使用') });
      expect(existsSync(fresh)).toBe(false);
      expect(await findUserByUsername(db, 'sun10')).toBeNull();
    } finally {
      await db.close();
    }
  });
});
