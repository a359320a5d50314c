/**
 * How the laptop's figures grow with the caseload: for 3,000, 30,000 and 100,000 households (the
 * bench's proportions of visits, applications and care needs), each seeded on the server in a
 * township of its own, a new township user's first sync in a fresh Chromium, then 40 household
 * searches in the database that sync filled, then that Chromium's memory. The curve is drawn to
 * SVG (charts.ts); at 30,000 households the memory is `browser_memory_mb`.
 */
import os from 'node:os';
import path from 'node:path';
import { createRandom } from '../server/demo/random';
import { syncedCollections, type SyncedCollection } from '../shared/sync/collections';
import type { BenchServer } from './benchServer';
import { renderScaleCharts, type ScalePoint } from './charts';
import { chromiumMemoryUnderPressure, describeMemory, pageHeapMb, settledChromiumMemory, type ChromiumMemory } from './chromiumMemory';
import { emptyChromiumMemory, freshChromium } from './chromiumLaunch';
import { checkDataset, datasetSize, generateDataset, townshipVillages, type Dataset } from './dataset';
import { waitForIndexedDbToSettle } from './processCpu';
import type { SizedOptions } from './size';
import { median, percentile, type Figure, type Log } from './stats';
// `window.benchScale`: declared by the page (bench/browser/scale.ts); type-only.
import type {} from './browser/scale';

export interface ScaleOptions extends SizedOptions {
  log: Log;
}

/** The sizes measured, nominal (named in the figures) and as run in this mode. */
const NOMINAL = [3_000, 30_000, 100_000] as const;
const RUN_SIZES = { full: NOMINAL, quick: [1_000, 3_000, 10_000], smoke: [60, 120, 200] } as const;
const label = (n: number) => `${n / 1000}k`;
/** One township per size, none of them the bench township (371623101), so each user pulls only its own size. */
const TOWNSHIPS = ['371681102', '371681115', '371681101'] as const;
const SEARCHES = 40;
const WARM_UPS = 3;
const SEARCH_TARGET_MS = { 3000: 15, 30000: 15, 100000: 30 } as const;
const MEMORY_TARGET_MB = 300;
const WHERE = 'Chromium, IndexedDB on disk';

const countsOf = (data: Dataset) => Object.fromEntries(syncedCollections.map((c) => [c, data[c].length])) as Record<SyncedCollection, number>;

/** Texts as people type them: a whole ID number, surname + first given character, a given name. */
function searchTexts(data: Dataset, count: number, seed: number): string[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const member = random.pick(random.pick(data.households).members);
    const kind = i % 3;
    return kind === 0 ? member.idNumber : kind === 1 ? member.name.slice(0, 2) : member.name.slice(-2);
  });
}

interface SizeResult extends ScalePoint {
  memory: ChromiumMemory | null;
}

async function measureSize(server: BenchServer, households: number, township: string, seed: number, settleMs: number, log: Log): Promise<SizeResult> {
  let started = performance.now();
  const [owner, laptopUser] = await server.createUsers([
    { role: 'township', areaCode: `${township}000` },
    { role: 'township', areaCode: `${township}000` },
  ]);
  const data = await generateDataset({ households, villageCodes: townshipVillages(township), seed, createdBy: owner!.id, searchKeys: server.searchKeys });
  checkDataset(data, Math.max(1, Math.floor(households / 500)));
  for (const c of syncedCollections) await server.seed(c, data[c]);
  const documents = datasetSize(data);
  log(`scale ${households} households (township ${township}): ${documents} documents generated and seeded (${((performance.now() - started) / 1000).toFixed(1)} s)`);

  const tokens = await server.login(laptopUser!.username);
  const session = { user: tokens.user, serverUrl: server.url, offline: false };
  started = performance.now();
  const chromium = await freshChromium(`${server.url}/`, log);
  try {
    const idle = await settledChromiumMemory(chromium.page, chromium.profile);
    log(`  fresh Chromium up (${((performance.now() - started) / 1000).toFixed(1)} s), idle with the bench page: ${describeMemory(idle)}`);
    const syncMs = await chromium.page.evaluate(
      ([s, t, expected, village]) => window.benchScale.firstSync(s, t, expected, village),
      [session, tokens, countsOf(data), data.households[0]!.areaCode] as const,
    );
    log(`  first sync: ${(syncMs / 1000).toFixed(2)} s (${(documents / (syncMs / 1000)).toFixed(0)} docs/s)`);
    log(`  Chromium's browser process (IndexedDB) quiet after ${((await waitForIndexedDbToSettle(settleMs)) / 1000).toFixed(1)} s`);

    const texts = searchTexts(data, WARM_UPS + SEARCHES, seed);
    const warmUps: number[] = [];
    for (const text of texts.slice(0, WARM_UPS)) warmUps.push((await chromium.page.evaluate((t) => window.benchScale.search(t), text)).ms);
    // The first search built the index and saved its snapshot (sealed, into IndexedDB): not part of a search.
    const settled = await waitForIndexedDbToSettle(settleMs);
    const runs: { ms: number; count: number; text: string }[] = [];
    for (const text of texts.slice(WARM_UPS)) {
      const { ms, count } = await chromium.page.evaluate((t) => window.benchScale.search(t), text);
      if (count === 0) throw new Error(`scale ${households}: a search for a member of the dataset found nothing`);
      runs.push({ ms, count, text });
    }
    const times = runs.map((r) => r.ms);
    const found = runs.map((r) => r.count);
    const searchP95 = percentile(times, 95);
    const slowest = [...runs].sort((a, b) => b.ms - a.ms).slice(0, 3);
    log(
      `  search: first (builds the in-memory index) ${warmUps[0]!.toFixed(0)} ms, quiet again after ${(settled / 1000).toFixed(1)} s; then ${SEARCHES}: p50 ${median(times).toFixed(1)} ms, p95 ${searchP95.toFixed(1)} ms; found median ${median(found)}, max ${Math.max(...found)}; slowest ${slowest.map((r) => `${r.ms.toFixed(1)} ms (${/^\d/.test(r.text) ? 'ID number' : 'name'}, ${r.count} found)`).join(', ')}`,
    );
    const memory = await settledChromiumMemory(chromium.page, chromium.profile);
    const heap = await pageHeapMb(chromium.page);
    log(`  Chromium after the first sync and ${SEARCHES} searches: ${describeMemory(memory)}; the page's JavaScript heap ${heap.usedMb.toFixed(0)} MB in use of ${heap.committedMb.toFixed(0)} MB`);
    log(`  the same after a critical memory-pressure notice (what it gives back when memory runs short): ${describeMemory(await chromiumMemoryUnderPressure(chromium.page, chromium.profile))}`);
    return { households, documents, syncSeconds: syncMs / 1000, searchP95Ms: searchP95, memory };
  } finally {
    await chromium.close();
  }
}

