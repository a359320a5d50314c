import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAccessToken } from '../../server/auth/accessTokens';
import { publicTokenKey } from '../../server/auth/tokenKeys';
import { startTestServer, type TestServer } from '../support/testServer';

describe('access tokens are signed with an Ed25519 key whose public half anyone may fetch (a relay checks them, issue 17)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('pglite');
  });
  afterAll(async () => server?.close());

  it('serves the public key without sign-in, and a token verifies with it alone', async () => {
    const answer = await fetch(`${server.url}/api/v1/auth/token-key`);
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { algorithm: string; publicKey: string };
    expect(body.algorithm).toBe('Ed25519');
    expect(body.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(body.publicKey).not.toMatch(/PRIVATE/);
    const key = publicTokenKey(body.publicKey)!;
    const signedIn = await server.signIn('assistant', '371623102201');
    expect(verifyAccessToken(signedIn.accessToken, key)).toMatchObject({ sub: signedIn.user.id, iss: 'central' });
  });

  it('refuses a token made the old way, with the HMAC secret the server still keeps', async () => {
    const signedIn = await server.signIn('assistant', '371623102201');
    const [payload] = signedIn.accessToken.split('.') as [string];
    const hmacSecret = (await server.db.query<{ value: string }>("SELECT value FROM server_secrets WHERE name = 'access_token_hmac'"))[0]!.value;
    const oldStyle = `${payload}.${createHmac('sha256', hmacSecret).update(payload).digest('base64url')}`;
    const answer = await fetch(`${server.url}/api/v1/sync/households/pull?limit=1`, { headers: { authorization: `Bearer ${oldStyle}` } });
    expect(answer.status).toBe(401);
    const good = await fetch(`${server.url}/api/v1/sync/households/pull?limit=1`, { headers: { authorization: `Bearer ${signedIn.accessToken}` } });
    expect(good.status).toBe(200);
  });
});
