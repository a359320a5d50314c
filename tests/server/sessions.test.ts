import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenResponse } from '../../shared/sync/wire';
import type { ErrorBody } from '../../shared/wire/errors';
import { REFRESH_GRACE_SECONDS } from '../../server/auth/refreshTokens';
import { api, databaseKinds, startTestServer, type TestServer } from '../support/testServer';

const VILLAGE = '371623102201';

type Session = TokenResponse & { password: string; deviceId: string };

/**
 * Sessions end when they should: a refresh token works once (plus one retry of a lost answer),
 * any other replay ends the device's session, and signing out ends it too.
 */
describe.each(databaseKinds)('sessions on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  const refresh = (refreshToken: string) => api<TokenResponse & ErrorBody>(server, null, 'POST', '/api/v1/auth/refresh', { refreshToken });
  const pull = (accessToken: string) => api<ErrorBody>(server, accessToken, 'GET', '/api/v1/sync/households/pull');
  const logout = (accessToken: string | null) => api<ErrorBody | null>(server, accessToken, 'POST', '/api/v1/auth/logout');
  const login = (who: Session) =>
    api<TokenResponse & ErrorBody>(server, null, 'POST', '/api/v1/auth/login', { username: who.user.username, password: who.password, deviceId: who.deviceId });
  const tokensOf = async (who: Session) =>
    (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM refresh_tokens WHERE user_id = $1 AND device_id = $2', [who.user.id, who.deviceId]))[0]!.n;
  const auditOf = (who: Session, action: string) =>
    server.db.query<{ device_id: string; details: Record<string, unknown> }>('SELECT device_id, details FROM audit_log WHERE user_id = $1 AND action = $2', [
      who.user.id,
      action,
    ]);
  /** The moment the grace of every used token of this device has passed. */
  const graceOver = (who: Session) =>
    server.db.query(`UPDATE refresh_tokens SET used_at = used_at - make_interval(secs => $3) WHERE user_id = $1 AND device_id = $2 AND used_at IS NOT NULL`, [
      who.user.id,
      who.deviceId,
      REFRESH_GRACE_SECONDS + 1,
    ]);

  /** The device's session has ended: nothing it held works, and its password starts a new one. */
  async function expectSessionEnded(who: Session, accessTokens: string[], refreshTokens: string[]) {
    for (const token of accessTokens) {
      const refused = await pull(token);
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('unauthorized');
    }
    for (const token of refreshTokens) expect((await refresh(token)).status).toBe(401);
    expect(await tokensOf(who)).toBe(0);
    const again = await login(who);
    expect(again.status).toBe(200);
    expect((await pull(again.body.accessToken)).status).toBe(200);
    expect((await refresh(again.body.refreshToken)).status).toBe(200);
  }

  it('answers a retry within the grace once, then takes a third use as theft and ends the device’s session', async () => {
    const who = await server.signIn('assistant', VILLAGE);
    const colleagueDevice = await server.signIn('assistant', VILLAGE);
    const first = await refresh(who.refreshToken);
    expect(first.status).toBe(200);
    const retried = await refresh(who.refreshToken);
    expect(retried.status).toBe(200);
    expect(retried.body.refreshToken).toBe(first.body.refreshToken);

    const third = await refresh(who.refreshToken);
    expect(third.status).toBe(401);
    expect(third.body.error).toMatchObject({ code: 'invalid_refresh_token', message: expect.stringMatching(/登录/) });
    const audited = await auditOf(who, 'refresh_replay');
    expect(audited).toEqual([{ device_id: who.deviceId, details: expect.objectContaining({ reason: 'used_twice' }) }]);
    expect(JSON.stringify(audited)).not.toContain(who.refreshToken);
    // Every token the device held is dead — the one handed out twice too — until it signs in again.
    await expectSessionEnded(who, [who.accessToken, first.body.accessToken, retried.body.accessToken], [first.body.refreshToken]);
    // Another device is not touched.
    expect((await pull(colleagueDevice.accessToken)).status).toBe(200);
  });

  it('takes a used token coming back after the grace as theft', async () => {
    const who = await server.signIn('assistant', VILLAGE);
    const first = await refresh(who.refreshToken);
    expect(first.status).toBe(200);
    await graceOver(who);
    const late = await refresh(who.refreshToken);
    expect(late.status).toBe(401);
    expect(late.body.error.code).toBe('invalid_refresh_token');
    expect((await auditOf(who, 'refresh_replay')).map((e) => e.details['reason'])).toEqual(['after_grace']);
    await expectSessionEnded(who, [who.accessToken, first.body.accessToken], [first.body.refreshToken]);
  });

  it('takes a used token coming back after its successor was used as theft, even within the grace', async () => {
    const who = await server.signIn('assistant', VILLAGE);
    const first = await refresh(who.refreshToken);
    const second = await refresh(first.body.refreshToken);
    expect(second.status).toBe(200);
    const replay = await refresh(who.refreshToken);
    expect(replay.status).toBe(401);
    expect((await auditOf(who, 'refresh_replay')).map((e) => e.details['reason'])).toEqual(['next_token_used']);
    await expectSessionEnded(who, [second.body.accessToken], [second.body.refreshToken, first.body.refreshToken]);
  });

  it('gives two refreshes racing with one token the same next token', async () => {
    const who = await server.signIn('assistant', VILLAGE);
    const [a, b] = await Promise.all([refresh(who.refreshToken), refresh(who.refreshToken)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.refreshToken).toBe(b.body.refreshToken);
    expect((await refresh(a.body.refreshToken)).status).toBe(200);
  });

  it('refuses an unknown or expired token without ending anyone’s session', async () => {
    const who = await server.signIn('assistant', VILLAGE);
    expect((await refresh('x'.repeat(43))).status).toBe(401);
    await server.db.query('UPDATE refresh_tokens SET expires_at = now() - interval \'1 second\' WHERE user_id = $1', [who.user.id]);
    const expired = await refresh(who.refreshToken);
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('invalid_refresh_token');
    expect(await auditOf(who, 'refresh_replay')).toEqual([]);
    expect((await pull(who.accessToken)).status).toBe(200);
  });

  it('signs out: 204, the device’s refresh tokens and access tokens stop working, audited; its other devices and a new sign-in work', async () => {
    const who = await server.signIn('assistant', VILLAGE);
    const renewed = await refresh(who.refreshToken);
    const otherDevice = await api<TokenResponse>(server, null, 'POST', '/api/v1/auth/login', {
      username: who.user.username,
      password: who.password,
      deviceId: `${who.deviceId}-second`,
    });
    expect(otherDevice.status).toBe(200);

    const answer = await fetch(`${server.url}/api/v1/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${renewed.body.accessToken}` } });
    expect(answer.status).toBe(204);
    expect(await answer.text()).toBe('');
    const audited = await auditOf(who, 'logout');
    expect(audited).toEqual([{ device_id: who.deviceId, details: expect.objectContaining({ ip: expect.any(String) }) }]);
    expect(JSON.stringify(audited)).not.toContain(renewed.body.accessToken);
    // Signing out twice: the first ended the session, so the token no longer counts.
    expect((await logout(renewed.body.accessToken)).status).toBe(401);
    expect((await pull(otherDevice.body.accessToken)).status).toBe(200);
    expect((await refresh(otherDevice.body.refreshToken)).status).toBe(200);
    await expectSessionEnded(who, [who.accessToken, renewed.body.accessToken], [who.refreshToken, renewed.body.refreshToken]);
  });

  it('refuses to sign out without a valid access token', async () => {
    const missing = await logout(null);
    expect(missing.status).toBe(401);
    expect(missing.body?.error.code).toBe('unauthorized');
    expect((await logout('not.a-token')).status).toBe(401);
  });
});
