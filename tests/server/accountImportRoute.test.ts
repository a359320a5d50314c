import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountImportAnswerSchema, type AccountImportAnswer } from '../../shared/wire/accountImport';
import type { ErrorBody } from '../../shared/wire/errors';
import { findUserByUsername } from '../../server/users/userStore';
import { api, databaseKinds, startTestServer, type TestServer } from '../support/testServer';

const HEADERS = ['用户名', '姓名', '角色', '区划代码'];

/** 账号管理's import: the same sheet rules as `user import`, and the caller's reach on top. */
describe.each(databaseKinds)('POST /api/v1/admin/users/import on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  const login = async (username: string, password: string) =>
    (await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password, deviceId: `dev-${username}` }),
    })).status;

  it('creates the rows inside the county’s reach, refuses the rest row by row, and the created sign in with their one-time passwords', async () => {
    const county = await server.signIn('county', '371623000000');
    const answer = await api<AccountImportAnswer>(server, county.accessToken, 'POST', '/api/v1/admin/users/import', {
      headers: HEADERS,
      rows: [
        { rowNumber: 2, cells: ['imp_village', '李一', '村级民政协理员', '371623102201'] },
        { rowNumber: 3, cells: ['imp_other', '王二', '村级民政协理员', '371621104300'] }, // another county's village
        { rowNumber: 4, cells: ['imp_peer', '张三', '县级民政局', '371623'] }, // a colleague at the county's own level
        { rowNumber: 5, cells: ['', '', '', ''] },
        { rowNumber: 6, cells: ['imp_bad', '赵四', '村级民政协理员', '371623102'] },
      ],
    });
    expect(answer.status).toBe(200);
    expect(accountImportAnswerSchema.parse(answer.body)).toEqual(answer.body); // what the page reads, and nothing more
    const outcomes = answer.body.outcomes;
    expect(outcomes.map((o) => [o.rowNumber, o.created])).toEqual([[2, true], [3, false], [4, false], [6, false]]);
    expect(outcomes.slice(1).map((o) => (o.created ? '' : o.reason))).toEqual([
      '不在您的管理范围内：只能为本辖区下级创建账号',
      '不在您的管理范围内：只能为本辖区下级创建账号',
      '角色“村级民政协理员”需要村（12 位）的区划代码，371623102 是乡镇（碣石山镇）的代码',
    ]);
    const created = outcomes[0]!;
    expect(created.created && (await login('imp_village', created.password))).toBe(200);
    for (const username of ['imp_other', 'imp_peer', 'imp_bad']) expect(await findUserByUsername(server.db, username)).toBeNull();
    const audited = await server.db.query<{ user_id: string }>("SELECT user_id FROM audit_log WHERE action = 'create_user'");
    expect(audited.map((row) => row.user_id)).toEqual([county.user.id]);
  });

  it('refuses a village assistant, and a sheet without its headers as a whole', async () => {
    const assistant = await server.signIn('assistant', '371623102201');
    const refused = await api<ErrorBody>(server, assistant.accessToken, 'POST', '/api/v1/admin/users/import', { headers: HEADERS, rows: [] });
    expect(refused.status).toBe(403);
    const township = await server.signIn('township', '371623102000');
    const noHeader = await api<ErrorBody>(server, township.accessToken, 'POST', '/api/v1/admin/users/import', {
      headers: ['用户名', '姓名'],
      rows: [{ rowNumber: 2, cells: ['imp_x', '孙五'] }],
    });
    expect(noHeader.status).toBe(422);
    expect(noHeader.body.error.message).toContain('第 1 行缺少列：角色、区划代码');
    expect(await findUserByUsername(server.db, 'imp_x')).toBeNull();
  });
});
