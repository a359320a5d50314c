import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenResponse } from '../../shared/sync/wire';
import type { ErrorBody } from '../../shared/wire/errors';
import { verifyPassword } from '../../server/auth/passwords';
import { api, databaseKinds, startTestServer, type TestServer } from '../support/testServer';

const VILLAGE = '371623102201';

const login = async (server: TestServer, username: string, password: string, deviceId = 'dev-auth-test-1', headers: Record<string, string> = {}) => {
  const response = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password, deviceId }),
  });
  return { status: response.status, body: (await response.json()) as TokenResponse & ErrorBody };
};

describe.each(databaseKinds)('auth on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind, { server: { trustProxy: ['127.0.0.1'] } });
  });
  afterAll(async () => server?.close());

  it('signs in with the right password and refuses a wrong one or an unknown user alike', async () => {
    const user = await server.signIn('assistant', VILLAGE);
    expect(user.user).toMatchObject({ role: 'assistant', areaCode: VILLAGE });
    expect(user.expiresIn).toBeGreaterThan(60);
    const wrong = await login(server, user.user.username, 'not the password');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    const unknown = await login(server, 'nobody-here', 'whatever-123');
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe('invalid_credentials');
    const malformed = await api<ErrorBody>(server, null, 'POST', '/api/v1/auth/login', { username: 'x' });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body.error.details)).toContain('password');
  });

  it('refuses the right password with a NUL or half a surrogate pair after it (scrypt would take NUL as the same key)', async () => {
    const user = await server.signIn('assistant', VILLAGE);
    for (const suffix of ['\u0000', '\ud800']) {
      const answer = await login(server, user.user.username, user.password + suffix);
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body.error.details)).toContain('password');
    }
    expect((await login(server, user.user.username, user.password)).status).toBe(200);
  });

  it('stores passwords only as salted scrypt hashes', async () => {
    const user = await server.signIn('assistant', VILLAGE);
    const rows = await server.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [user.user.id]);
    const hash = rows[0]!.password_hash;
    expect(hash.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(hash).not.toContain(user.password);
    expect(await verifyPassword(user.password, hash)).toBe(true);
    expect(await verifyPassword(`${user.password}!`, hash)).toBe(false);
  });

  it('rotates refresh tokens: a used one gets the same next token once more within its grace period', async () => {
    const user = await server.signIn('assistant', VILLAGE);
    const refresh = (refreshToken: string) => api<TokenResponse & ErrorBody>(server, null, 'POST', '/api/v1/auth/refresh', { refreshToken });
    const first = await refresh(user.refreshToken);
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(user.refreshToken);
    const pulled = await api(server, first.body.accessToken, 'GET', '/api/v1/sync/households/pull');
    expect(pulled.status).toBe(200);

    // The answer to `first` was lost on the way: the laptop retries with the token it still has
    // and gets the same answer (the same next refresh token), so nothing forks.
    const retried = await refresh(user.refreshToken);
    expect(retried.status).toBe(200);
    expect(retried.body.refreshToken).toBe(first.body.refreshToken);
    expect((await api(server, retried.body.accessToken, 'GET', '/api/v1/sync/households/pull')).status).toBe(200);
    const next = await refresh(retried.body.refreshToken);
    expect(next.status).toBe(200);
    expect(next.body.refreshToken).not.toBe(first.body.refreshToken);
    // Only hashes are stored: no token appears in the table.
    const stored = JSON.stringify(await server.db.query('SELECT * FROM refresh_tokens'));
    for (const token of [user.refreshToken, first.body.refreshToken, next.body.refreshToken]) expect(stored).not.toContain(token);
  });

  it('refuses a revoked device and a deactivated user at their next request', async () => {
    const device = await server.signIn('assistant', VILLAGE);
    await server.db.query('UPDATE devices SET revoked_at = now() WHERE device_id = $1', [device.deviceId]);
    expect((await api(server, device.accessToken, 'GET', '/api/v1/sync/households/pull')).status).toBe(401);
    expect((await api(server, null, 'POST', '/api/v1/auth/refresh', { refreshToken: device.refreshToken })).status).toBe(401);

    const person = await server.signIn('assistant', VILLAGE);
    await server.db.query('UPDATE users SET active = false WHERE id = $1', [person.user.id]);
    expect((await api(server, person.accessToken, 'GET', '/api/v1/sync/households/pull')).status).toBe(401);
    expect((await login(server, person.user.username, person.password)).status).toBe(401);
  });

  it('slows guessing: after 10 failures for one username, even the right password waits', async () => {
    const user = await server.signIn('assistant', VILLAGE);
    // From an address of its own (the server trusts 127.0.0.1 as a proxy): earlier tests' failures
    // from 127.0.0.1 stay counted, a success does not clear them (loginLimits.test.ts).
    const from = { 'x-forwarded-for': '198.51.100.77' };
    for (let i = 0; i < 10; i++) expect((await login(server, user.user.username, `guess-${i}`, undefined, from)).status).toBe(401);
    const blocked = await login(server, user.user.username, user.password, undefined, from);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('too_many_attempts');
  });
});
