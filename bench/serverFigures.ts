/**
 * Figures measured against the real server on durable PostgreSQL (benchPostgres.ts): many devices
 * pushing (serverPush.ts) and pulling (serverPull.ts) over loopback, and a push through a slow
 * link (the initial sync is in browserFigures.ts).
 */
import { TokenKeeper } from '../renderer/data/core/auth/tokenKeeper';
import { SyncClient } from '../renderer/data/core/sync/syncClient';
import type { SyncedCollection } from '../shared/sync/collections';
import { syncedCollections } from '../shared/sync/collections';
import { createRandom } from '../server/demo/random';
import { startBenchServer, type BenchServer } from './benchServer';
import { nextSeed, rowsOf, spreadVillages } from './benchDevices';
import { BENCH_TOWNSHIP, checkDataset, checkDocuments, datasetSize, generateDataset, makeApplication, makeVisit, townshipVillages, type Dataset } from './dataset';
import { pullFigures } from './serverPull';
import { pushFigures } from './serverPush';
import { bySize, type SizedOptions } from './size';
import { startSlowLink } from './slowLink';
import { median, type Figure, type Log } from './stats';

export type ServerBenchOptions = SizedOptions & { log: Log };

/**
 * A village assistant's 500 new documents: 100 households, 350 visits, 50 applications. Care needs
 * are the township's social worker's to write (the write policy), so a village laptop sends none.
 */
async function fiveHundred(server: BenchServer, village: string, userId: string): Promise<Record<SyncedCollection, object[]>> {
  const data = await generateDataset({ households: 100, villageCodes: [village], seed: nextSeed(), createdBy: userId, visitsPerHousehold: 0, searchKeys: server.searchKeys });
  const random = createRandom(nextSeed());
  const visits = Array.from({ length: 350 }, (_, i) => makeVisit(random, data.households[i % 100]!, userId));
  const applications = Array.from({ length: 50 }, (_, i) => makeApplication(random, data.households[i]!, userId, i % 2));
  return { households: data.households, visits, applications, careNeeds: [], attachments: [] };
}

/** push_500_slow_link_s and wire_bytes_ratio, through the app's SyncClient (gzip bodies, batches of 100). */
async function slowLinkPush(server: BenchServer, options: ServerBenchOptions): Promise<Figure[]> {
  const { log } = options;
  const runs = bySize(options, 3, 2, 1);
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

/**
 * The township the sync figures use: 30,000 documents (6,250 households with their visits,
 * applications, care needs); a smoke run's is tiny (250 households, ~1,200 documents).
 */
export async function seedTownship(server: BenchServer, options: ServerBenchOptions): Promise<Dataset> {
  const started = performance.now();
  const [owner] = await server.createUsers([{ role: 'township', areaCode: `${BENCH_TOWNSHIP}000` }]);
  const township = await generateDataset({ households: bySize(options, 6250, 6250, 250), villageCodes: townshipVillages(), seed: 7, createdBy: owner!.id, searchKeys: server.searchKeys });
  checkDataset(township, bySize(options, 1, 10, 1));
  for (const c of syncedCollections) await server.seed(c, township[c]);
  options.log(`  seeded township ${BENCH_TOWNSHIP}: ${datasetSize(township)} documents (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return township;
}

export async function serverFigures(options: ServerBenchOptions): Promise<Figure[]> {
  const { log } = options;
  log('starting a throwaway PostgreSQL cluster and the server (npm run server)…');
  const server = await startBenchServer();
  log(`  ${server.postgres}`);
  const figures: Figure[] = [];
  try {
    await seedTownship(server, options);
    figures.push(...(await pushFigures(server, options)));
    figures.push(...(await pullFigures(server, options)));
    figures.push(...(await slowLinkPush(server, options)));
  } finally {
    await server.stop();
  }
  return figures;
}
