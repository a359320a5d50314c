/**
 * server_pull_docs_per_s and server_pull_vs_pg_floor: village devices of the seeded township do an
 * initial pull at once over HTTP; in the same run, the same pages read straight from PostgreSQL by
 * a Node client (`pg`, a pool as large as the server's, no HTTP, no server) — the floor the
 * server's pull is measured against: what it adds is sign-in checks, the audit entry, JSON
 * assembly, gzip and HTTP.
 */
import pg from 'pg';
import { scopePrefix } from '../shared/auth/roles';
import { syncedCollections } from '../shared/sync/collections';
import type { PullResponse } from '../shared/sync/wire';
import { NO_JIT } from '../server/db/postgresDatabase';
import type { BenchServer } from './benchServer';
import { loginDevices, type Device } from './benchDevices';
import { townshipVillages } from './dataset';
import { ownCpuBetween, ownCpuSnapshot } from './ownCpu';
import { bySize, type SizedOptions } from './size';
import { median, type Figure, type Log } from './stats';

/** The app's PULL_BATCH (renderer/data/core/sync/replicateCollection.ts). */
const PAGE = 200;
/** The server's own pool size (server/db/postgresDatabase.ts): the floor gets no more connections than the server has. */
const SERVER_POOL = 10;

/** Pulls every synced collection from the start, pages of 200, collections in parallel, as the app's first sync. */
async function initialPull(serverUrl: string, token: string): Promise<number> {
  const counts = await Promise.all(
    syncedCollections.map(async (collection) => {
      let checkpoint: unknown = null;
      let total = 0;
      for (;;) {
        const query = new URLSearchParams({ limit: String(PAGE) });
        if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint));
        const response = await fetch(`${serverUrl}/api/v1/sync/${collection}/pull?${query}`, {
          headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' },
        });
        if (response.status !== 200) throw new Error(`pull ${collection}: ${response.status}`);
        const page = (await response.json()) as PullResponse<object>;
        total += page.documents.length;
        if (page.documents.length < PAGE) return total;
        checkpoint = page.checkpoint;
      }
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** The same pages as `initialPull`, by the server's own page statement, read as JSON text and parsed by the client. */
async function floorPull(client: pg.Pool, scope: string): Promise<number> {
  const counts = await Promise.all(
    syncedCollections.map(async (collection) => {
      let seq = '0';
      let total = 0;
      for (;;) {
        const { rows } = await client.query<{ data: string; deleted: boolean; seq: string }>(
          `SELECT id, data::text AS data, deleted, seq FROM documents
            WHERE collection = $1 AND seq > $2 AND area_code LIKE $3 ORDER BY seq LIMIT $4`,
          [collection, seq, `${scope}%`, PAGE],
        );
        // The client gets documents it can use, as from the server: parsed.
        for (const row of rows) JSON.parse(row.data);
        total += rows.length;
        if (rows.length < PAGE) return total;
        seq = rows[rows.length - 1]!.seq;
      }
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** Runs a pull; also says where the CPU went meanwhile: this bench process, its server, its PostgreSQL. */
async function timed(server: BenchServer, run: () => Promise<number[]>): Promise<{ docs: number; rate: number; seconds: number; cpu: string }> {
  const before = ownCpuSnapshot(server.own);
  const ownBefore = process.cpuUsage();
  const started = performance.now();
  const docs = (await run()).reduce((a, b) => a + b, 0);
  const seconds = (performance.now() - started) / 1000;
  const own = process.cpuUsage(ownBefore);
  const used = ownCpuBetween(before, ownCpuSnapshot(server.own));
  const cpu = `bench clients ${((own.user + own.system) / 1e6).toFixed(2)} s, server ${used.server.toFixed(2)} s, PostgreSQL ${used.postgres.toFixed(2)} s`;
  return { docs, rate: docs / seconds, seconds, cpu };
}

export async function pullFigures(server: BenchServer, options: SizedOptions & { log: Log }): Promise<Figure[]> {
  const { log } = options;
  const deviceCount = bySize(options, 100, 40, 4);
  const runs = bySize(options, 3, 3, 1);
  const villages = townshipVillages();
  log(`server pull: ${deviceCount} village devices doing an initial pull at once, then the same pages straight from PostgreSQL (pg, pool of ${SERVER_POOL}, no HTTP); ${runs} run(s) after a warm-up`);
  const devices: Device[] = await loginDevices(server, Array.from({ length: deviceCount }, (_, i) => villages[i % villages.length]!), 'assistant', log);
  const floorClient = new pg.Pool({ connectionString: server.databaseUrl, max: SERVER_POOL });
  // Each connection set up as the server's are (no JIT), so the floor runs the statement as the server does.
  floorClient.on('connect', (client) => void client.query(NO_JIT).catch(() => undefined));
  const rates: number[] = [];
  const floors: number[] = [];
  try {
    for (let run = 0; run <= runs; run++) {
      const pulled = await timed(server, () => Promise.all(devices.map((d) => initialPull(server.url, d.tokens.accessToken))));
      const floor = await timed(server, () => Promise.all(devices.map((d) => floorPull(floorClient, scopePrefix('assistant', d.village)))));
      if (floor.docs !== pulled.docs) throw new Error(`the floor read ${floor.docs} documents, the pull ${pulled.docs}`);
      if (run === 0) continue;
      rates.push(pulled.rate);
      floors.push(floor.rate);
      log(
        `  run ${run}: ${pulled.docs} docs pulled in ${pulled.seconds.toFixed(2)} s = ${pulled.rate.toFixed(0)} docs/s; straight from PostgreSQL ${floor.seconds.toFixed(2)} s = ${floor.rate.toFixed(0)} docs/s (${(pulled.rate / floor.rate).toFixed(2)})`,
      );
      log(`    CPU seconds: pull ${pulled.cpu}; floor ${floor.cpu}`);
    }
  } finally {
    await floorClient.end();
  }
  const pull = median(rates);
  const floor = median(floors);
  const how = `${deviceCount} devices, pages of ${PAGE}, collections in parallel`;
  return [
    { name: 'server_pull_docs_per_s', value: pull, unit: 'docs/s', target: 20000, better: 'higher', note: `${how}, gzip, HTTP; median of ${runs}` },
    {
      name: 'server_pull_vs_pg_floor',
      value: pull / floor,
      unit: 'ratio',
      target: 0.5,
      better: 'higher',
      note: `pull ÷ the same pages read straight from PostgreSQL as JSON text by a Node pg client (pool of ${SERVER_POOL}), same run: ${pull.toFixed(0)} ÷ ${floor.toFixed(0)} docs/s (medians of ${runs})`,
    },
  ];
}
