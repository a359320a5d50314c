/**
 * Figures of the laptop's own database, in Node on fake-indexeddb with the app's RxDB set-up
 * (`openJiuzhuDatabase`, the Dexie storage) and the app's queries (records.ts) and writes
 * (visitRecords.ts).
 */
import 'fake-indexeddb/auto';
import type { Dexie as DexieClass } from 'dexie';
import { createRxDatabase, removeRxDatabase, type RxJsonSchema } from 'rxdb/plugins/core';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { filter, firstValueFrom } from 'rxjs';
import { openJiuzhuDatabase, type JiuzhuDatabase } from '../renderer/data/database';
import { PendingChanges } from '../renderer/data/sync/pendingChanges';
import { saveVisit } from '../renderer/data/visitRecords';
import type { Workspace } from '../renderer/data/workspace';
import { hashIdNumber } from '../shared/domain/idHash';
import { householdJsonSchema, type Household } from '../shared/schemas/household';
import { syncedCollections } from '../shared/sync/collections';
import { createRandom } from '../server/demo/random';
import { memoryStore } from '../tests/support/memoryStore';
import { checkDataset, generateDataset, townshipVillages, type Dataset } from './dataset';
import { median, percentile, type Figure, type Log } from './stats';

/**
 * Raw Dexie is RxDB's own copy (rxdb bundles dexie 4.4.2; the app's package.json has 4.4.7, and
 * Dexie refuses two versions in one process): its import wrapper registers it on this symbol.
 */
function rxdbDexie(): typeof DexieClass {
  const dexie = (globalThis as Record<symbol, unknown>)[Symbol.for('Dexie')];
  if (!dexie) throw new Error('RxDB\'s Dexie is not loaded');
  return dexie as typeof DexieClass;
}

const SEARCH_KEY = 'bench-search-key-0123456789abcdef';
const USER = { id: 'u-bench-township', username: 'bench', displayName: '刘芳', role: 'township' as const, areaCode: '371623101000' };

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The household list's query (records.ts useHouseholds) for a search text. */
async function listQuery(db: JiuzhuDatabase, text: string): Promise<number> {
  const selector: Record<string, unknown> = /^\d{17}[\dXx]$/.test(text)
    ? { idHashes: await hashIdNumber(SEARCH_KEY, text) }
    : text
      ? { members: { $elemMatch: { name: { $regex: escapeRegex(text) } } } }
      : {};
  selector['archived'] = { $exists: false };
  const docs = await db.households.find({ selector: selector as never, sort: [{ updatedAt: 'desc' }] }).exec();
  return docs.length;
}

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function fill(db: JiuzhuDatabase, data: Dataset): Promise<void> {
  for (const c of syncedCollections) {
    const docs = data[c] as object[];
    for (let i = 0; i < docs.length; i += 5000) await db[c].bulkInsert(docs.slice(i, i + 5000) as never);
  }
}

/** rxdb_vs_raw_dexie_write: the same households, RxDB bulkInsert vs Dexie bulkPut, each into a fresh database. */
async function rxdbVsDexie(households: Household[], log: Log): Promise<Figure> {
  const runs = 3;
  const ratios: number[] = [];
  log(`RxDB bulkInsert vs raw Dexie bulkPut: ${households.length} households, ${runs} runs after a warm-up`);
  for (let run = 0; run <= runs; run++) {
    const docs = run === 0 ? households.slice(0, 500) : households;
    const storage = getRxStorageDexie();
    const name = `bench-rx-${run}-${Date.now()}`;
    const rx = await createRxDatabase({ name, storage, multiInstance: false });
    await rx.addCollections({ households: { schema: householdJsonSchema as unknown as RxJsonSchema<Household> } });
    const rxMs = await timeIt(() => rx.households!.bulkInsert(docs));
    await rx.close();
    await removeRxDatabase(name, storage);

    const Dexie = rxdbDexie();
    const dexie = new Dexie(`bench-dexie-${run}-${Date.now()}`);
    // The same indexes RxDB's schema declares (primary key, areaCode, updatedAt).
    dexie.version(1).stores({ households: 'id, areaCode, updatedAt' });
    await dexie.open();
    const dexieMs = await timeIt(() => dexie.table('households').bulkPut(docs));
    dexie.close();
    await Dexie.delete(dexie.name);
    if (run === 0) continue;
    ratios.push(rxMs / dexieMs);
    log(`  run ${run}: RxDB ${rxMs.toFixed(0)} ms, Dexie ${dexieMs.toFixed(0)} ms, ratio ${(rxMs / dexieMs).toFixed(2)}`);
  }
  return { name: 'rxdb_vs_raw_dexie_write', value: median(ratios), unit: 'ratio', target: 2, better: 'lower', note: `Node + fake-indexeddb, ${households.length} households` };
}

