import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import pg from 'pg';
import type { TokenResponse } from '../../shared/sync/wire';
import type { ErrorBody } from '../../shared/wire/errors';
import { buildServer } from '../../server/app';
import type { Database } from '../../server/db/database';
import { openDatabase } from '../../server/db/openDatabase';
import { setAreaRevision } from '../../server/areas/areaDocuments';
import { announceReferenceImport, storeDivisionFile } from '../../server/reference/referenceStore';
import { addUser } from '../../server/users/userStore';
import { checkDivisionFile, setDivisionFile } from '../../shared/areas';
import { makeHousehold, newRow } from '../support/documents';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { openStream } from '../support/sse';
import { api, emptyPostgresDatabase } from '../support/testServer';

const VILLAGE = '371623102201';

/** Runs fn on a connection to PostgreSQL itself (not through the proxy), to the test cluster's own database. */
async function direct<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('postgresUrl') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The server's connections LISTENing in its database. */
async function listeners(url: string): Promise<number> {
  const database = new URL(url).pathname.slice(1);
  return direct(async (client) => {
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN %'",
      [database],
    );
    return Number(rows[0]!.n);
  });
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 50));
}

/**
 * The server reaches PostgreSQL through a TCP proxy that can drop every connection and refuse new
 * ones — the database gone, as during a failover — and comes back.
 */
