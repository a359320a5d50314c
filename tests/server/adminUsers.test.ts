import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse, TokenResponse } from '../../shared/sync/wire';
import type { ErrorBody } from '../../shared/wire/errors';
import { makeHousehold, newRow } from '../support/documents';
import { api, databaseKinds, startTestServer, type TestServer } from '../support/testServer';

const TOWNSHIP = '371623102000';
const VILLAGE = '371623102201';
const OTHER_VILLAGE = '371623102202';

describe.each(databaseKinds)('township admin creates and manages accounts (%s)', (kind) => {
  let server: TestServer;
  let township: Awaited<ReturnType<TestServer['signIn']>>;
  let county: Awaited<ReturnType<TestServer['signIn']>>;

  beforeAll(async () => {
    server = await startTestServer(kind);
    township = await server.signIn('township', TOWNSHIP);
    county = await server.signIn('county', '371623000000');
    const other = await server.signIn('assistant', OTHER_VILLAGE);
    await api(server, other.accessToken, 'POST', '/api/v1/sync/households/push', [newRow(makeHousehold(OTHER_VILLAGE))]);
  });
  afterAll(async () => server?.close());

  const login = (username: string, password: string) =>
    api<TokenResponse & ErrorBody>(server, null, 'POST', '/api/v1/auth/login', { username, password, deviceId: `dev-${username}-laptop` });

  it('creates an assistant for one of its villages, who then signs in and sees that village only', async () => {
    const created = await api<{ user: { id: string; role: string; areaCode: string } }>(server, township.accessToken, 'POST', '/api/v1/admin/users', {
      username: 'wang_xl',
      password: 'first-pass-1',
      role: 'assistant',
      areaCode: VILLAGE,
      displayName: '王秀莲',
    });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ role: 'assistant', areaCode: VILLAGE });

    const session = await login('wang_xl', 'first-pass-1');
    expect(session.status).toBe(200);
    const mine = makeHousehold(VILLAGE);
    expect((await api(server, session.body.accessToken, 'POST', '/api/v1/sync/households/push', [newRow(mine)])).status).toBe(200);
    const pulled = await api<PullResponse<{ areaCode: string }>>(server, session.body.accessToken, 'GET', '/api/v1/sync/households/pull?limit=1000');
    expect(pulled.body.documents.length).toBeGreaterThan(0);
    expect(pulled.body.documents.every((d) => d.areaCode === VILLAGE)).toBe(true);

    // Reset the password: the old one stops working, the new one works, refresh tokens end.
    const reset = await api(server, township.accessToken, 'POST', `/api/v1/admin/users/${created.body.user.id}/password`, { password: 'second-pass-2' });
    expect(reset.status).toBe(200);
    expect((await login('wang_xl', 'first-pass-1')).status).toBe(401);
    expect((await api(server, null, 'POST', '/api/v1/auth/refresh', { refreshToken: session.body.refreshToken })).status).toBe(401);
    const again = await login('wang_xl', 'second-pass-2');
    expect(again.status).toBe(200);

    // Revoking the laptop ends its sync at the next request.
    const revoke = await api(server, township.accessToken, 'POST', `/api/v1/admin/users/${created.body.user.id}/devices/dev-wang_xl-laptop/revoke`);
    expect(revoke.status).toBe(200);
    const refused = await api<ErrorBody>(server, again.body.accessToken, 'GET', '/api/v1/sync/households/pull');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('device_revoked');

    const audit = await api<{ entries: { action: string; documentId: string | null }[] }>(
      server, county.accessToken, 'GET', `/api/v1/audit?documentId=${created.body.user.id}`);
    expect(audit.body.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['create_user', 'reset_password', 'revoke_device']));
  });

  it('refuses accounts outside its reach, duplicates and bad fields, naming the field', async () => {
    const create = (body: Record<string, string>) =>
      api<ErrorBody>(server, township.accessToken, 'POST', '/api/v1/admin/users', {
        username: `u${Math.random().toString(36).slice(2, 9)}`, password: 'good-pass-1', role: 'assistant', areaCode: VILLAGE, displayName: '测试', ...body,
      });
    expect((await create({ areaCode: '371621104303' })).status).toBe(403); // another county's village
    expect((await create({ role: 'township', areaCode: TOWNSHIP })).status).toBe(403); // a colleague, not below
    expect((await create({ username: 'wang_xl' })).status).toBe(409);
    const badArea = await create({ areaCode: '371623102999' });
    expect(badArea.status).toBe(422);
    expect(JSON.stringify(badArea.body.error.details)).toContain('area');
    const shortPassword = await create({ password: 'short' });
    expect(shortPassword.status).toBe(422);
    expect(JSON.stringify(shortPassword.body.error.details)).toContain('password');
    const assistant = await server.signIn('assistant', VILLAGE);
    expect((await api(server, assistant.accessToken, 'POST', '/api/v1/admin/users', { username: 'x1234', password: 'good-pass-1', role: 'assistant', areaCode: VILLAGE, displayName: '某' })).status).toBe(403);
  });
});
