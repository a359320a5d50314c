import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../shared/sync/wire';
import { readMinAppVersion } from '../../server/http/appVersionGate';
import { makeHousehold, newRow } from '../support/documents';
import { startTestServer, type TestServer } from '../support/testServer';

const VILLAGE = '371623102201';

let server: TestServer;
let open: TestServer;
beforeAll(async () => {
  server = await startTestServer('pglite', { server: { minAppVersion: '0.3.0' } });
  open = await startTestServer('pglite', { server: { minAppVersion: null } });
});
afterAll(async () => {
  await server?.close();
  await open?.close();
});

async function call(target: TestServer, path: string, init: { token: string; version?: string; body?: unknown }) {
  const response = await fetch(`${target.url}${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${init.token}`,
      ...(init.version ? { 'x-jiuzhu-app-version': init.version } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe('the oldest app version the server accepts', () => {
  it('is stated in the health answer', async () => {
    expect(await (await fetch(`${server.url}/api/v1/health`)).json()).toMatchObject({ status: 'ok', minAppVersion: '0.3.0' });
    expect(await (await fetch(`${open.url}/api/v1/health`)).json()).toMatchObject({ status: 'ok', minAppVersion: null });
  });

  it('refuses an older app in words naming the version needed, and stores nothing of its push', async () => {
    const assistant = await server.signIn('assistant', VILLAGE);
    const household = makeHousehold(VILLAGE);
    const refused = await call(server, '/api/v1/sync/households/push', { token: assistant.accessToken, version: '0.2.9', body: [newRow(household)] });
    expect(refused).toEqual({
      status: 426,
      body: {
        error: {
          code: 'app_too_old',
          message: '救助通版本过旧：请更新到 0.3.0 或更高版本后再同步。您未上传的记录仍保存在本机。',
          details: { minVersion: '0.3.0', appVersion: '0.2.9' },
        },
      },
    });
    expect((await call(server, '/api/v1/sync/households/pull?limit=10', { token: assistant.accessToken, version: '0.1.0' })).status).toBe(426);
    expect((await call(server, '/api/v1/admin/users', { token: assistant.accessToken, version: '0.1.0' })).status).toBe(426);
    // Signing in stays open: the old laptop opens its records online, is told to update, and looks for the update.
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-jiuzhu-app-version': '0.1.0' },
      body: JSON.stringify({ username: assistant.user.username, password: assistant.password, deviceId: assistant.deviceId }),
    });
    expect(login.status).toBe(200);
    // The same request from the version needed (or a later one) goes through, and only then is the household stored.
    const pulled = await call(server, '/api/v1/sync/households/pull?limit=10', { token: assistant.accessToken, version: '0.3.0' });
    expect((pulled.body as PullResponse<{ id: string }>).documents.map((d) => d.id)).not.toContain(household.id);
    expect((await call(server, '/api/v1/sync/households/push', { token: assistant.accessToken, version: '0.10.0', body: [newRow(household)] })).status).toBe(200);
    const again = await call(server, '/api/v1/sync/households/pull?limit=10', { token: assistant.accessToken, version: '0.3.0-beta.2' });
    expect((again.body as PullResponse<{ id: string }>).documents.map((d) => d.id)).toContain(household.id);
  });

  it('serves a request without the header (another program using the contract) as before', async () => {
    const assistant = await server.signIn('assistant', VILLAGE);
    expect((await call(server, '/api/v1/sync/households/push', { token: assistant.accessToken, body: [newRow(makeHousehold(VILLAGE))] })).status).toBe(200);
    expect((await call(server, '/api/v1/sync/households/pull?limit=10', { token: assistant.accessToken })).status).toBe(200);
  });

  it('lets the app send its version from its own origin, and read the refusal there', async () => {
    const preflight = await fetch(`${server.url}/api/v1/sync/households/pull`, {
      method: 'OPTIONS',
      headers: { origin: 'app://jiuzhu', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization,x-jiuzhu-app-version' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-jiuzhu-app-version');
    const refused = await fetch(`${server.url}/api/v1/sync/households/pull?limit=1`, { headers: { origin: 'app://jiuzhu', 'x-jiuzhu-app-version': '0.1.0' } });
    expect(refused.status).toBe(426);
    expect(refused.headers.get('access-control-allow-origin')).toBe('app://jiuzhu');
  });

  it('accepts every version when no minimum is set, and refuses a mistyped minimum in words', async () => {
    const assistant = await open.signIn('assistant', VILLAGE);
    expect((await call(open, '/api/v1/sync/households/pull?limit=1', { token: assistant.accessToken, version: '0.0.1' })).status).toBe(200);
    expect(readMinAppVersion({ JIUZHU_MIN_APP_VERSION: '0.3.0' })).toBe('0.3.0');
    expect(readMinAppVersion({})).toBeNull();
    expect(() => readMinAppVersion({ JIUZHU_MIN_APP_VERSION: 'latest' })).toThrow(/JIUZHU_MIN_APP_VERSION must be a version/);
  });
});
