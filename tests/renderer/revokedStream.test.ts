import 'fake-indexeddb/auto';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signIn } from '../../renderer/data/core/auth/signIn';
import { Workspace } from '../../renderer/data/core/workspace';
import { addUser } from '../../server/users/userStore';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { laptop, openWorkspace } from '../support/laptop';
import { api, startTestServer, type TestServer } from '../support/testServer';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('pglite');
  await addUser(server.db, { username: 'zhen', password: 'password-123', role: 'township', areaCode: '371623102000' });
});
afterAll(async () => server?.close());

it('tells a laptop in words that it was stopped as soon as its live stream is ended, without waiting for an edit; its drafts stay sealed for the same person', async () => {
  const device = laptop();
  const ws = await openWorkspace(server, device, 'zhen', 'password-123');
  let reopened: Workspace | null = null;
  try {
    ws.drafts.set('household:new:371623102', { values: { address: '碣石山镇一村 8 排 3 号' }, savedAt: 1 });
    await ws.drafts.flushed();
    await firstValueFrom(ws.sync.status$.pipe(filter((s) => s.lastSyncAt !== null && s.lastError === null)));
    const county = await server.signIn('county', '371623000000');
    const users = await api<{ users: { id: string; username: string; devices: { deviceId: string }[] }[] }>(server, county.accessToken, 'GET', '/api/v1/admin/users');
    const zhen = users.body.users.find((u) => u.username === 'zhen')!;
    const revoked = await api(server, county.accessToken, 'POST', `/api/v1/admin/users/${zhen.id}/devices/${encodeURIComponent(zhen.devices[0]!.deviceId)}/revoke`);
    expect(revoked.status).toBe(200);
    // The stream ends, its reopening is refused, and the pull that follows brings the refusal to the status.
    const status = await firstValueFrom(ws.sync.status$.pipe(filter((s) => s.lastError === 'sync.error.revoked')));
    expect(status.lastError).toBe('sync.error.revoked');

    // Stopped is not wiped: the half-typed form waits, sealed, and the same person finds it again
    // (offline, against this laptop's profile) — only 清除本机数据 removes it.
    await ws.close();
    const sealed = device.store.getItem(`jiuzhu:drafts:${ws.session.user.id}`);
    expect(sealed).not.toBeNull();
    expect(sealed).not.toContain('碣石山镇一村');
    const offline = await signIn({ serverUrl: 'http://127.0.0.1:9', username: 'zhen', password: 'password-123' }, device.store, 'test');
    if (!offline.ok) throw new Error(offline.reason);
    reopened = await Workspace.open(offline.session, offline, { storage: getRxStorageDexie(), store: device.store, events: device.events, isNavigatorOnline: () => false });
    expect(reopened.drafts.get('household:new:371623102')).toEqual({ values: { address: '碣石山镇一村 8 排 3 号' }, savedAt: 1 });
  } finally {
    await (reopened ?? ws).close();
  }
}, 60_000);
