import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse, TokenResponse } from '../../shared/sync/wire';
import type { ErrorBody } from '../../shared/wire/errors';
import { addUser } from '../../server/users/userStore';
import { makeHousehold, newRow } from '../support/documents';
import { startServerProcess, type ServerProcess } from '../../harness/serverProcess';
import { openStream } from '../support/sse';
import { api, freshDatabase } from '../support/testServer';

const VILLAGE = '371623102201';

describe('two server processes on one PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    database = await freshDatabase('postgres');
    await addUser(database.db, { username: 'xieli', password: 'password-123', role: 'assistant', areaCode: VILLAGE });
    await addUser(database.db, { username: 'zhen', password: 'password-123', role: 'township', areaCode: '371623102000' });
    await addUser(database.db, { username: 'zhen_b', password: 'password-123', role: 'township', areaCode: '371623102000' });
    await addUser(database.db, { username: 'xian', password: 'password-123', role: 'county', areaCode: '371623000000' });
    const env = { DATABASE_URL: database.url! };
    servers.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database?.drop();
  });

  const login = async (server: ServerProcess, username: string) =>
    (await api<TokenResponse>(server, null, 'POST', '/api/v1/auth/login', { username, password: 'password-123', deviceId: `dev-${username}-1` })).body;

  it('share sign-ins and deliver a change pushed through one to a live stream held by the other', async () => {
    const [first, second] = servers as [ServerProcess, ServerProcess];
    const village = await login(first, 'xieli');
    const township = await login(second, 'zhen');

    const stream = await openStream(second, township.accessToken, 'households');
    expect(await stream.next()).toBe('RESYNC');

    const household = makeHousehold(VILLAGE);
    // A token issued by the second process works on the first: the signing secret is in the database.
    expect((await api(first, township.accessToken, 'GET', '/api/v1/sync/households/pull')).status).toBe(200);
    expect((await api(first, village.accessToken, 'POST', '/api/v1/sync/households/push', [newRow(household)])).status).toBe(200);
    const event = (await stream.next()) as PullResponse<{ id: string }>;
    expect(event.documents.map((d) => d.id)).toContain(household.id);
    stream.close();
  });

  it('a device revoked through one process has its stream on the other ended within 5 s, and is refused there after', async () => {
    const [first, second] = servers as [ServerProcess, ServerProcess];
    const township = await login(first, 'zhen_b');
    const county = await login(second, 'xian');
    const stream = await openStream(first, township.accessToken, 'households');
    expect(await stream.next()).toBe('RESYNC');

    const started = Date.now();
    const ended = stream.untilEnd();
    const revoked = await api(second, county.accessToken, 'POST', `/api/v1/admin/users/${township.user.id}/devices/dev-zhen_b-1/revoke`);
    expect(revoked.status).toBe(200);
    expect(await ended).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5_000);
    const again = await api<ErrorBody>(first, township.accessToken, 'GET', '/api/v1/sync/households/stream');
    expect(again).toMatchObject({ status: 401, body: { error: { code: 'device_revoked' } } });
  });
});
