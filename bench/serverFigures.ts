/**
 * Figures measured against the real server on PostgreSQL: many devices pushing and pulling at
 * once over loopback, and a push through a slow link (the initial sync is in browserFigures.ts).
 */
import { TokenKeeper } from '../renderer/data/core/auth/tokenKeeper';
import { jsonBody } from '../renderer/data/core/sync/gzip';
import { SyncClient } from '../renderer/data/core/sync/syncClient';
import { allAreas } from '../shared/areas';
import type { SyncedCollection } from '../shared/sync/collections';
import { syncedCollections } from '../shared/sync/collections';
import type { PullResponse, PushRow, TokenResponse } from '../shared/sync/wire';
import { createRandom } from '../server/demo/random';
import { pool, startBenchServer, type BenchServer } from './benchServer';
import {
  BENCH_TOWNSHIP,
  checkDataset,
  checkDocuments,
  datasetSize,
  generateDataset,
  makeApplication,
  makeVisit,
  townshipVillages,
  type Dataset,
} from './dataset';
import { startSlowLink } from './slowLink';
import { median, percentile, type Figure, type Log } from './stats';

export interface ServerBenchOptions {
  quick: boolean;
  log: Log;
}

const rowsOf = (docs: readonly object[]): PushRow<object>[] => docs.map((doc) => ({ assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } }));

let seedCounter = 1000;

/** Villages spread over the whole city, outside the township the sync figures use. */
function spreadVillages(count: number): string[] {
  const villages = allAreas().filter((a) => a.level === 'village' && !a.code.startsWith(BENCH_TOWNSHIP));
  const step = Math.max(1, Math.floor(villages.length / count));
  return Array.from({ length: count }, (_, i) => villages[(i * step) % villages.length]!.code);
}

/** One device's documents for its own village: households and visits of them. */
async function deviceBatches(server: BenchServer, village: string, userId: string, perBatch: number) {
  const data = await generateDataset({
    households: perBatch,
    villageCodes: [village],
    seed: seedCounter++,
    createdBy: userId,
    visitsPerHousehold: 1,
    searchKeys: server.searchKeys,
  });
  return [
    { collection: 'households' as const, docs: data.households },
    { collection: 'visits' as const, docs: data.visits.slice(0, perBatch) },
  ];
}

interface Device {
  user: { id: string; username: string };
  tokens: TokenResponse;
  village: string;
}

