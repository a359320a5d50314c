/**
 * The bench page: the renderer's data layer (openJiuzhuDatabase on RxDB's Dexie storage, i.e.
 * Chromium's IndexedDB on disk; Workspace; saveVisit; the household search) without the UI.
 * bench/browserFigures.ts drives it with Playwright through `window.bench`; every time is taken
 * here, in the page, with performance.now().
 */
import type { Dexie as DexieClass } from 'dexie';
import { createRxDatabase, type RxJsonSchema } from 'rxdb/plugins/core';
import { decryptString, encryptString } from 'rxdb/plugins/encryption-crypto-js';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { filter, firstValueFrom } from 'rxjs';
import { openJiuzhuDatabase, type JiuzhuDatabase } from '../../renderer/data/core/database';
import { householdIndexOf } from '../../renderer/data/households/householdIndex';
import { matchingHouseholdIds, searchHouseholdPage } from '../../renderer/data/households/householdSearch';
import { PendingChanges } from '../../renderer/data/core/sync/pendingChanges';
import { DataKey } from '../../renderer/data/core/keys/dataKey';
import { wrappedWebCryptoEncryptionStorage } from '../../renderer/data/core/keys/webCryptoEncryptionStorage';
import type { AppSession } from '../../renderer/data/core/types';
import { saveVisit } from '../../renderer/data/visits/visitRecords';
import { Workspace } from '../../renderer/data/core/workspace';
import { idNumberHashes, type SearchKeys } from '../../shared/domain/idHash';
import { householdJsonSchema, type Household } from '../../shared/schemas/household';
import { syncedCollections, type SyncedCollection } from '../../shared/sync/collections';
import type { TokenResponse } from '../../shared/sync/wire';
import { memoryStore } from '../../harness/memoryStore';
// The scale step's API (`window.benchScale`), on the same page.
import './scale';

const storage = getRxStorageDexie();
let db: JiuzhuDatabase | null = null;
/** The laptop's search keys, by township (the bench gives it a city's: one per township of Binzhou). */
let searchKeys: SearchKeys = {};
const LOCAL_DB = 'jiuzhu-bench-local';
const COLD_FLAG = 'jiuzhu-bench-cold';
/** The local database's encryption password (the app derives it from the user's data key). */
const DB_PASSWORD = 'bench-local-data-key-0123456789abcdef';

const USER = { id: 'u-bench-township', username: 'bench', displayName: '刘芳', role: 'township' as const, areaCode: '371623101000' };

