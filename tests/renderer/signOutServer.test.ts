import 'fake-indexeddb/auto';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../renderer/data/core/auth/signIn';
import { Workspace } from '../../renderer/data/core/workspace';
import { addUser } from '../../server/users/userStore';
import { laptop } from '../support/laptop';
import { api, startTestServer, type TestServer } from '../support/testServer';

const VILLAGE = '371623102201';
const PASSWORD = 'password-123';

/** 退出登录 online ends the laptop's session on the server too; offline it just signs out. */
describe('signing out tells the server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('pglite');
    await addUser(server.db, { username: 'xieli', password: PASSWORD, role: 'assistant', areaCode: VILLAGE });
  });
  afterAll(async () => server?.close());

  async function signedIn(sessionServer: string) {
    const device = laptop();
    const outcome = await signIn({ serverUrl: server.url, username: 'xieli', password: PASSWORD }, device.store, 'test');
    if (!outcome.ok || !outcome.tokens) throw new Error('sign-in failed');
    const workspace = await Workspace.open({ ...outcome.session, serverUrl: sessionServer }, outcome, {
      storage: getRxStorageDexie(),
      store: device.store,
      events: device.events,
      isNavigatorOnline: () => device.online,
    });
    return { workspace, tokens: outcome.tokens };
  }

  it('ends the device’s session online: its access and refresh tokens stop working', async () => {
    const { workspace, tokens } = await signedIn(server.url);
    await workspace.close();
    await workspace.endServerSession();
    expect((await api(server, tokens.accessToken, 'GET', '/api/v1/sync/households/pull')).status).toBe(401);
    expect((await api(server, null, 'POST', '/api/v1/auth/refresh', { refreshToken: tokens.refreshToken })).status).toBe(401);
    const audited = await server.db.query(`SELECT 1 FROM audit_log WHERE action = 'logout' AND user_id = $1`, [tokens.user.id]);
    expect(audited).toHaveLength(1);
  });

  it('signs out offline at once and without an error; the server session stays until it expires', async () => {
    // Nothing listens at the session's address.
    const { workspace, tokens } = await signedIn('http://127.0.0.1:9');
    await workspace.close();
    const started = Date.now();
    await expect(workspace.endServerSession()).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await api(server, tokens.accessToken, 'GET', '/api/v1/sync/households/pull')).status).toBe(200);
  });
});
