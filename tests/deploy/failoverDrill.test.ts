import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { TokenResponse } from '../../shared/sync/wire';
import { openDatabase } from '../../server/db/openDatabase';
import { addUser } from '../../server/users/userStore';
import { startServerProcess, type ServerProcess } from '../../harness/serverProcess';
import { startStandbyPair, type StandbyPair } from '../../harness/standbyPair';
import { makeHousehold, newRow } from '../support/documents';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { openStream } from '../support/sse';
import { api } from '../support/testServer';

/**
 * The failover drill of the README's county page ("When one machine is not enough"): PostgreSQL's
 * own streaming replication, a primary and a synchronous standby (two clusters on this machine),
 * two server processes reaching "the database" through one address — here a small TCP proxy, in
 * a county a virtual IP or a DNS name — and laptops pushing all along. The primary is stopped
 * mid-push, the standby promoted, the address moved; the servers carry on against it.
 */

const VILLAGES = ['371623102201', '371623102202', '371623102203'];
const ROWS_PER_PUSH = 3;

interface Push {
  device: number;
  rows: ReturnType<typeof newRow>[];
  ids: string[];
}

interface Laptop {
  index: number;
  token: string;
  /** Pushes the server answered 200 with no conflicts: stored, the laptop forgets them. */
  acknowledged: Push[];
  /** Pushes that got anything else (503, a cut connection): the laptop keeps them to send again. */
  kept: Push[];
  statuses: (number | 'network')[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000; // a guard against hanging, not a timing assertion
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await sleep(50);
  }
}

async function query<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

