import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenResponse } from '../../shared/sync/wire';
import type { ErrorBody } from '../../shared/wire/errors';
import { buildServer } from '../../server/app';
import { readConfig, readTrustProxy } from '../../server/config';
import { addUser } from '../../server/users/userStore';
import { databaseKinds, freshDatabase, type DatabaseKind } from '../support/testServer';

const VILLAGE = '371623102201';
const PASSWORD = 'correct horse battery';

interface Instance {
  app: FastifyInstance;
  url: string;
}

/** A server on `db` that trusts 127.0.0.1 (the test itself) as its reverse proxy. */
async function instance(db: Awaited<ReturnType<typeof freshDatabase>>['db'], trustProxy: string[] | false = ['127.0.0.1']): Promise<Instance> {
  const app = await buildServer({ db, trustProxy });
  return { app, url: await app.listen({ port: 0, host: '127.0.0.1' }) };
}

/** Signs in as if from `address` (the proxy's X-Forwarded-For). */
async function login(server: Instance, body: { username: string; password: string; deviceId: string }, address?: string) {
  const response = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(address ? { 'x-forwarded-for': address } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as TokenResponse & ErrorBody };
}

describe.each(databaseKinds)('sign-in limits on %s', (kind: DatabaseKind) => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let server: Instance;
  let addressCounter = 0;
  /** A documentation-range address no other test has used. */
  const newAddress = () => `203.0.113.${++addressCounter}`;

  beforeAll(async () => {
    database = await freshDatabase(kind);
    server = await instance(database.db);
  });
  afterAll(async () => {
    await server?.app.close();
    await database?.drop();
  });

  /** A user who has signed in once from `knownDevice`. */
  async function userWithLaptop() {
    const username = `u${randomUUID().slice(0, 8)}`;
    await addUser(database.db, { username, password: PASSWORD, role: 'assistant', areaCode: VILLAGE });
    const knownDevice = `dev-${randomUUID()}`;
    expect((await login(server, { username, password: PASSWORD, deviceId: knownDevice }, newAddress())).status).toBe(200);
    return { username, knownDevice };
  }

  it('10 guesses for a user from one address: that address is locked for everyone and the user for new devices, not on the laptop the user signs in from', async () => {
    const { username, knownDevice } = await userWithLaptop();
    const bystander = await userWithLaptop();
    const attacker = newAddress();
    for (let i = 0; i < 10; i++) {
      expect((await login(server, { username, password: `guess-${i}`, deviceId: 'dev-attacker-1' }, attacker)).status).toBe(401);
    }
    const locked = await login(server, { username, password: PASSWORD, deviceId: 'dev-attacker-1' }, attacker);
    expect(locked.status).toBe(429);
    expect(locked.body.error).toMatchObject({ code: 'too_many_attempts', message: expect.stringMatching(/登录失败次数过多/) });
    // The address is locked for everyone: even a right password of another user from a known laptop.
    expect((await login(server, { username: bystander.username, password: PASSWORD, deviceId: bystander.knownDevice }, attacker)).status).toBe(429);
    // The user is locked for devices never seen with this user, from anywhere…
    expect((await login(server, { username, password: PASSWORD, deviceId: `dev-${randomUUID()}` }, newAddress())).status).toBe(429);
    // …but not on the laptop the user has signed in from before, from an address that is not locked.
    const onLaptop = await login(server, { username, password: PASSWORD, deviceId: knownDevice }, newAddress());
    expect(onLaptop.status).toBe(200);
    expect(onLaptop.body.user.username).toBe(username);

    const failures = await database.db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_log WHERE action = 'login_failed' AND details->>'reason' = 'too_many_attempts'`,
    );
    expect(failures.map((f) => f.details['lockedBy']).sort()).toEqual(['address', 'address', 'user']);
  });

  it('a known laptop that is revoked counts as a new device', async () => {
    const { username, knownDevice } = await userWithLaptop();
    const attacker = newAddress();
    for (let i = 0; i < 10; i++) await login(server, { username, password: `guess-${i}`, deviceId: 'dev-attacker-2' }, attacker);
    await database.db.query('UPDATE devices SET revoked_at = now() WHERE device_id = $1', [knownDevice]);
    expect((await login(server, { username, password: PASSWORD, deviceId: knownDevice }, newAddress())).status).toBe(429);
  });

  it('guessing from a known laptop’s id locks that id, not the user', async () => {
    const { username, knownDevice } = await userWithLaptop();
    const second = `dev-${randomUUID()}`;
    expect((await login(server, { username, password: PASSWORD, deviceId: second }, newAddress())).status).toBe(200);
    // Ten addresses, one guess each: no address is full; the device id is.
    for (let i = 0; i < 10; i++) expect((await login(server, { username, password: `guess-${i}`, deviceId: knownDevice }, newAddress())).status).toBe(401);
    expect((await login(server, { username, password: PASSWORD, deviceId: knownDevice }, newAddress())).status).toBe(429);
    expect((await login(server, { username, password: PASSWORD, deviceId: second }, newAddress())).status).toBe(200);
    expect((await login(server, { username, password: PASSWORD, deviceId: `dev-${randomUUID()}` }, newAddress())).status).toBe(200);
  });

  it('a successful sign-in does not reset the address’s count (9 guesses, a valid sign-in, then the 10th guess is the last)', async () => {
    const { username, knownDevice } = await userWithLaptop();
    const address = newAddress();
    for (let i = 0; i < 9; i++) expect((await login(server, { username: `nobody-${i}`, password: 'x-guess', deviceId: 'dev-guess-3' }, address)).status).toBe(401);
    expect((await login(server, { username, password: PASSWORD, deviceId: knownDevice }, address)).status).toBe(200);
    expect((await login(server, { username: 'nobody-9', password: 'x-guess', deviceId: 'dev-guess-3' }, address)).status).toBe(401);
    expect((await login(server, { username, password: PASSWORD, deviceId: knownDevice }, address)).status).toBe(429);
  });

  it('counts in a sliding window of 15 minutes and prunes what fell out of it', async () => {
    const { username, knownDevice } = await userWithLaptop();
    const address = newAddress();
    for (let i = 0; i < 10; i++) await login(server, { username: `nobody-${i}`, password: 'x-guess', deviceId: 'dev-guess-4' }, address);
    expect((await login(server, { username, password: PASSWORD, deviceId: knownDevice }, address)).status).toBe(429);
    // Fourteen minutes later: still locked.
    await database.db.query(`UPDATE login_failures SET at = at - interval '14 minutes'`);
    expect((await login(server, { username, password: PASSWORD, deviceId: knownDevice }, address)).status).toBe(429);
    // A minute and a bit more: the failures have left the window, and the next attempt removes them.
    await database.db.query(`UPDATE login_failures SET at = at - interval '70 seconds'`);
    expect((await login(server, { username, password: PASSWORD, deviceId: knownDevice }, address)).status).toBe(200);
    const left = await database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM login_failures WHERE at < now() - interval '15 minutes'`);
    expect(left[0]!.n).toBe(0);
  });

  it('keeps no username or address readable in its table', async () => {
    const typedInTheWrongField = 'MyPassword-8841';
    await login(server, { username: typedInTheWrongField, password: 'x-guess', deviceId: 'dev-guess-5' }, '198.51.100.250');
    const rows = JSON.stringify(await database.db.query('SELECT * FROM login_failures'));
    expect(rows).not.toContain(typedInTheWrongField);
    expect(rows).not.toContain('198.51.100.250');
  });

  it('lets in at most 10 of many parallel guesses for one user', async () => {
    const { username } = await userWithLaptop();
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) => login(server, { username, password: `parallel-${i}`, deviceId: 'dev-guess-6' }, newAddress())),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(6);
  });

  it('without a trusted proxy, X-Forwarded-For is ignored: the socket’s address counts', async () => {
    const untrusting = await instance(database.db, false);
    try {
      const { username, knownDevice } = await userWithLaptop();
      for (let i = 0; i < 10; i++) await login(untrusting, { username: `nobody-${i}`, password: 'x-guess', deviceId: 'dev-guess-7' }, newAddress());
      // Every guess came from 127.0.0.1, whatever the header said.
      expect((await login(untrusting, { username, password: PASSWORD, deviceId: knownDevice }, newAddress())).status).toBe(429);
    } finally {
      await untrusting.app.close();
    }
  });
});

