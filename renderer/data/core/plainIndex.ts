import { BehaviorSubject, from, map, switchMap, throttleTime, type Observable, type Subscription } from 'rxjs';
import { getChangedDocumentsSince, type RxCollection, type RxStorageInstance } from 'rxdb/plugins/core';
import type { JiuzhuDatabase } from './database';
import { isAfter, loadSnapshot, saveSnapshot, type SnapshotSlot, type StorageCheckpoint } from './indexSnapshot';
import { storedFieldReaderOf } from './keys/webCryptoEncryptionStorage';
import { AFTER_FIRST_PULL_COPIES, FIRST_PULL_LWT, firstPullMayWrite } from './sync/firstPull';

/**
 * An in-memory index of a few fields of a collection (householdIndex.ts, visitIndex.ts): read beneath
 * RxDB, opening only the encrypted fields it needs (names, ID hashes) instead of decrypting whole
 * records; kept current from the collection's change stream; saved as a sealed snapshot in the
 * local database and read back at the next start with only the records changed since.
 */

/** A record as the storage holds it: the plain fields, RxDB's bookkeeping, encrypted fields left unread. */
export type StoredRecord = { id: string; _deleted?: boolean | string; _rev?: string; _meta?: { lwt?: number } };

// Dexie keeps boolean index fields as '1' / '0'.
export const isStoredDeleted = (doc: StoredRecord): boolean => doc._deleted === true || doc._deleted === '1';

type RawInstance<T> = RxStorageInstance<T, unknown, unknown, StorageCheckpoint> & { originalStorageInstance?: unknown };

function rawInstance<T>(collection: RxCollection): RawInstance<T> {
  let instance = collection.storageInstance as unknown as RawInstance<T>;
  while (instance.originalStorageInstance) instance = instance.originalStorageInstance as RawInstance<T>;
  return instance;
}

/**
 * The index's encrypted fields of stored records, opened (the rest of each record stays sealed).
 * Deleted records leave the index, so nothing of theirs is opened.
 */
async function openFields<T extends StoredRecord>(collection: RxCollection, docs: T[], sealedFields: readonly string[]): Promise<T[]> {
  if (sealedFields.length === 0 || docs.length === 0) return docs;
  const reader = storedFieldReaderOf(collection.storageInstance);
  if (!reader) throw new Error(`${collection.name}: no reader for its encrypted fields`);
  const live = docs.filter((doc) => !isStoredDeleted(doc));
  const opened = new Map((await reader(live as unknown as Record<string, unknown>[], sealedFields)).map((doc) => [doc['id'], doc]));
  return docs.map((doc) => (opened.get(doc.id) as T | undefined) ?? doc);
}

/** What of RxDB's Dexie table the indexes read directly (the storage's own records, its `[_meta.lwt+id]` index). */
interface DexieTable<T> {
  toArray(): Promise<T[]>;
  where(index: '[_meta.lwt+id]'): { above(key: [number, string]): { limit(count: number): { toArray(): Promise<T[]> } } };
}

async function dexieTableOf<T extends StoredRecord>(collection: RxCollection): Promise<DexieTable<T> | undefined> {
  const internals = (await rawInstance<T>(collection).internals) as { dexieTable?: DexieTable<T> } | undefined;
  return internals?.dexieTable;
}

/**
 * Every stored record: one getAll from IndexedDB when the storage is RxDB's Dexie storage (then
 * only the index's encrypted fields are opened), otherwise (other storages) through RxDB.
 */
async function readAll<T extends StoredRecord>(collection: RxCollection, sealedFields: readonly string[]): Promise<T[]> {
  const table = await dexieTableOf<T>(collection);
  if (table) return openFields(collection, await table.toArray(), sealedFields);
  return (await collection.find().exec()).map((d) => (d as { toMutableJSON(withMeta: true): T }).toMutableJSON(true));
}

const CHANGES_PAGE = 1000;

/** The records written after `checkpoint` (deleted ones included), in the storage's change order. */
async function readChangedSince<T extends StoredRecord>(
  collection: RxCollection,
  checkpoint: StorageCheckpoint | null,
  sealedFields: readonly string[],
): Promise<{ docs: T[]; checkpoint: StorageCheckpoint | null }> {
  const docs: T[] = [];
  let at = checkpoint;
  // On Dexie, a range of its `[_meta.lwt+id]` index: RxDB's own query for it walked every record
  // (1–2 s at each start of a township laptop, with nothing changed).
  const table = await dexieTableOf<T>(collection);
  for (;;) {
    const page = table ? await changedInTable(table, at) : await getChangedDocumentsSince(rawInstance<T>(collection), CHANGES_PAGE, at ?? undefined);
    docs.push(...(await openFields(collection, page.documents as T[], sealedFields)));
    if (page.documents.length > 0) at = page.checkpoint;
    if (page.documents.length < CHANGES_PAGE) return { docs, checkpoint: at };
  }
}

