import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOfflineProfile } from '../../renderer/data/core/auth/offlineProfile';
import { signIn } from '../../renderer/data/core/auth/signIn';
import { TokenKeeper } from '../../renderer/data/core/auth/tokenKeeper';
import { SyncHttpError } from '../../renderer/data/core/httpErrors';
import { PendingChanges } from '../../renderer/data/core/sync/pendingChanges';
import { SyncClient } from '../../renderer/data/core/sync/syncClient';
import { adminUsersAnswerSchema } from '../../shared/wire/adminUsers';
import { memoryStore } from '../../harness/memoryStore';

/**
 * What the app reads from the server and from its own storage is checked against the contract's
 * schemas (shared/sync/wireSchemas.ts, shared/wire/), never cast: something else answering at the
 * server's address, or a value changed on disk, fails in words instead of deep inside the app.
 */
describe('answers and stored values are checked, not cast', () => {
  let server: Server;
  let url = '';
  /** What the fake "server" answers next: a proxy's HTML page, a body of the wrong shape … */
  let answer: { status: number; type: string; body: string } = { status: 200, type: 'text/html', body: '<html>portal</html>' };

  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(answer.status, { 'content-type': answer.type });
      response.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const client = () => {
    const keeper = new TokenKeeper(url, 'refresh-token-0000000000000000000000', () => undefined);
    keeper.accept({ accessToken: 'a.b', refreshToken: 'refresh-token-0000000000000000000000', expiresIn: 900 } as never);
    return new SyncClient(url, keeper, () => undefined);
  };
  const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

  it('refuses a pull, a push or an administration answer that is not the contract’s, as a server error', async () => {
    answer = { status: 200, type: 'text/html', body: '<html>请登录校园网</html>' };
    expect(await refusal(client().pull('households', null, 10))).toMatchObject({ kind: 'server', code: 'invalid_answer' });
    answer = { status: 200, type: 'application/json', body: JSON.stringify({ documents: [{ name: 'no id' }], checkpoint: null }) };
    expect(await refusal(client().pull('households', null, 10))).toBeInstanceOf(SyncHttpError);
    answer = { status: 200, type: 'application/json', body: JSON.stringify({ conflicts: 'none' }) };
    expect(await refusal(client().push('households', []))).toMatchObject({ kind: 'server', code: 'invalid_answer' });
    answer = { status: 200, type: 'application/json', body: JSON.stringify({ users: [{ id: 'u1' }] }) };
    expect(await refusal(client().call('GET', '/api/v1/admin/users', adminUsersAnswerSchema))).toMatchObject({ code: 'invalid_answer' });
    // A good answer goes through.
    answer = { status: 200, type: 'application/json', body: JSON.stringify({ documents: [{ id: 'hh-00000001', _deleted: false }], checkpoint: { seq: 4 } }) };
    expect(await client().pull('households', null, 10)).toEqual({ documents: [{ id: 'hh-00000001', _deleted: false }], checkpoint: { seq: 4 } });
  });

  it('treats a sign-in answer of the wrong shape as a server that failed, and keeps nothing of it', async () => {
    const store = memoryStore();
    answer = { status: 200, type: 'application/json', body: JSON.stringify({ accessToken: 'x', user: { id: 'u1' } }) };
    const outcome = await signIn({ serverUrl: url, username: 'xieli_a', password: 'right-password-1' }, store, 'test');
    expect(outcome).toEqual({ ok: false, reason: 'server_error' });
    expect(readOfflineProfile(store, 'xieli_a')).toBeNull();
  });

  it('reads a profile or a waiting list changed by hand as none, not as what it says', () => {
    const store = memoryStore();
    store.setItem('jiuzhu:profile:xieli_a', JSON.stringify({ user: { id: 'u1' }, dataKeyByPassword: { salt: 1 }, secrets: 'x' }));
    expect(readOfflineProfile(store, 'xieli_a')).toBeNull();
    store.setItem('jiuzhu:pending', JSON.stringify({ 'households/hh-1': 'soon' }));
    expect(new PendingChanges(store, 'jiuzhu:pending').countOf('households')).toBe(0);
    store.setItem('jiuzhu:pending', JSON.stringify({ 'households/hh-1': 5 }));
    expect(new PendingChanges(store, 'jiuzhu:pending').countOf('households')).toBe(1);
  });
});