describe('two server instances on one PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let first: Instance;
  let second: Instance;
  beforeAll(async () => {
    database = await freshDatabase('postgres');
    [first, second] = await Promise.all([instance(database.db), instance(database.db)]);
    await addUser(database.db, { username: 'xieli', password: PASSWORD, role: 'assistant', areaCode: VILLAGE });
  });
  afterAll(async () => {
    await first?.app.close();
    await second?.app.close();
    await database?.drop();
  });

  it('share the counts: guesses spread over both lock the address and the user on both', async () => {
    const address = '192.0.2.10';
    for (let i = 0; i < 10; i++) {
      const through = i % 2 === 0 ? first : second;
      expect((await login(through, { username: 'xieli', password: `guess-${i}`, deviceId: 'dev-spread' }, address)).status).toBe(401);
    }
    for (const through of [first, second]) {
      expect((await login(through, { username: 'zhen', password: 'x-guess', deviceId: 'dev-other' }, address)).status).toBe(429);
      expect((await login(through, { username: 'xieli', password: PASSWORD, deviceId: 'dev-new-laptop' }, '192.0.2.11')).status).toBe(429);
    }
  });
});

describe('JIUZHU_TRUST_PROXY', () => {
  it('is read as a list of proxies; unset or empty trusts none; "everything" is refused', () => {
    expect(readTrustProxy({})).toBe(false);
    expect(readTrustProxy({ JIUZHU_TRUST_PROXY: ' ' })).toBe(false);
    expect(readTrustProxy({ JIUZHU_TRUST_PROXY: '127.0.0.1' })).toEqual(['127.0.0.1']);
    expect(readTrustProxy({ JIUZHU_TRUST_PROXY: '10.0.0.0/8, ::1,loopback' })).toEqual(['10.0.0.0/8', '::1', 'loopback']);
    expect(readConfig({ JIUZHU_TRUST_PROXY: '192.168.1.5' }).trustProxy).toEqual(['192.168.1.5']);
    for (const everything of ['true', '*', '0.0.0.0/0']) expect(() => readTrustProxy({ JIUZHU_TRUST_PROXY: everything })).toThrow(/JIUZHU_TRUST_PROXY/);
  });

  it('is what buildServer trusts when it is not told otherwise (npm run server)', async () => {
    const { db, drop } = await freshDatabase('pglite');
    const saved = process.env['JIUZHU_TRUST_PROXY'];
    process.env['JIUZHU_TRUST_PROXY'] = '127.0.0.1';
    try {
      const app = await buildServer({ db });
      app.get('/test/ip', async (request) => ({ ip: request.ip }));
      const answer = await app.inject({ method: 'GET', url: '/test/ip', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '198.51.100.9' } });
      expect(answer.json()).toEqual({ ip: '198.51.100.9' });
      const direct = await app.inject({ method: 'GET', url: '/test/ip', remoteAddress: '192.0.2.50', headers: { 'x-forwarded-for': '198.51.100.9' } });
      expect(direct.json()).toEqual({ ip: '192.0.2.50' });
      await app.close();
    } finally {
      if (saved === undefined) delete process.env['JIUZHU_TRUST_PROXY'];
      else process.env['JIUZHU_TRUST_PROXY'] = saved;
      await drop();
    }
  });
});