function open(): JiuzhuDatabase {
  if (!db) throw new Error('local database not open');
  return db;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/**
 * The household list's search as the app runs it (records.ts), hashing an ID number first as the
 * list does, under every key the laptop holds: the matches counted, the first page of 20 read.
 * Returns how many were found.
 */
async function listSearch(text: string): Promise<number> {
  const idHashes = /^\d{17}[\dXx]$/.test(text) ? await idNumberHashes(searchKeys, text) : null;
  return (await searchHouseholdPage(open(), { text }, idHashes, { offset: 0, limit: 20 })).total;
}

/**
 * Raw Dexie is RxDB's own copy (rxdb bundles its Dexie; a second version in one page is refused):
 * its import wrapper registers it on this symbol.
 */
function rxdbDexie(): typeof DexieClass {
  const dexie = (globalThis as Record<symbol, unknown>)[Symbol.for('Dexie')];
  if (!dexie) throw new Error("RxDB's Dexie is not loaded");
  return dexie as typeof DexieClass;
}

const bench = {
  async openLocal(keys: SearchKeys): Promise<void> {
    searchKeys = keys;
    db = await openJiuzhuDatabase(LOCAL_DB, storage, { searchKeys: keys, password: DB_PASSWORD });
  },
  /** Documents held in the page for `rawWriteFloor`, handed over in chunks before the clock starts. */
  floorDocs: new Map<string, object[]>(),
  stageFloorDocs(name: string, docs: object[]): void {
    const staged = bench.floorDocs.get(name);
    if (staged) staged.push(...docs);
    else bench.floorDocs.set(name, [...docs]);
  },
  /**
   * The floor under the initial sync: the same documents written once into IndexedDB itself (no
   * RxDB, no encryption, no replication bookkeeping), in transactions of 200 per collection and the
   * collections in parallel as the sync pulls them, with the schemas' indexes. Milliseconds.
   */
  async rawWriteFloor(indexes: Record<string, (string | string[])[]>): Promise<number> {
    const name = `bench-floor-${Date.now()}`;
    const request = <T>(req: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const opening = indexedDB.open(name, 1);
    opening.onupgradeneeded = () => {
      for (const [collection, fields] of Object.entries(indexes)) {
        const store = opening.result.createObjectStore(collection, { keyPath: 'id' });
        for (const field of fields) store.createIndex(Array.isArray(field) ? field.join('+') : field, field);
      }
    };
    const idb = await request(opening);
    const t0 = performance.now();
    await Promise.all(
      [...bench.floorDocs].map(async ([collection, docs]) => {
        for (let i = 0; i < docs.length; i += 200) {
          await new Promise<void>((resolve, reject) => {
            const tx = idb.transaction(collection, 'readwrite');
            const store = tx.objectStore(collection);
            for (const doc of docs.slice(i, i + 200)) store.put(doc);
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          });
        }
      }),
    );
    const ms = performance.now() - t0;
    idb.close();
    bench.floorDocs.clear();
    await request(indexedDB.deleteDatabase(name));
    return ms;
  },
  async fill(name: SyncedCollection, docs: object[]): Promise<number> {
    const collection = open()[name] as unknown as { bulkInsert(docs: object[]): Promise<unknown> };
    return (await timed(() => collection.bulkInsert(docs))).ms;
  },
  async search(text: string) {
    const { ms, value } = await timed(() => listSearch(text));
    return { ms, count: value };
  },
  /** Where a search's time goes: the ID number's hashes (one per key held), the scan of the in-memory index, reading the first page. */
  async searchParts(text: string): Promise<{ hash: number; scan: number; read: number }> {
    const local = open();
    const byId = /^\d{17}[\dXx]$/.test(text);
    const hashed = await timed(async () => (byId ? idNumberHashes(searchKeys, text) : null));
    const index = await householdIndexOf(local);
    const scanned = await timed(async () => matchingHouseholdIds(index, { text }, hashed.value));
    const read = await timed(() => local.households.findByIds(scanned.value.slice(0, 20)).exec());
    return { hash: hashed.ms, scan: scanned.ms, read: read.ms };
  },
  /** The household page's reads: the household, its visits, applications and care needs. */
  async openHousehold(id: string): Promise<number> {
    const local = open();
    return (
      await timed(() =>
        Promise.all([
          local.households.findOne(id).exec(),
          local.visits.find({ selector: { householdId: id }, sort: [{ updatedAt: 'desc' }] }).exec(),
          local.applications.find({ selector: { householdId: id } }).exec(),
          local.careNeeds.find({ selector: { householdId: id } }).exec(),
        ]),
      )
    ).ms;
  },
  /** saveVisit (the app's write) until the household's live visit list emits the new visit. */
  async saveVisitVisible(householdId: string): Promise<number> {
    const local = open();
    const workspace = {
      db: local,
      session: { user: USER, serverUrl: location.origin, offline: true },
      pending: new PendingChanges(memoryStore(), 'bench'),
      searchKeys,
    } as unknown as Workspace;
    const list$ = local.visits.find({ selector: { householdId }, sort: [{ updatedAt: 'desc' }] }).$;
    const before = new Set((await firstValueFrom(list$)).map((d) => d.id));
    const shown = firstValueFrom(list$.pipe(filter((docs) => docs.some((d) => !before.has(d.id)))));
    const t0 = performance.now();
    await saveVisit(workspace, householdId, {
      type: 'routine',
      visitDate: '2026-11-20',
      investigators: ['王秀兰'],
      findings: '入户时户主在家，老人身体尚可，冬季取暖需要帮助，已告知临时救助政策。',
    });
    await shown;
    return performance.now() - t0;
  },
  /**
   * The same households into fresh databases: RxDB bulkInsert as the app sets it up (field
   * encryption on the Dexie storage), RxDB without the encryption, and Dexie bulkPut (same indexes).
   */
  async rxdbVsDexie(docs: Household[], run: number): Promise<{ appMs: number; plainMs: number; dexieMs: number }> {
    const { encrypted: _encrypted, ...plainSchema } = householdJsonSchema as unknown as RxJsonSchema<Household>;
    const rxInsert = async (label: string, schema: RxJsonSchema<Household>, encrypted: boolean) => {
      const name = `bench-${label}-${run}-${Date.now()}`;
      const rxStorage = encrypted ? wrappedWebCryptoEncryptionStorage({ storage }) : storage;
      const rx = await createRxDatabase({ name, storage: rxStorage, multiInstance: false, ...(encrypted ? { password: DB_PASSWORD } : {}) });
      await rx.addCollections({ households: { schema } });
      const ms = (await timed(() => rx.households!.bulkInsert(docs))).ms;
      await rx.remove();
      return ms;
    };
    const appMs = await rxInsert('app', householdJsonSchema as unknown as RxJsonSchema<Household>, true);
    const plainMs = await rxInsert('plain', plainSchema, false);
    const Dexie = rxdbDexie();
    const dexie = new Dexie(`bench-dexie-${run}-${Date.now()}`);
    dexie.version(1).stores({ households: 'id, areaCode, updatedAt' });
    await dexie.open();
    const dexieMs = (await timed(() => dexie.table('households').bulkPut(docs))).ms;
    dexie.close();
    await Dexie.delete(dexie.name);
    return { appMs, plainMs, dexieMs };
  },
  /** A township laptop's first sign-in: Workspace.open replicates everything into IndexedDB; done when all is in and a village list answers. */
  async initialSync(
    session: AppSession,
    tokens: TokenResponse,
    expected: Record<SyncedCollection, number>,
    villageCode: string,
  ): Promise<{ ms: number; counts: number[]; firstVillageMs: number | null }> {
    const t0 = performance.now();
    const workspace = await Workspace.open(
      session,
      { tokens, refreshToken: tokens.refreshToken, searchKeys: tokens.searchKeys ?? null, dataKey: DataKey.generate() },
      { storage, store: memoryStore(), events: window, isNavigatorOnline: () => true },
    );
    const villageList = () =>
      workspace.db.households.find({ selector: { areaCode: villageCode }, sort: [{ updatedAt: 'desc' }], limit: 20 }).exec();
    try {
      const deadline = Date.now() + 600_000;
      let counts: number[] = [];
      // first_village_usable_s: the first village's household list answers with households while the rest still comes.
      let firstVillageMs: number | null = null;
      for (;;) {
        if (firstVillageMs === null && (await villageList()).length > 0) firstVillageMs = performance.now() - t0;
        counts = await Promise.all(syncedCollections.map((c) => workspace.db[c].count().exec()));
        if (syncedCollections.every((c, i) => counts[i]! >= expected[c])) break;
        if (Date.now() > deadline) throw new Error(`initial sync stuck at ${counts.join('/')}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await villageList();
      return { ms: performance.now() - t0, counts, firstVillageMs: firstVillageMs ?? performance.now() - t0 };
    } finally {
      // 清除本机数据, as the app does it: the next run starts from an empty laptop again.
      await workspace.wipe();
    }
  },
  /**
   * What one encrypted field costs: RxDB's crypto-js AES (password, per-call key derivation) as
   * the app uses it, against WebCrypto AES-GCM with a key derived once. Per value, in µs.
   */
  async cipherCost(values: unknown[]): Promise<{ cryptoJs: { encrypt: number; decrypt: number }; webCrypto: { encrypt: number; decrypt: number } }> {
    const texts = values.map((v) => JSON.stringify(v));
    const perValue = (ms: number) => (ms * 1000) / texts.length;
    let t0 = performance.now();
    const sealed = texts.map((t) => encryptString(t, DB_PASSWORD));
    const cjEncrypt = perValue(performance.now() - t0);
    t0 = performance.now();
    sealed.forEach((c) => decryptString(c, DB_PASSWORD));
    const cjDecrypt = perValue(performance.now() - t0);
    const key = await crypto.subtle.importKey('raw', crypto.getRandomValues(new Uint8Array(32)), 'AES-GCM', false, ['encrypt', 'decrypt']);
    const encoder = new TextEncoder();
    t0 = performance.now();
    const gcm = await Promise.all(
      texts.map(async (t) => {
        const iv = crypto.getRandomValues(new Uint8Array(12));
        return { iv, data: await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, encoder.encode(t)) };
      }),
    );
    const wcEncrypt = perValue(performance.now() - t0);
    const decoder = new TextDecoder();
    t0 = performance.now();
    await Promise.all(gcm.map(async ({ iv, data }) => decoder.decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, data))));
    const wcDecrypt = perValue(performance.now() - t0);
    return { cryptoJs: { encrypt: cjEncrypt, decrypt: cjDecrypt }, webCrypto: { encrypt: wcEncrypt, decrypt: wcDecrypt } };
  },
  /** Marks the next load as a cold start: the page opens the local database and runs a search by itself. */
  armColdStart(keys: SearchKeys, text: string): void {
    sessionStorage.setItem(COLD_FLAG, JSON.stringify({ keys, text }));
  },
  cold: null as null | { ms: number; count: number; scriptMs: number; openedMs: number; indexFrom: string } | { error: string },
  async close(): Promise<void> {
    await db?.close();
    db = null;
  },
};

declare global {
  interface Window {
    bench: typeof bench;
  }
}
window.bench = bench;

// Cold start: from navigation start (performance.now() is 0 there) to the first search's answer,
// with the page's scripts loaded and parsed, the database opened and the search run.
const armed = sessionStorage.getItem(COLD_FLAG);
if (armed) {
  sessionStorage.removeItem(COLD_FLAG);
  const { keys, text } = JSON.parse(armed) as { keys: SearchKeys; text: string };
  const scriptMs = performance.now();
  void (async () => {
    try {
      await bench.openLocal(keys);
      const openedMs = performance.now();
      const count = await listSearch(text);
      const ms = performance.now();
      bench.cold = { ms, count, scriptMs, openedMs, indexFrom: (await householdIndexOf(open())).builtFrom };
    } catch (error) {
      bench.cold = { error: String(error) };
    }
  })();
}
document.getElementById('state')!.textContent = 'ready';