export async function scaleFigures(server: BenchServer, options: ScaleOptions): Promise<Figure[]> {
  const mode = options.size;
  const sizes = RUN_SIZES[mode];
  const results: SizeResult[] = [];
  // Other work on the machine stretches every time here: the charts say how busy it was.
  const loads = [os.loadavg()[0]!];
  // The floor under browser_memory_mb, from this run: Chromium alone, before any page of ours.
  const empty = await emptyChromiumMemory(mode === 'smoke' ? 500 : 3_000);
  options.log(`scale: an empty Chromium (one blank tab, fresh profile): ${describeMemory(empty)}`);
  for (const [i, households] of sizes.entries()) {
    // Smoke: tiny databases settle at once; its limit only bounds the wait when other Chromiums are busy.
    results.push(await measureSize(server, households, TOWNSHIPS[i]!, 31 + i, mode === 'smoke' ? 5_000 : 60_000, options.log));
    loads.push(os.loadavg()[0]!);
  }

  const figures: Figure[] = [];
  results.forEach((r, i) => {
    const nominal = NOMINAL[i]!;
    const run = r.households === nominal ? '' : ` (this ${mode} run: ${r.households} households)`;
    figures.push({
      name: `local_search_p95_ms_${label(nominal)}_households`,
      value: r.searchP95Ms,
      unit: 'ms',
      target: SEARCH_TARGET_MS[nominal],
      better: 'lower',
      note: `${WHERE}, ${r.households} households / ${r.documents} documents as a township's first sync left them, ${SEARCHES} searches after ${WARM_UPS} warm-ups${run}`,
    });
    figures.push({
      name: `initial_sync_${label(nominal)}_households_s`,
      value: r.syncSeconds,
      unit: 's',
      target: Number.NaN,
      better: 'lower',
      note: `reference (the curve): ${WHERE}, Workspace.open of a new township user in a fresh Chromium, ${r.documents} documents${run}`,
    });
  });
  if (empty) {
    figures.push({
      name: 'chromium_empty_memory_mb',
      value: empty.rssMb,
      unit: 'MB',
      target: Number.NaN,
      better: 'lower',
      note: `reference (the floor under browser_memory_mb, same run): the same Chromium and flags on a fresh profile with one blank tab, no page of ours: RSS summed over its ${empty.processes} processes (PSS ${empty.pssMb.toFixed(0)} MB)`,
    });
  }
  const atMemory = results[1];
  if (atMemory?.memory) {
    const aboveEmpty = empty
      ? `; above the empty Chromium of this run: +${(atMemory.memory.rssMb - empty.rssMb).toFixed(0)} MB RSS, +${(atMemory.memory.pssMb - empty.pssMb).toFixed(0)} MB PSS`
      : '';
    figures.push({
      name: 'browser_memory_mb',
      value: atMemory.memory.rssMb,
      unit: 'MB',
      target: MEMORY_TARGET_MB,
      better: 'lower',
      note: `a fresh Chromium after the first sync of ${atMemory.households} households (${atMemory.documents} documents) and ${SEARCHES} searches, the workspace open: RSS summed over its ${atMemory.memory.processes} processes (PSS ${atMemory.memory.pssMb.toFixed(0)} MB)${aboveEmpty}${results.map((r) => `; ${r.households} households ${r.memory?.rssMb.toFixed(0) ?? '?'} MB`).join('')}`,
    });
  }
  // A smoke or quick run's tiny curve must not replace the committed charts of a full run.
  const dir = mode === 'full' ? path.resolve('bench-charts') : path.resolve('.tmp/bench-charts');
  const load = `load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`;
  for (const file of renderScaleCharts(results, dir, mode, load)) options.log(`  chart written: ${path.relative(process.cwd(), file)}`);
  return figures;
}