async function changedInTable<T extends StoredRecord>(table: DexieTable<T>, after: StorageCheckpoint | null): Promise<{ documents: T[]; checkpoint: StorageCheckpoint | null }> {
  const documents = await table
    .where('[_meta.lwt+id]')
    .above(after ? [after.lwt, after.id] : [-Infinity, ''])
    .limit(CHANGES_PAGE)
    .toArray();
  const last = documents[documents.length - 1];
  return { documents, checkpoint: last ? { id: last.id, lwt: last._meta?.lwt ?? 0 } : after };
}

function newestCheckpoint(docs: readonly StoredRecord[]): StorageCheckpoint | null {
  let newest: StorageCheckpoint | null = null;
  for (const doc of docs) {
    const lwt = doc._meta?.lwt;
    if (typeof lwt === 'number' && isAfter({ id: doc.id, lwt }, newest)) newest = { id: doc.id, lwt };
  }
  return newest;
}

/**
 * When the snapshot is written after changes: once they have been quiet this long (a sync writes
 * records batch after batch), and in a long sync at least this often. A snapshot that lags only
 * costs the next start a read of what changed since, so an app closed soon after a sync (a first
 * sync, then the laptop shut) should find it current: that read opened thousands of households at
 * every start until one ran 10 s.
 */
const SAVE_WHEN_QUIET_MS = 2_000;
const SAVE_AT_LEAST_EVERY_MS = 10_000;

export interface PlainIndexSource {
  collection: RxCollection;
  /** The encrypted fields the index reads (opened beneath RxDB); whether an encrypted field is there at all needs no opening. */
  sealedFields: readonly string[];
  snapshot: SnapshotSlot;
}

export abstract class PlainIndex<Stored extends StoredRecord, Entry> {
  private readonly changes = new BehaviorSubject<void>(undefined);
  private subscription: Subscription | null = null;
  /** The newest change taken in: a snapshot saved now is complete up to here. */
  private checkpoint: StorageCheckpoint | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  /** When the first change not yet in a saved snapshot arrived. */
  private unsavedSince: number | null = null;
  /** Looks again (one local document read every 2 s) whether a first pull is over (see `saveWhenFirstPullEnds`). */
  private firstPullTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  /** Emits when the index is ready and after every change it took in. */
  readonly changed$: Observable<void> = this.changes.asObservable();

  /** How the last build started: from the saved snapshot (and the changes since), or by reading every record. */
  builtFrom: 'snapshot' | 'records' = 'records';
  /** How many stored records the last build read (every one, or those changed after the snapshot). */
  recordsRead = 0;

  protected constructor(
    private readonly db: JiuzhuDatabase,
    private readonly source: PlainIndexSource,
  ) {}

  /** Takes in stored records, deleted ones included (they leave the index). */
  protected abstract takeRecords(docs: readonly Stored[]): void;
  /** Takes in a saved snapshot's entries. */
  protected abstract takeEntries(entries: readonly Entry[]): void;
  /** What a snapshot saves. */
  protected abstract entries(): Entry[];

  /** Listens first, reads second, then replays what arrived meanwhile in order: the last event wins. */
  protected async start(): Promise<void> {
    const buffered: { docs: Stored[]; checkpoint: StorageCheckpoint | null }[] = [];
    let ready = false;
    this.subscription = this.source.collection.eventBulks$.subscribe((bulk) => {
      const docs = bulk.events.map((e) => ({ ...(e.documentData as Stored), ...(e.operation === 'DELETE' ? { _deleted: true } : {}) }));
      const checkpoint = (bulk.checkpoint as StorageCheckpoint | undefined) ?? null;
      if (ready) this.apply(docs, checkpoint);
      else buffered.push({ docs, checkpoint });
    });
    // A snapshot is not trusted while a first pull may still write (see `saveWhenFirstPullEnds`):
    // copies written after it could sort before its position.
    const pulling = await firstPullMayWrite(this.db as never, this.source.collection.name);
    const snapshot = pulling ? null : await loadSnapshot<Entry>(this.db, this.source.snapshot);
    let changedSinceSnapshot = false;
    if (snapshot) {
      this.takeEntries(snapshot.entries);
      const changed = await readChangedSince<Stored>(this.source.collection, snapshot.checkpoint, this.source.sealedFields);
      changedSinceSnapshot = changed.docs.length > 0;
      this.recordsRead = changed.docs.length;
      this.take(changed.docs, changed.checkpoint ?? snapshot.checkpoint);
      this.builtFrom = 'snapshot';
    } else {
      const docs = await readAll<Stored>(this.source.collection, this.source.sealedFields);
      this.recordsRead = docs.length;
      this.take(docs, newestCheckpoint(docs));
    }
    ready = true;
    buffered.forEach(({ docs, checkpoint }) => this.take(docs, checkpoint));
    this.changes.next();
    // Saved at once when built the long way; after a start from the snapshot, only if records had
    // changed since it (once things settle).
    if (!snapshot) this.scheduleSave(0);
    else if (changedSinceSnapshot || buffered.length > 0) this.scheduleSave();
  }