export async function localFigures(options: { quick: boolean; log: Log }): Promise<Figure[]> {
  const { log } = options;
  const householdCount = options.quick ? 5000 : 30000;
  const visitsPerHousehold = 10 / 3; // 15,000 / 100,000 visits
  const started = performance.now();
  const data = await generateDataset({
    households: householdCount,
    villageCodes: townshipVillages(),
    seed: 11,
    createdBy: USER.id,
    visitsPerHousehold,
    searchKey: SEARCH_KEY,
  });
  checkDataset(data, options.quick ? 5 : 20);
  log(`local dataset: ${data.households.length} households, ${data.visits.length} visits, ${data.applications.length} applications, ${data.careNeeds.length} care needs (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const figures: Figure[] = [];

  figures.push(await rxdbVsDexie(data.households.slice(0, options.quick ? 5000 : 10000), log));

  const storage = getRxStorageDexie();
  const name = 'jiuzhu-bench-local';
  let db = await openJiuzhuDatabase(name, storage, { searchKey: SEARCH_KEY });
  try {
    const t0 = performance.now();
    await fill(db, data);
    log(`  stored in RxDB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const random = createRandom(99);

    // local_search_p95_ms: by part of a name (surname + given name's first character, or a given name) and by ID number.
    const searches: string[] = [];
    // Each unindexed search scans every household; on fake-indexeddb that takes seconds, so few are run.
    const searchCount = options.quick ? 8 : 6;
    for (let i = 0; i < searchCount + 2; i++) {
      const member = random.pick(random.pick(data.households).members);
      const kind = i % 3;
      searches.push(kind === 0 ? member.idNumber : kind === 1 ? member.name.slice(0, 2) : member.name.slice(-2));
    }
    for (const text of searches.slice(0, 2)) await listQuery(db, text); // warm-up
    const searchTimes: number[] = [];
    const idTimes: number[] = [];
    const nameTimes: number[] = [];
    for (const text of searches.slice(2)) {
      const ms = await timeIt(() => listQuery(db, text));
      searchTimes.push(ms);
      (/^\d/.test(text) ? idTimes : nameTimes).push(ms);
    }
    log(`  search: p95 ${percentile(searchTimes, 95).toFixed(1)} ms (name p50 ${median(nameTimes).toFixed(1)}, ID p50 ${median(idTimes).toFixed(1)})`);
    figures.push({
      name: 'local_search_p95_ms',
      value: percentile(searchTimes, 95),
      unit: 'ms',
      target: 15,
      better: 'lower',
      note: `Node + fake-indexeddb, ${data.households.length} households / ${data.visits.length} visits, ${searchTimes.length} queries (name p50 ${median(nameTimes).toFixed(0)} ms, ID p50 ${median(idTimes).toFixed(0)} ms)`,
    });

    // open_household_p95_ms: the household, its visits, applications and care needs.
    const openOne = async (id: string) =>
      Promise.all([
        db.households.findOne(id).exec(),
        db.visits.find({ selector: { householdId: id }, sort: [{ updatedAt: 'desc' }] }).exec(),
        db.applications.find({ selector: { householdId: id } }).exec(),
        db.careNeeds.find({ selector: { householdId: id } }).exec(),
      ]);
    for (let i = 0; i < 5; i++) await openOne(random.pick(data.households).id);
    const openTimes: number[] = [];
    for (let i = 0; i < 60; i++) {
      const id = random.pick(data.households).id;
      openTimes.push(await timeIt(() => openOne(id)));
    }
    log(`  open household: p50 ${median(openTimes).toFixed(1)} ms, p95 ${percentile(openTimes, 95).toFixed(1)} ms`);
    figures.push({ name: 'open_household_p95_ms', value: percentile(openTimes, 95), unit: 'ms', target: 50, better: 'lower', note: 'Node + fake-indexeddb, findOne + 3 indexed queries' });

    // save_visit_visible_ms: saveVisit (the app's write) until the household's live visit list shows it.
    const workspace = { db, session: { user: USER, serverUrl: 'http://bench', offline: true }, pending: new PendingChanges(memoryStore(), 'bench'), searchKey: SEARCH_KEY } as unknown as Workspace;
    const saveTimes: number[] = [];
    for (let i = 0; i < 25; i++) {
      const household = random.pick(data.households);
      const list$ = db.visits.find({ selector: { householdId: household.id }, sort: [{ updatedAt: 'desc' }] }).$;
      // The list is on screen first (its first answer), then the visit is saved.
      const before = new Set((await firstValueFrom(list$)).map((d) => d.id));
      const shown = firstValueFrom(list$.pipe(filter((docs) => docs.some((d) => !before.has(d.id)))));
      const t0 = performance.now();
      await saveVisit(workspace, household.id, {
        type: 'routine',
        visitDate: '2026-11-20',
        investigators: ['王秀兰'],
        findings: '入户时户主在家，老人身体尚可，冬季取暖需要帮助，已告知临时救助政策。',
      });
      await shown;
      if (i >= 5) saveTimes.push(performance.now() - t0);
    }
    log(`  save visit → visible: p50 ${median(saveTimes).toFixed(1)} ms, p95 ${percentile(saveTimes, 95).toFixed(1)} ms`);
    figures.push({ name: 'save_visit_visible_ms', value: median(saveTimes), unit: 'ms', target: 50, better: 'lower', note: `Node + fake-indexeddb, median of ${saveTimes.length} (p95 ${percentile(saveTimes, 95).toFixed(0)} ms)` });

    // cold_start_interactive_ms: reopen the database and run the household list's first query.
    const coldTimes: number[] = [];
    for (let run = 0; run < 2; run++) {
      await db.close();
      const t0 = performance.now();
      db = await openJiuzhuDatabase(name, storage, { searchKey: SEARCH_KEY });
      await listQuery(db, '');
      coldTimes.push(performance.now() - t0);
    }
    log(`  cold start (open + list query): ${coldTimes.map((t) => t.toFixed(0)).join(', ')} ms`);
    figures.push({
      name: 'cold_start_interactive_ms',
      value: median(coldTimes),
      unit: 'ms',
      target: 1500,
      better: 'lower',
      note: `Node + fake-indexeddb (in-process, so not truly cold; no UI render), ${data.households.length} households, open + list query`,
    });
  } finally {
    await db.close();
    await removeRxDatabase(name, storage);
  }
  return figures;
}
