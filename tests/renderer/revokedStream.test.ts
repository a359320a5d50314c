import 'fake-indexeddb/auto';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser } from '../../server/users/userStore';
import { laptop, openWorkspace } from '../support/laptop';
import { api, startTestServer, type TestServer } from '../support/testServer';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('pglite');
  await addUser(server.db, { username: 'zhen', password: 'password-123', role: 'township', areaCode: '371623102000' });
});
afterAll(async () => server?.close());

it('tells a laptop in words that it was stopped as soon as its live stream is ended, without waiting for an edit', async () => {
  const ws = await openWorkspace(server, laptop(), 'zhen', 'password-123');
  try {
    await firstValueFrom(ws.sync.status$.pipe(filter((s) => s.lastSyncAt !== null && s.lastError === null)));
    const county = await server.signIn('county', '371623000000');
    const users = await api<{ users: { id: string; username: string; devices: { deviceId: string }[] }[] }>(server, county.accessToken, 'GET', '/api/v1/admin/users');
    const zhen = users.body.users.find((u) => u.username === 'zhen')!;
    const revoked = await api(server, county.accessToken, 'POST', `/api/v1/admin/users/${zhen.id}/devices/${encodeURIComponent(zhen.devices[0]!.deviceId)}/revoke`);
    expect(revoked.status).toBe(200);
    // The stream ends, its reopening is refused, and the pull that follows brings the refusal to the status.
    const status = await firstValueFrom(ws.sync.status$.pipe(filter((s) => s.lastError === 'sync.error.revoked')));
    expect(status.lastError).toBe('sync.error.revoked');
  } finally {
    await ws.close();
  }
}, 60_000);