  private take(docs: readonly Stored[], checkpoint: StorageCheckpoint | null): void {
    this.takeRecords(docs);
    if (checkpoint && isAfter(checkpoint, this.checkpoint)) this.checkpoint = checkpoint;
  }

  private apply(docs: readonly Stored[], checkpoint: StorageCheckpoint | null): void {
    this.take(docs, checkpoint);
    this.changes.next();
    this.scheduleSave();
  }

  /** Saves once changes have been quiet for SAVE_WHEN_QUIET_MS (`delayMs` instead, when given), and never later than SAVE_AT_LEAST_EVERY_MS after the first. */
  private scheduleSave(delayMs = SAVE_WHEN_QUIET_MS): void {
    if (this.closed) return;
    const now = Date.now();
    this.unsavedSince ??= now;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    const at = Math.min(now + delayMs, this.unsavedSince + SAVE_AT_LEAST_EVERY_MS);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.unsavedSince = null;
      void this.save().catch(() => undefined);
    }, Math.max(0, at - now));
  }

  /** Saves the index as it is now (the snapshot a later start reads). A failure only costs that start a full read. */
  async save(): Promise<void> {
    if (this.closed || this.db.closed) return;
    // Taken before anything is awaited: entries taken meanwhile are then only read again.
    const checkpoint = this.checkpoint;
    if (await firstPullMayWrite(this.db as never, this.source.collection.name)) {
      this.saveWhenFirstPullEnds();
      return;
    }
    if (this.closed || this.db.closed) return;
    // The newest position taken in is the last record of each write as RxDB reports it, not the
    // highest id among copies sharing the first pull's write time: once the pull is over every copy
    // is in the index, so the snapshot stands after all of them and a start reads none again.
    const after = checkpoint && checkpoint.lwt <= FIRST_PULL_LWT ? AFTER_FIRST_PULL_COPIES : checkpoint;
    await saveSnapshot(this.db, this.source.snapshot, { checkpoint: after, entries: this.entries() });
  }

  /**
   * A first pull's copies all carry the same write time, so their order says nothing of when each
   * was written: while a first pull may still write some (firstPullMayWrite), no point in that
   * order has every later copy after it, and a snapshot would have to be read whole again — so none
   * is saved (sealing 30,000 entries every few seconds of a first sync for nothing), and none is
   * trusted at a start. Once the pull is over every copy is in the index: the snapshot is saved then,
   * after every copy (AFTER_FIRST_PULL_COPIES), and a start reads only what came later.
   */
  private saveWhenFirstPullEnds(): void {
    if (this.firstPullTimer || this.closed) return;
    this.firstPullTimer = setTimeout(() => {
      this.firstPullTimer = null;
      if (this.closed || this.db.closed) return;
      firstPullMayWrite(this.db as never, this.source.collection.name).then(
        (pulling) => (pulling ? this.saveWhenFirstPullEnds() : this.scheduleSave(0)),
        () => this.saveWhenFirstPullEnds(),
      );
    }, SAVE_WHEN_QUIET_MS);
  }

  close(): void {
    this.closed = true;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    if (this.firstPullTimer) clearTimeout(this.firstPullTimer);
    this.saveTimer = null;
    this.firstPullTimer = null;
    this.subscription?.unsubscribe();
    this.changes.complete();
  }
}

/**
 * The index each time it changed, for readers that follow it (lists, 今日): a sync changes records
 * batch after batch, so at most every 100 ms meanwhile, and once more after the last change.
 */
export function followIndex<I extends { changed$: Observable<void> }>(built: Promise<I>): Observable<I> {
  return from(built).pipe(
    switchMap((index) => index.changed$.pipe(throttleTime(100, undefined, { leading: true, trailing: true }), map(() => index))),
  );
}

/** One index per database, built on first use and closed with the database; a failed build is tried again at the next use. */
export function indexPerDatabase<I extends { close(): void }>(build: (db: JiuzhuDatabase) => Promise<I>): (db: JiuzhuDatabase) => Promise<I> {
  const indexes = new WeakMap<JiuzhuDatabase, Promise<I>>();
  return (db) => {
    let index = indexes.get(db);
    if (!index) {
      index = build(db);
      indexes.set(db, index);
      index.catch(() => indexes.delete(db));
      const built = index;
      db.onClose.push(() => built.then((i) => i.close(), () => undefined));
    }
    return index;
  };
}
