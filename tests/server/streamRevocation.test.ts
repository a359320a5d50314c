import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse, TokenResponse } from '../../shared/sync/wire';
import type { ErrorBody } from '../../shared/wire/errors';
import { makeHousehold, newRow } from '../support/documents';
import { openStream } from '../support/sse';
import { api, databaseKinds, startTestServer } from '../support/testServer';

const TOWNSHIP = '371623102000'; // 无棣县碣石山镇
const VILLAGE = '371623102201';
const COUNTY = '371623000000';
/** The bound the issue sets; the streams end far sooner, the margin is for a slow machine. */
const BOUND_MS = 5_000;

type Stream = Awaited<ReturnType<typeof openStream>>;

const idsIn = (events: unknown[]) =>
  events.flatMap((event) => (typeof event === 'object' && event ? (event as PullResponse<{ id: string }>).documents.map((d) => d.id) : []));

/** A server with a county (which stops laptops), a township station that registers households, and the helpers the tests share. */
async function setUp(kind: (typeof databaseKinds)[number], options: Parameters<typeof startTestServer>[1] = {}) {
  const server = await startTestServer(kind, options);
  const county = await server.signIn('county', COUNTY);
  const registrar = await server.signIn('township', TOWNSHIP);
  const push = async (household = makeHousehold(VILLAGE)) => {
    const answer = await api(server, registrar.accessToken, 'POST', '/api/v1/sync/households/push', [newRow(household)]);
    expect(answer.status).toBe(200);
    return household;
  };
  /** Opens a stream and sees it work (a household pushed now arrives on it). */
  const liveStream = async (token: string, collection = 'households'): Promise<Stream> => {
    const stream = await openStream(server, token, collection);
    expect(await stream.next()).toBe('RESYNC');
    if (collection === 'households') {
      const first = await push();
      expect(idsIn([await stream.next()])).toContain(first.id);
    }
    return stream;
  };
  /** The stream cannot be opened again, nor anything else done, with the same token. */
  const refused = async (token: string, code: string) => {
    for (const path of ['/api/v1/sync/households/stream', '/api/v1/sync/households/pull']) {
      expect(await api<ErrorBody>(server, token, 'GET', path)).toMatchObject({ status: 401, body: { error: { code } } });
    }
  };
  return { server, county, push, liveStream, refused };
}

describe.each(databaseKinds)('live streams of a stopped laptop on %s', (kind) => {
  describe('stopped by an administrator', () => {
    let env: Awaited<ReturnType<typeof setUp>>;
    // The periodic check is put out of reach: what ends a stream here is the administrator's
    // announcement, or the check before each page.
    beforeAll(async () => {
      env = await setUp(kind, { server: { sessionRecheckMs: 10 * 60_000 } });
    });
    afterAll(async () => env?.server.close());

    it('revoking a township’s device ends its open stream within 5 s; every later request is 401; its other laptop’s stream goes on', async () => {
      const { server, county, push, liveStream, refused } = env;
      const township = await server.signIn('township', TOWNSHIP);
      const other = await api<TokenResponse>(server, null, 'POST', '/api/v1/auth/login', {
        username: township.user.username,
        password: township.password,
        deviceId: 'dev-other-laptop',
      });
      const otherStream = await liveStream(other.body.accessToken);
      const stream = await liveStream(township.accessToken);
      // The other laptop's stream has the household that showed this one working waiting for it.
      await otherStream.next();

      const started = Date.now();
      const ended = stream.untilEnd();
      const revoked = await api(server, county.accessToken, 'POST', `/api/v1/admin/users/${township.user.id}/devices/${township.deviceId}/revoke`);
      expect(revoked.status).toBe(200);
      expect(await ended).toEqual([]);
      expect(Date.now() - started).toBeLessThan(BOUND_MS);

      const after = await push();
      await refused(township.accessToken, 'device_revoked');
      // The same user's other device was not revoked: its stream is still open and gets the household.
      expect(idsIn([await otherStream.next()])).toContain(after.id);
      otherStream.close();
    });

    it('deactivating a user ends each of their open streams within 5 s; every later request is 401', async () => {
      const { server, county, liveStream, refused } = env;
      const township = await server.signIn('township', TOWNSHIP);
      const households = await liveStream(township.accessToken);
      const visits = await liveStream(township.accessToken, 'visits');

      const started = Date.now();
      const ended = Promise.all([households.untilEnd(), visits.untilEnd()]);
      expect((await api(server, county.accessToken, 'POST', `/api/v1/admin/users/${township.user.id}/deactivate`)).status).toBe(200);
      expect(await ended).toEqual([[], []]);
      expect(Date.now() - started).toBeLessThan(BOUND_MS);
      await refused(township.accessToken, 'device_revoked');
    });

    it('a change committed right after a revocation that sent no notice does not go out: the caller is checked before each page', async () => {
      const { server, push, liveStream } = env;
      const township = await server.signIn('township', TOWNSHIP);
      const stream = await liveStream(township.accessToken);

      const started = Date.now();
      const ended = stream.untilEnd();
      await server.db.query('UPDATE devices SET revoked_at = now() WHERE user_id = $1 AND device_id = $2', [township.user.id, township.deviceId]);
      const after = await push();
      expect(idsIn(await ended)).not.toContain(after.id);
      expect(Date.now() - started).toBeLessThan(BOUND_MS);
    });

    it('an administrator’s password reset leaves the open stream open', async () => {
      const { server, county, push, liveStream } = env;
      const township = await server.signIn('township', TOWNSHIP);
      const stream = await liveStream(township.accessToken);
      const reset = await api(server, county.accessToken, 'POST', `/api/v1/admin/users/${township.user.id}/password`, { password: 'another password 1' });
      expect(reset.status).toBe(200);
      const after = await push();
      expect(idsIn([await stream.next()])).toContain(after.id);
      stream.close();
    });
  });

  describe('with no notice at all', () => {
    let env: Awaited<ReturnType<typeof setUp>>;
    // The server's own periodic check (every few seconds) is all there is.
    beforeAll(async () => {
      env = await setUp(kind);
    });
    afterAll(async () => env?.server.close());

    it('a revocation written straight into the database ends an idle stream within 5 s', async () => {
      const { server, liveStream, refused } = env;
      const township = await server.signIn('township', TOWNSHIP);
      const stream = await liveStream(township.accessToken);

      const started = Date.now();
      const ended = stream.untilEnd();
      await server.db.query('UPDATE devices SET revoked_at = now() WHERE user_id = $1 AND device_id = $2', [township.user.id, township.deviceId]);
      // Nothing is pushed, nothing announced: only the periodic check can end it.
      expect(await ended).toEqual([]);
      expect(Date.now() - started).toBeLessThan(BOUND_MS);
      await refused(township.accessToken, 'device_revoked');
    });

    it('signing out on the server ends the streams opened with that session within 5 s', async () => {
      const { server, liveStream, refused } = env;
      const township = await server.signIn('township', TOWNSHIP);
      const stream = await liveStream(township.accessToken);

      const started = Date.now();
      const ended = stream.untilEnd();
      expect((await api(server, township.accessToken, 'POST', '/api/v1/auth/logout')).status).toBe(204);
      expect(await ended).toEqual([]);
      expect(Date.now() - started).toBeLessThan(BOUND_MS);
      await refused(township.accessToken, 'unauthorized');
    });
  });
});
