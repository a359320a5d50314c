import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUSH_SIGNATURE_HEADER, signPush } from '../../shared/sync/pushSignature';
import type { TokenResponse } from '../../shared/sync/wire';
import { startServerProcess, type ServerProcess } from '../../harness/serverProcess';
import { freePort } from '../../harness/postgresCluster';
import { addUser } from '../../server/users/userStore';
import { makeHousehold, wire } from '../support/documents';
import { migratedPgliteFolder } from '../support/pgliteSnapshots';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { startTestServer, type TestServer } from '../support/testServer';

/**
 * The relay as its own process (`npm run server -- relay …`), killed with SIGKILL while it carries
 * a day's batches up: started again on the same data directory it carries up what it had not,
 * and the central server ends with every batch the laptops were told the station took, once.
 */
const TOWNSHIP = '371623102';
const VILLAGE = '371623102201';
const PASSWORD = 'correct horse battery';
const BATCHES = 40;

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a relay killed mid-forward (issue 17)', () => {
  let central: TestServer;
  let uplink: FaultProxy;
  let dataDir: string;
  let relay: ServerProcess | null = null;
  let port: number;
  let env: Record<string, string>;
  const args = () => ['relay', '--upstream', uplink.url, '--area', TOWNSHIP];

  beforeAll(async () => {
    central = await startTestServer('pglite');
    await addUser(central.db, { username: 'relay-102', password: PASSWORD, role: 'relay', areaCode: `${TOWNSHIP}000` });
    await addUser(central.db, { username: 'xieli-a', password: PASSWORD, role: 'assistant', areaCode: VILLAGE });
    uplink = await startFaultProxy(Number(new URL(central.url).port));
    dataDir = mkdtempSync(path.join(tmpdir(), 'jiuzhu-relay-'));
    writeFileSync(path.join(dataDir, 'relay-password'), `${PASSWORD}\n`, { mode: 0o600 });
    port = await freePort();
    env = {
      JIUZHU_DATA_DIR: migratedPgliteFolder(path.join(dataDir, 'db')),
      JIUZHU_RELAY_USERNAME: 'relay-102',
      JIUZHU_RELAY_PASSWORD_FILE: path.join(dataDir, 'relay-password'),
      JIUZHU_RELAY_ROUND_SECONDS: '1',
      JIUZHU_STATIC_DIR: path.join(dataDir, 'none'),
    };
    relay = await startServerProcess(env, port, args());
  }, 120_000);

  afterAll(async () => {
    await relay?.stop('SIGKILL');
    await uplink?.close();
    await central?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses and doubles nothing the laptops were told it took', async () => {
    const deviceId = `dev-${randomUUID()}`;
    const login = await fetch(`${relay!.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'xieli-a', password: PASSWORD, deviceId }),
    });
    expect(login.status).toBe(200);
    const tokens = (await login.json()) as TokenResponse;

    // A day without uplink: the station takes every batch and says so.
    uplink.refuse();
    uplink.resetAll();
    const ids: string[] = [];
    const batchIds: string[] = [];
    for (let i = 0; i < BATCHES; i++) {
      const household = makeHousehold(VILLAGE);
      const rows = [{ assumedMasterState: null, newDocumentState: wire(household) }];
      const signature = await signPush(tokens.bundleKey!, { userId: tokens.user.id, deviceId }, 'households', rows);
      const answer = await fetch(`${relay!.url}/api/v1/sync/households/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.accessToken}`, 'content-type': 'application/json', [PUSH_SIGNATURE_HEADER]: signature },
        body: JSON.stringify(rows),
      });
      const body = (await answer.json()) as { relay?: { state: string; batchId: string } };
      expect(body.relay?.state).toBe('pending');
      ids.push(household.id);
      batchIds.push(body.relay!.batchId);
    }

    // The uplink returns; the relay dies as soon as the county has taken its first forwarded batch.
    const forwards = async () => (await central.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'forward'"))[0]!.n;
    uplink.allow();
    await until('the first forward', async () => (await forwards()) > 0);
    await relay!.stop('SIGKILL');
    relay = null;
    const forwardedBeforeTheKill = await forwards();
    expect(forwardedBeforeTheKill).toBeLessThan(BATCHES);

    // Started again (uplink cut, so it cannot carry on before we look): the batches it had not carried up still wait.
    uplink.refuse();
    relay = await startServerProcess(env, port, args());
    const health = (await (await fetch(`${relay.url}/api/v1/health`)).json()) as { waitingBatches: number };
    // Started while the county is away, the station still serves every household its laptops sent,
    // those the county took before the kill too (none withdrawn for want of the county's copy).
    const served = await fetch(`${relay.url}/api/v1/sync/households/pull?limit=200`, { headers: { authorization: `Bearer ${tokens.accessToken}` } });
    const servedDocs = ((await served.json()) as { documents: { id: string; _deleted: boolean }[] }).documents;
    expect(servedDocs.filter((doc) => ids.includes(doc.id) && !doc._deleted).map((doc) => doc.id).sort()).toEqual([...ids].sort());
    expect(health.waitingBatches).toBeGreaterThan(0);
    expect(health.waitingBatches).toBeGreaterThanOrEqual(BATCHES - forwardedBeforeTheKill);

    uplink.allow();
    await until('every batch answered', async () => ((await (await fetch(`${relay!.url}/api/v1/health`)).json()) as { waitingBatches: number }).waitingBatches === 0);

    const stored = await central.db.query<{ id: string; created_by: string }>(
      "SELECT id, data->>'createdBy' AS created_by FROM documents WHERE collection = 'households' AND id = ANY($1::text[])",
      [ids],
    );
    expect(stored.map((row) => row.id).sort()).toEqual([...ids].sort());
    expect(new Set(stored.map((row) => row.created_by))).toEqual(new Set([tokens.user.id]));
    const creates = await central.db.query<{ document_id: string; n: number }>(
      "SELECT document_id, count(*)::int AS n FROM audit_log WHERE action = 'create' AND document_id = ANY($1::text[]) GROUP BY document_id",
      [ids],
    );
    expect(creates).toHaveLength(BATCHES);
    expect(creates.every((row) => row.n === 1)).toBe(true);

    const outcomes = await fetch(`${relay.url}/api/v1/relay/outcomes?${batchIds.map((id) => `batch=${id}`).join('&')}`, {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });
    const answered = (await outcomes.json()) as { outcomes: { state: string }[] };
    expect(answered.outcomes).toHaveLength(BATCHES);
    expect(answered.outcomes.every((outcome) => outcome.state === 'stored')).toBe(true);
  }, 180_000);
});