describe('the server while its PostgreSQL is away', () => {
  let empty: Awaited<ReturnType<typeof emptyPostgresDatabase>>;
  let proxy: FaultProxy;
  let db: Database;
  let app: FastifyInstance;
  let server: { url: string };
  let token: string;

  beforeAll(async () => {
    empty = await emptyPostgresDatabase();
    const direct = new URL(empty.url);
    proxy = await startFaultProxy(Number(direct.port));
    const viaProxy = new URL(empty.url);
    viaProxy.port = String(proxy.port);
    db = await openDatabase({ databaseUrl: viaProxy.toString(), dataDir: null });
    await addUser(db, { username: 'xieli', password: 'password-123', role: 'assistant', areaCode: VILLAGE });
    app = await buildServer({ db, staticDir: null });
    server = { url: await app.listen({ port: 0, host: '127.0.0.1' }) };
    const login = await api<TokenResponse>(server, null, 'POST', '/api/v1/auth/login', { username: 'xieli', password: 'password-123', deviceId: 'dev-away' });
    token = login.body.accessToken;
  });
  afterAll(async () => {
    proxy?.allow();
    await app?.close();
    await db?.close();
    await proxy?.close();
    await empty?.drop();
  });

  it('answers 503 in words (not 500, not hanging), is not ready, stays alive, and carries on when the database is back', async () => {
    const before = makeHousehold(VILLAGE);
    expect((await api(server, token, 'POST', '/api/v1/sync/households/push', [newRow(before)])).status).toBe(200);

    proxy.refuse();
    proxy.resetAll();
    const away = makeHousehold(VILLAGE);
    const push = await api<ErrorBody>(server, token, 'POST', '/api/v1/sync/households/push', [newRow(away)]);
    expect(push.status).toBe(503);
    expect(push.body.error).toMatchObject({ code: 'database_unavailable', message: '数据库暂时无法访问，请稍后重试' });
    const pull = await api<ErrorBody>(server, token, 'GET', '/api/v1/sync/households/pull');
    expect(pull).toMatchObject({ status: 503, body: { error: { code: 'database_unavailable' } } });
    expect(await api<ErrorBody>(server, null, 'GET', '/api/v1/ready')).toMatchObject({ status: 503, body: { error: { code: 'database_unreachable' } } });
    expect((await api(server, null, 'GET', '/api/v1/health')).status).toBe(200);

    proxy.allow();
    expect((await api(server, null, 'GET', '/api/v1/ready')).status).toBe(200);
    // The push the laptop kept is sent again and stored once; the earlier one is still there.
    expect(await api(server, token, 'POST', '/api/v1/sync/households/push', [newRow(away)])).toEqual({ status: 200, body: { conflicts: [] } });
    const after = await api<{ documents: { id: string }[] }>(server, token, 'GET', '/api/v1/sync/households/pull?limit=100');
    expect(after.body.documents.map((d) => d.id).sort()).toEqual([before.id, away.id].sort());
  });

  it('listens again once the database is back: a change reaches a live stream after the outage', async () => {
    // Live changes and revocations each LISTEN on a connection of their own (back from the first outage).
    await until(async () => (await listeners(empty.url)) === 2);
    proxy.refuse();
    proxy.resetAll();
    await until(async () => (await listeners(empty.url)) === 0);
    proxy.allow();
    await until(async () => (await listeners(empty.url)) === 2);

    const stream = await openStream(server, token, 'households');
    expect(await stream.next()).toBe('RESYNC');
    const household = makeHousehold(VILLAGE);
    expect((await api(server, token, 'POST', '/api/v1/sync/households/push', [newRow(household)])).status).toBe(200);
    const event = (await stream.next()) as { documents: { id: string }[] };
    expect(event.documents.map((d) => d.id)).toContain(household.id);
    stream.close();
  });

  it('a database address that accepts and then says nothing (a machine gone dark) gets 503, not a request held forever', async () => {
    const held = new Set<Socket>();
    const silent = createServer((socket) => {
      held.add(socket);
      socket.on('error', () => undefined); // the proxy resets them at the end
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const directPort = Number(new URL(empty.url).port);
    try {
      proxy.retarget((silent.address() as AddressInfo).port);
      proxy.resetAll();
      const push = await api<ErrorBody>(server, token, 'POST', '/api/v1/sync/households/push', [newRow(makeHousehold(VILLAGE))]);
      expect(push).toMatchObject({ status: 503, body: { error: { code: 'database_unavailable' } } });
    } finally {
      proxy.retarget(directPort);
      proxy.resetAll();
      for (const socket of held) socket.destroy();
      silent.close();
    }
    await until(async () => (await api(server, null, 'GET', '/api/v1/ready')).status === 200);
  });

  it('a change committed while only the LISTEN connection was lost still reaches a live stream once it listens again', async () => {
    await until(async () => (await listeners(empty.url)) === 2);
    const stream = await openStream(server, token, 'households');
    expect(await stream.next()).toBe('RESYNC');
    // The pool keeps its open connections; the listening ones are cut and may not come back yet.
    const name = new URL(empty.url).pathname.slice(1);
    await direct(async (client) => {
      await client.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await client.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN %'", [name]);
    });
    await until(async () => (await listeners(empty.url)) === 0);
    const household = makeHousehold(VILLAGE);
    expect((await api(server, token, 'POST', '/api/v1/sync/households/push', [newRow(household)])).status).toBe(200);

    await direct((client) => client.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`));
    const event = (await stream.next()) as { documents: { id: string }[] };
    expect(event.documents.map((d) => d.id)).toContain(household.id);
    stream.close();
  });

  it('reference data imported while only the LISTEN connection was lost is taken once it listens again, without a restart', async () => {
    await until(async () => (await listeners(empty.url)) === 2);
    const villageName = async () => {
      const pull = await api<{ documents: { id: string; name: string }[] }>(server, token, 'GET', '/api/v1/sync/areas/pull?limit=100');
      return pull.body.documents.find((doc) => doc.id === VILLAGE)?.name;
    };
    const builtInName = await villageName();
    expect(builtInName).toBeTruthy();
    const name = new URL(empty.url).pathname.slice(1);
    await direct(async (client) => {
      await client.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await client.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN %'", [name]);
    });
    await until(async () => (await listeners(empty.url)) === 0);
    try {
      // The operator's `reference import-areas` from another process: stored, and its notice heard by no one here.
      const divisions = JSON.parse(readFileSync('shared/areas/binzhou.json', 'utf8')) as { villages: [string, string][] };
      divisions.villages = divisions.villages.map(([code, village]) => [code, code === VILLAGE ? '新王家社区' : village]);
      await storeDivisionFile(db, checkDivisionFile(divisions));
      await announceReferenceImport(db);
      expect(await villageName()).toBe(builtInName);

      await direct((client) => client.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`));
      // Listening again, the server reads the stored divisions: the laptops pull the new name.
      await until(async () => (await villageName()) === '新王家社区');
    } finally {
      // This test process shares the server's module state: the next file starts from the built-in list.
      setDivisionFile(null);
      setAreaRevision(null);
    }
  });
});