describe('failover drill: a synchronous standby takes over mid-push', () => {
  let pair: StandbyPair | undefined;
  let vip: FaultProxy | undefined;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    pair = await startStandbyPair('jiuzhu');
    vip = await startFaultProxy(pair.primary.port);
    const url = `postgres://postgres@127.0.0.1:${vip.port}/jiuzhu`;
    const db = await openDatabase({ databaseUrl: url, dataDir: null });
    try {
      for (const [i, village] of VILLAGES.entries()) {
        await addUser(db, { username: `xieli${i}`, password: 'password-123', role: 'assistant', areaCode: village });
      }
      await addUser(db, { username: 'zhen', password: 'password-123', role: 'township', areaCode: '371623102000' });
    } finally {
      await db.close();
    }
    servers.push(...(await Promise.all([startServerProcess({ DATABASE_URL: url }), startServerProcess({ DATABASE_URL: url })])));
  });

  afterAll(async () => {
    // Each step on its own: a failing one must not leave a cluster or a server running.
    await Promise.allSettled(servers.map((server) => server.stop()));
    await vip?.close().catch(() => undefined);
    pair?.cleanUp();
  });

  it('keeps every acknowledged push, doubles nothing, stores the re-sent ones once, and the servers carry on', async () => {
    const [first, second] = servers as [ServerProcess, ServerProcess];
    const pids = servers.map((server) => server.process.pid);
    const laptops: Laptop[] = [];
    for (const index of VILLAGES.keys()) {
      const login = await api<TokenResponse>(servers[index % 2]!, null, 'POST', '/api/v1/auth/login', {
        username: `xieli${index}`, password: 'password-123', deviceId: `dev-failover-${index}`,
      });
      expect(login.status).toBe(200);
      laptops.push({ index, token: login.body.accessToken, acknowledged: [], kept: [], statuses: [] });
    }

    // Each laptop pushes new households without pause, to one server process then the other.
    let pushing = true;
    const pushLoop = async (laptop: Laptop) => {
      for (let n = 0; pushing; n++) {
        const households = Array.from({ length: ROWS_PER_PUSH }, () => makeHousehold(VILLAGES[laptop.index]!));
        const push: Push = { device: laptop.index, rows: households.map((h) => newRow(h)), ids: households.map((h) => h.id) };
        const server = servers[(laptop.index + n) % 2]!;
        let status: number | 'network';
        let conflicts = 0;
        try {
          const answer = await api<{ conflicts?: unknown[] }>(server, laptop.token, 'POST', '/api/v1/sync/households/push', push.rows);
          status = answer.status;
          conflicts = answer.body?.conflicts?.length ?? 0;
        } catch {
          status = 'network';
        }
        laptop.statuses.push(status);
        if (status === 200 && conflicts === 0) laptop.acknowledged.push(push);
        else {
          laptop.kept.push(push);
          await sleep(100); // a laptop backs off before trying again
        }
      }
    };
    const loops = laptops.map((laptop) => pushLoop(laptop));
    const acknowledged = () => laptops.reduce((sum, laptop) => sum + laptop.acknowledged.length, 0);

    // Mid-push: the primary goes while the laptops keep sending.
    await until('ten pushes acknowledged', () => acknowledged() >= 10);
    await pair!.stopPrimary();
    const acknowledgedBeforeStop = laptops.flatMap((laptop) => [...laptop.acknowledged]);

    // While it is away: answers in words, not ready, still alive.
    await until('a laptop told 503 by the server', () => laptops.some((laptop) => laptop.statuses.includes(503)));
    for (const server of servers) {
      const ready = await api<{ error: { code: string } }>(server, null, 'GET', '/api/v1/ready');
      expect(ready).toMatchObject({ status: 503, body: { error: { code: 'database_unreachable' } } });
      expect((await api(server, null, 'GET', '/api/v1/health')).status).toBe(200);
    }
    const refused = await api<{ error: { code: string; message: string } }>(first, laptops[0]!.token, 'POST', '/api/v1/sync/households/push', [newRow(makeHousehold(VILLAGES[0]!))]);
    expect(refused).toMatchObject({ status: 503, body: { error: { code: 'database_unavailable', message: '数据库暂时无法访问，请稍后重试' } } });

    // The standby becomes the primary and the address moves to it.
    await pair!.promoteStandby();
    vip!.retarget(pair!.standby.port);
    const afterMove = laptops.map((laptop) => laptop.acknowledged.length);
    await until('every laptop acknowledged three more pushes on the new primary', () =>
      laptops.every((laptop, i) => laptop.acknowledged.length >= afterMove[i]! + 3),
    );
    pushing = false;
    await Promise.all(loops);

    // Through it all, every answer was "stored" or "try again" — never a 500, never a cut connection.
    expect(new Set(laptops.flatMap((laptop) => laptop.statuses))).toEqual(new Set([200, 503]));

    // The servers never restarted and say ready.
    expect(servers.map((server) => server.process.exitCode)).toEqual([null, null]);
    expect(servers.map((server) => server.process.pid)).toEqual(pids);
    for (const server of servers) expect((await api(server, null, 'GET', '/api/v1/ready')).status).toBe(200);

    // The laptops send again what they kept: stored once, no conflicts, even where the first try
    // had committed before its answer was lost.
    for (const laptop of laptops) {
      for (const push of laptop.kept) {
        expect(await api(second, laptop.token, 'POST', '/api/v1/sync/households/push', push.rows)).toEqual({ status: 200, body: { conflicts: [] } });
      }
    }

    // On the new primary, asked directly: every acknowledged push, each household once, nothing else.
    const newPrimary = pair!.standby.url('jiuzhu');
    const stored = await query<{ id: string; area_code: string }>(newPrimary, "SELECT id, area_code FROM documents WHERE collection = 'households'");
    const storedIds = stored.map((row) => row.id);
    expect(new Set(storedIds).size).toBe(storedIds.length);
    for (const push of acknowledgedBeforeStop) for (const id of push.ids) expect(storedIds).toContain(id);
    const sent = laptops.flatMap((laptop) => [...laptop.acknowledged, ...laptop.kept].flatMap((push) => push.ids));
    expect([...storedIds].sort()).toEqual([...sent].sort());
    expect(acknowledgedBeforeStop.length).toBeGreaterThanOrEqual(10);
    expect(laptops.flatMap((laptop) => laptop.kept).length).toBeGreaterThan(0);

    // Each laptop's pull, page after page, returns its village's households once each.
    for (const laptop of laptops) {
      const pulled: string[] = [];
      let checkpoint: unknown = undefined;
      for (;;) {
        const query = checkpoint === undefined ? '' : `&checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}`;
        const page = await api<{ documents: { id: string }[]; checkpoint: unknown }>(first, laptop.token, 'GET', `/api/v1/sync/households/pull?limit=50${query}`);
        expect(page.status).toBe(200);
        if (page.body.documents.length === 0) break;
        pulled.push(...page.body.documents.map((d) => d.id));
        checkpoint = page.body.checkpoint;
      }
      const own = [...laptop.acknowledged, ...laptop.kept].flatMap((push) => push.ids);
      expect(pulled.sort()).toEqual(own.sort());
    }

    // Live changes cross processes again: both servers LISTEN on the new primary (two connections each).
    await until('the servers listen on the new primary', async () => {
      const rows = await query<{ n: string }>(newPrimary, "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = 'jiuzhu' AND query LIKE 'LISTEN %'");
      return Number(rows[0]!.n) === 4;
    });
    const township = await api<TokenResponse>(second, null, 'POST', '/api/v1/auth/login', { username: 'zhen', password: 'password-123', deviceId: 'dev-failover-zhen' });
    const stream = await openStream(second, township.body.accessToken, 'households');
    expect(await stream.next()).toBe('RESYNC');
    const household = makeHousehold(VILLAGES[0]!);
    expect((await api(first, laptops[0]!.token, 'POST', '/api/v1/sync/households/push', [newRow(household)])).status).toBe(200);
    const event = (await stream.next()) as { documents: { id: string }[] };
    expect(event.documents.map((d) => d.id)).toContain(household.id);
    stream.close();
  });
});