async function loginDevices(server: BenchServer, villages: string[], role: 'assistant' | 'township', log: Log): Promise<Device[]> {
  const users = await server.createUsers(villages.map((areaCode) => ({ role, areaCode })));
  const started = performance.now();
  // Each sign-in verifies a scrypt hash (~70 ms of CPU): a few at once.
  const tokens = await pool(users, 8, (user) => server.login(user.username));
  log(`  ${users.length} devices signed in (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return users.map((user, i) => ({ user, tokens: tokens[i]!, village: villages[i]! }));
}

/** server_push_docs_per_s, server_push_p99_ms */
async function pushLoad(server: BenchServer, options: ServerBenchOptions): Promise<Figure[]> {
  const { log } = options;
  const deviceCount = options.quick ? 50 : 500;
  const runs = 3;
  log(`server push: ${deviceCount} devices × 2 batches of 100 (households, visits), ${runs} runs after a warm-up`);
  const devices = await loginDevices(server, spreadVillages(deviceCount), 'assistant', log);
  const rates: number[] = [];
  const p99s: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const warmUp = run === 0;
    const active = warmUp ? devices.slice(0, Math.min(10, devices.length)) : devices;
    // Each device's bodies are built (and gzipped, as the app does) before the clock starts.
    const prepared = await pool(active, 4, async (device) => {
      const batches = await deviceBatches(server, device.village, device.user.id, 100);
      if (run <= 1 && device === active[0]) batches.forEach((b) => checkDocuments(b.collection, b.docs));
      return Promise.all(batches.map(async (b) => ({ collection: b.collection, count: b.docs.length, ...(await jsonBody(rowsOf(b.docs))) })));
    });
    const latencies: number[] = [];
    let docs = 0;
    const started = performance.now();
    await Promise.all(
      active.map(async (device, i) => {
        for (const batch of prepared[i]!) {
          const t0 = performance.now();
          const response = await fetch(`${server.url}/api/v1/sync/${batch.collection}/push`, {
            method: 'POST',
            headers: { ...batch.headers, authorization: `Bearer ${device.tokens.accessToken}` },
            body: batch.body,
          });
          const answer = await response.text();
          if (response.status !== 200) throw new Error(`push ${batch.collection}: ${response.status} ${answer.slice(0, 300)}`);
          latencies.push(performance.now() - t0);
          docs += batch.count;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    if (warmUp) continue;
    rates.push(docs / seconds);
    p99s.push(percentile(latencies, 99));
    log(`  run ${run}: ${docs} docs in ${seconds.toFixed(2)} s = ${(docs / seconds).toFixed(0)} docs/s, p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms`);
  }
  return [
    { name: 'server_push_docs_per_s', value: median(rates), unit: 'docs/s', target: 3000, better: 'higher', note: `${deviceCount} devices, PostgreSQL, median of ${runs}` },
    { name: 'server_push_p99_ms', value: median(p99s), unit: 'ms', target: 1000, better: 'lower', note: `${deviceCount} devices` },
  ];
}

/** Pulls every synced collection from the start, pages of 200 (the app's PULL_BATCH), collections in parallel. */
async function initialPull(serverUrl: string, token: string): Promise<number> {
  const counts = await Promise.all(
    syncedCollections.map(async (collection) => {
      let checkpoint: unknown = null;
      let total = 0;
      for (;;) {
        const query = new URLSearchParams({ limit: '200' });
        if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint));
        const response = await fetch(`${serverUrl}/api/v1/sync/${collection}/pull?${query}`, {
          headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' },
        });
        if (response.status !== 200) throw new Error(`pull ${collection}: ${response.status}`);
        const page = (await response.json()) as PullResponse<object>;
        total += page.documents.length;
        if (page.documents.length < 200) return total;
        checkpoint = page.checkpoint;
      }
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** server_pull_docs_per_s: village devices of the seeded township pull their village at once. */
async function pullLoad(server: BenchServer, options: ServerBenchOptions): Promise<Figure[]> {
  const { log } = options;
  const deviceCount = options.quick ? 20 : 100;
  const villages = townshipVillages();
  const runs = 3;
  log(`server pull: ${deviceCount} village devices doing an initial pull at once, ${runs} runs after a warm-up`);
  const devices = await loginDevices(server, Array.from({ length: deviceCount }, (_, i) => villages[i % villages.length]!), 'assistant', log);
  const rates: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const started = performance.now();
    const counts = await Promise.all(devices.map((d) => initialPull(server.url, d.tokens.accessToken)));
    const seconds = (performance.now() - started) / 1000;
    const docs = counts.reduce((a, b) => a + b, 0);
    if (run === 0) continue;
    rates.push(docs / seconds);
    log(`  run ${run}: ${docs} docs in ${seconds.toFixed(2)} s = ${(docs / seconds).toFixed(0)} docs/s`);
  }
  return [{ name: 'server_pull_docs_per_s', value: median(rates), unit: 'docs/s', target: 20000, better: 'higher', note: `${deviceCount} devices, pages of 200, gzip` }];
}

/**
 * A village assistant's 500 new documents: 100 households, 350 visits, 50 applications. Care needs
 * are the township's social worker's to write (the write policy), so a village laptop sends none.
 */
async function fiveHundred(server: BenchServer, village: string, userId: string): Promise<Record<SyncedCollection, object[]>> {
  const data = await generateDataset({ households: 100, villageCodes: [village], seed: seedCounter++, createdBy: userId, visitsPerHousehold: 0, searchKeys: server.searchKeys });
  const random = createRandom(seedCounter++);
  const visits = Array.from({ length: 350 }, (_, i) => makeVisit(random, data.households[i % 100]!, userId));
  const applications = Array.from({ length: 50 }, (_, i) => makeApplication(random, data.households[i]!, userId, i % 2));
  return { households: data.households, visits, applications, careNeeds: [], attachments: [] };
}

/** push_500_slow_link_s and wire_bytes_ratio, through the app's SyncClient (gzip bodies, batches of 100). */
async function slowLinkPush(server: BenchServer, options: ServerBenchOptions): Promise<Figure[]> {
  const { log } = options;
  const runs = options.quick ? 2 : 3;
  const target = new URL(server.url);
  const link = await startSlowLink({ targetHost: target.hostname, targetPort: Number(target.port), bitsPerSecond: 256_000, rttMs: 300 });
  log(`slow link: 500 documents through 256 kbit/s, 300 ms RTT (userspace proxy), ${runs} runs after a warm-up`);
  const village = spreadVillages(1)[0]!;
  const [user] = await server.createUsers([{ role: 'assistant', areaCode: village }]);
  const tokens = await server.login(user!.username);
  const keeper = new TokenKeeper(link.url, tokens.refreshToken, () => undefined);
  keeper.accept(tokens);
  const client = new SyncClient(link.url, keeper, () => undefined);
  const times: number[] = [];
  const ratios: number[] = [];
  let lastBytes = { up: 0, down: 0, raw: 0 };
  try {
    for (let run = 0; run <= runs; run++) {
      const docs = await fiveHundred(server, village, user!.id);
      if (run === 0) (Object.keys(docs) as SyncedCollection[]).forEach((c) => checkDocuments(c, docs[c]));
      const warmUp = run === 0;
      let raw = 0;
      link.resetCounters();
      const started = performance.now();
      // As the app's replications: one per collection, running together, each pushing batches of 100 in turn.
      await Promise.all(
        (Object.keys(docs) as SyncedCollection[]).map(async (collection) => {
          const all = warmUp ? docs[collection].slice(0, 10) : docs[collection];
          for (let i = 0; i < all.length; i += 100) {
            const rows = rowsOf(all.slice(i, i + 100));
            raw += Buffer.byteLength(JSON.stringify(rows));
            const answer = await client.push(collection, rows);
            if (answer.conflicts.length > 0) throw new Error('unexpected conflicts');
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      if (warmUp) continue;
      times.push(seconds);
      ratios.push(link.bytes.up / raw);
      lastBytes = { ...link.bytes, raw };
      log(`  run ${run}: ${seconds.toFixed(2)} s; up ${link.bytes.up} B (raw JSON ${raw} B, ratio ${(link.bytes.up / raw).toFixed(3)}), down ${link.bytes.down} B`);
    }
  } finally {
    await link.close();
  }
  return [
    { name: 'push_500_slow_link_s', value: median(times), unit: 's', target: 8, better: 'lower', note: 'SyncClient, gzip, 4 collections in parallel, batches of 100' },
    {
      name: 'wire_bytes_ratio',
      value: median(ratios),
      unit: 'ratio',
      target: 0.35,
      better: 'lower',
      note: `upstream bytes incl. HTTP headers / raw JSON; ${(lastBytes.raw / 500 / 1024).toFixed(2)} KiB raw per document`,
    },
  ];
}

/** The township the sync figures use: 30,000 documents (6,250 households with their visits, applications, care needs). */
export async function seedTownship(server: BenchServer, options: ServerBenchOptions): Promise<Dataset> {
  const started = performance.now();
  const [owner] = await server.createUsers([{ role: 'township', areaCode: `${BENCH_TOWNSHIP}000` }]);
  const township = await generateDataset({ households: 6250, villageCodes: townshipVillages(), seed: 7, createdBy: owner!.id, searchKeys: server.searchKeys });
  checkDataset(township, options.quick ? 10 : 1);
  for (const c of syncedCollections) await server.seed(c, township[c]);
  options.log(`  seeded township ${BENCH_TOWNSHIP}: ${datasetSize(township)} documents (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return township;
}

export async function serverFigures(options: ServerBenchOptions): Promise<Figure[]> {
  const { log } = options;
  log('starting a throwaway PostgreSQL cluster and the server (npm run server)…');
  const server = await startBenchServer();
  const figures: Figure[] = [];
  try {
    await seedTownship(server, options);
    figures.push(...(await pushLoad(server, options)));
    figures.push(...(await pullLoad(server, options)));
    figures.push(...(await slowLinkPush(server, options)));
  } finally {
    await server.stop();
  }
  return figures;
}
