/**
 * The real server, as `npm run server` starts it, on a throwaway PostgreSQL cluster; users are
 * created straight in the database (one scrypt hash shared by all, so set-up stays quick) and
 * every simulated device signs in over HTTP as its own user with its own device id.
 */
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../server/auth/passwords';
import { loadSearchKeyRoot } from '../server/auth/secrets';
import type { Database } from '../server/db/database';
import { openDatabase } from '../server/db/openDatabase';
import { currentSearchKeys } from '../server/search/searchKeys';
import { storeDocuments } from '../server/storage/documentStore';
import { CITY_CODE, townshipsIn } from '../shared/areas';
import type { Role } from '../shared/auth/roles';
import type { SyncedCollection } from '../shared/sync/collections';
import type { TokenResponse } from '../shared/sync/wire';
import { startThrowawayCluster } from '../harness/postgresCluster';
import { BENCH_CLUSTER } from './benchPostgres';
import type { OwnProcesses } from './ownCpu';
import { startServerProcess, type ServerProcess } from '../harness/serverProcess';

export const BENCH_PASSWORD = 'bench-password-2026';

export interface BenchServer {
  url: string;
  /** The cluster's settings as it reports them (`SHOW`): "PostgreSQL 15.18, fsync=on, synchronous_commit=on". */
  postgres: string;
  /** The cluster's own address, for figures that read PostgreSQL directly (no server between). */
  databaseUrl: string;
  /** The server's process group and the cluster's port: whose CPU is the phase's own (ownCpu.ts). */
  own: OwnProcesses;
  /** A connection of the bench's own, for set-up (users, seeded documents) and counts. */
  db: Database;
  /** The server's current ID-search key of every township (for documents seeded straight into the database). */
  searchKeys: Record<string, string>;
  createUsers(users: { role: Role; areaCode: string }[]): Promise<{ id: string; username: string }[]>;
  login(username: string, serverUrl?: string): Promise<TokenResponse & { deviceId: string }>;
  /** Stores documents directly (server code, no HTTP): for data that must already be there. */
  seed(collection: SyncedCollection, docs: readonly object[]): Promise<void>;
  stop(): Promise<void>;
}

/** `staticDir`: files the server hands out at `/` (the bench page for the Chromium figures). */
/** `serverEnv`: more environment for the server process (e.g. NODE_OPTIONS=--cpu-prof to profile it). */
export async function startBenchServer(options: { staticDir?: string; serverEnv?: Record<string, string> } = {}): Promise<BenchServer> {
  const cluster = await startThrowawayCluster(BENCH_CLUSTER);
  let db: Database | null = null;
  let proc: ServerProcess;
  try {
    // Migrate first, from here, so the server process starts on a ready schema.
    db = await openDatabase({ databaseUrl: cluster.url, dataDir: null });
    proc = await startServerProcess({ DATABASE_URL: cluster.url, LOG_LEVEL: 'warn', JIUZHU_STATIC_DIR: options.staticDir ?? '/nonexistent', ...options.serverEnv });
  } catch (error) {
    await db?.close();
    cluster.stop();
    throw error;
  }
  const database = db;
  // Interrupted (Ctrl-C, a CI timeout), the phase still takes its server and cluster down with it.
  const onSignal = () => {
    try {
      process.kill(-proc.process.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
    cluster.stop();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const searchKeys = await currentSearchKeys(database, await loadSearchKeyRoot(database), townshipsIn(CITY_CODE).map((t) => t.code));
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const [settings] = await database.query<{ version: string; fsync: string; commit: string }>(
    `SELECT current_setting('server_version') AS version, current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS commit`,
  );
  return {
    url: proc.url,
    postgres: `PostgreSQL ${settings?.version}, fsync=${settings?.fsync}, synchronous_commit=${settings?.commit}`,
    databaseUrl: cluster.url,
    own: { serverGroup: proc.process.pid!, postgresPort: new URL(cluster.url).port },
    db: database,
    searchKeys,
    async createUsers(users) {
      const created: { id: string; username: string }[] = [];
      const rows = users.map((u, i) => ({
        id: `u-${randomUUID()}`,
        username: `bench${i}-${randomUUID().slice(0, 8)}`,
        ...u,
      }));
      await database.query(
        `INSERT INTO users (id, username, password_hash, display_name, role, area_code)
         SELECT u->>'id', u->>'username', $2, u->>'displayName', u->>'role', u->>'areaCode'
           FROM jsonb_array_elements($1::jsonb) AS u`,
        [JSON.stringify(rows.map((r) => ({ ...r, displayName: `测试${r.role}` }))), passwordHash],
      );
      // Colleagues' names are reference data, as addUser publishes them.
      await storeDocuments(
        database,
        'users',
        rows.map((r) => ({
          doc: { id: r.id, areaCode: r.areaCode, displayName: `测试${r.role}`, role: r.role, active: true, updatedAt: Date.now() },
          deleted: false,
        })),
      );
      for (const r of rows) created.push({ id: r.id, username: r.username });
      return created;
    },
    async login(username, serverUrl = proc.url) {
      const deviceId = `dev-${randomUUID()}`;
      const response = await fetch(`${serverUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: BENCH_PASSWORD, deviceId, deviceName: 'bench' }),
      });
      if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
      return { ...((await response.json()) as TokenResponse), deviceId };
    },
    async seed(collection, docs) {
      for (let i = 0; i < docs.length; i += 2000) {
        const slice = docs.slice(i, i + 2000);
        await database.transaction((tx) =>
          storeDocuments(tx, collection, slice.map((doc) => ({ doc: doc as Record<string, unknown>, deleted: false }))),
        );
      }
    },
    async stop() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await proc.stop();
      await database.close();
      cluster.stop();
    },
  };
}

/** Runs `task` over `items` with at most `limit` at once. */
export async function pool<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
