import { BehaviorSubject, type Observable, type Subscription } from 'rxjs';
import { getChangedDocumentsSince, type RxStorageInstance } from 'rxdb/plugins/core';
import type { Household, HouseholdCategory } from '../../shared/schemas/household';
import type { JiuzhuDatabase } from './database';
import { isAfter, loadIndexSnapshot, saveIndexSnapshot, type StorageCheckpoint } from './householdIndexSnapshot';

/**
 * What the household search and the lists' summaries read, per household: only fields stored
 * plain (never members, so not the head's name: a member's relation is encrypted).
 */
export interface HouseholdEntry {
  id: string;
  memberNames: readonly string[];
  idHashes: readonly string[];
  areaCode: string;
  categories: readonly HouseholdCategory[];
  archived: boolean;
  /** 纳入保障: the review rules date a never-visited household's first visit from it. */
  createdAt: number;
  irregularIncome: boolean;
  updatedAt: number;
  /** RxDB's revision: a reader of whole households knows from it which ones to read again. */
  rev: string;
}

type StoredHousehold = Partial<Household> & { id: string; _deleted?: boolean | string; _rev?: string; _meta?: { lwt?: number } };

const entryOf = (doc: StoredHousehold): HouseholdEntry => ({
  id: doc.id,
  memberNames: doc.memberNames ?? [],
  idHashes: doc.idHashes ?? [],
  areaCode: doc.areaCode ?? '',
  categories: doc.categories ?? [],
  archived: doc.archived !== undefined,
  createdAt: doc.createdAt ?? 0,
  irregularIncome: doc.irregularIncome === true,
  updatedAt: doc.updatedAt ?? 0,
  rev: doc._rev ?? '',
});

// Dexie keeps boolean index fields as '1' / '0'.
const isDeleted = (doc: StoredHousehold) => doc._deleted === true || doc._deleted === '1';

const entryFields = ['memberNames', 'idHashes', 'areaCode', 'categories', 'archived', 'createdAt', 'irregularIncome', 'updatedAt'];

type RawInstance = RxStorageInstance<StoredHousehold, unknown, unknown, StorageCheckpoint> & { originalStorageInstance?: unknown };

/** The households' storage beneath the encryption layer: it gives the plain fields without decrypting members. */
function rawInstance(db: JiuzhuDatabase): RawInstance {
  let instance = db.households.storageInstance as unknown as RawInstance;
  while (instance.originalStorageInstance) instance = instance.originalStorageInstance as RawInstance;
  return instance;
}

/**
 * Every stored household's plain fields, read without the encryption layer (which would decrypt
 * each household's members only for the search to ignore them): one getAll from IndexedDB when
 * the storage is RxDB's Dexie storage, otherwise (other storages) through RxDB.
 */
async function readAll(db: JiuzhuDatabase): Promise<StoredHousehold[]> {
  const internals = (await rawInstance(db).internals) as { dexieTable?: { toArray(): Promise<StoredHousehold[]> } } | undefined;
  const encrypted = new Set((db.households.schema.jsonSchema as { encrypted?: string[] }).encrypted ?? []);
  const plainFieldsStored = !entryFields.some((f) => encrypted.has(f));
  if (internals?.dexieTable && plainFieldsStored) return internals.dexieTable.toArray();
  return (await db.households.find().exec()).map((d) => d.toMutableJSON(true) as StoredHousehold);
}

const CHANGES_PAGE = 1000;

/** The households written after `checkpoint` (deleted ones included), in the storage's change order. */
async function readChangedSince(db: JiuzhuDatabase, checkpoint: StorageCheckpoint | null): Promise<{ docs: StoredHousehold[]; checkpoint: StorageCheckpoint | null }> {
  const docs: StoredHousehold[] = [];
  let at = checkpoint;
  for (;;) {
    const page = await getChangedDocumentsSince(rawInstance(db), CHANGES_PAGE, at ?? undefined);
    docs.push(...page.documents);
    if (page.documents.length > 0) at = page.checkpoint;
    if (page.documents.length < CHANGES_PAGE) return { docs, checkpoint: at };
  }
}

const checkpointOf = (doc: StoredHousehold): StorageCheckpoint | null =>
  typeof doc._meta?.lwt === 'number' ? { id: doc.id, lwt: doc._meta.lwt } : null;

// A sync changes households batch after batch: the snapshot is written once things have settled.
const SAVE_DELAY_MS = 10_000;

/**
 * The household search's in-memory index (搜索): the plain fields of every household, read once
 * and then kept up to date from the collection's change stream, so a search is a scan of memory
 * instead of a walk over every household in IndexedDB.
 */
export class HouseholdIndex {
  private readonly entries = new Map<string, HouseholdEntry>();
  private readonly changes = new BehaviorSubject<void>(undefined);
  private subscription: Subscription | null = null;
  /** The newest change taken in: a snapshot saved now is complete up to here. */
  private checkpoint: StorageCheckpoint | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  /** Emits when the index is ready and after every change to the households it took in. */
  readonly changed$: Observable<void> = this.changes.asObservable();

  /** How the last build started: from the saved snapshot (and the changes since), or by reading every household. */
  builtFrom: 'snapshot' | 'households' = 'households';

  private constructor(private readonly db: JiuzhuDatabase) {}

  static async build(db: JiuzhuDatabase): Promise<HouseholdIndex> {
    const index = new HouseholdIndex(db);
    // Listen first, read second, then replay what arrived meanwhile in order: the last event wins.
    const buffered: { docs: StoredHousehold[]; checkpoint: StorageCheckpoint | null }[] = [];
    let ready = false;
    index.subscription = db.households.eventBulks$.subscribe((bulk) => {
      const docs = bulk.events.map((e) => ({ ...(e.documentData as StoredHousehold), ...(e.operation === 'DELETE' ? { _deleted: true } : {}) }));
      const checkpoint = (bulk.checkpoint as StorageCheckpoint | undefined) ?? null;
      if (!ready) buffered.push({ docs, checkpoint });
      else index.apply(docs, checkpoint);
    });
    const snapshot = await loadIndexSnapshot(db);
    if (snapshot) {
      for (const entry of snapshot.entries) index.entries.set(entry.id, entry);
      const changed = await readChangedSince(db, snapshot.checkpoint);
      index.take(changed.docs, changed.checkpoint ?? snapshot.checkpoint);
      index.builtFrom = 'snapshot';
    } else {
      const docs = await readAll(db);
      index.take(docs, docs.reduce<StorageCheckpoint | null>((newest, doc) => {
        const at = checkpointOf(doc);
        return at && isAfter(at, newest) ? at : newest;
      }, null));
    }
    ready = true;
    buffered.forEach(({ docs, checkpoint }) => index.take(docs, checkpoint));
    index.changes.next();
    // Worth saving when it was built the long way or the changes since the snapshot were many.
    index.scheduleSave(snapshot ? SAVE_DELAY_MS : 0);
    return index;
  }

  private take(docs: StoredHousehold[], checkpoint: StorageCheckpoint | null): void {
    for (const doc of docs) {
      if (isDeleted(doc)) this.entries.delete(doc.id);
      else this.entries.set(doc.id, entryOf(doc));
    }
    if (checkpoint && isAfter(checkpoint, this.checkpoint)) this.checkpoint = checkpoint;
  }

  private apply(docs: StoredHousehold[], checkpoint: StorageCheckpoint | null): void {
    this.take(docs, checkpoint);
    this.changes.next();
    this.scheduleSave(SAVE_DELAY_MS);
  }

  private scheduleSave(delayMs: number): void {
    if (this.saveTimer || this.closed) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.save().catch(() => undefined);
    }, delayMs);
  }

  /** Saves the index as it is now (the snapshot a later start reads). A failure only costs that start a full read. */
  async save(): Promise<void> {
    if (this.closed || this.db.closed) return;
    await saveIndexSnapshot(this.db, { checkpoint: this.checkpoint, entries: [...this.entries.values()] });
  }

  /** Ids of the households that match, newest first (then by id, as RxDB sorts). */
  find(matches: (entry: HouseholdEntry) => boolean): string[] {
    const found: HouseholdEntry[] = [];
    for (const entry of this.entries.values()) if (matches(entry)) found.push(entry);
    found.sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return found.map((e) => e.id);
  }

  get(id: string): HouseholdEntry | undefined {
    return this.entries.get(id);
  }

  /** Every entry as it is now; later changes do not touch the copy. */
  snapshot(): Map<string, HouseholdEntry> {
    return new Map(this.entries);
  }

  close(): void {
    this.closed = true;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.subscription?.unsubscribe();
    this.changes.complete();
  }
}

const indexes = new WeakMap<JiuzhuDatabase, Promise<HouseholdIndex>>();

/** The database's index, built on first use and kept until the database closes. */
export function householdIndexOf(db: JiuzhuDatabase): Promise<HouseholdIndex> {
  let index = indexes.get(db);
  if (!index) {
    index = HouseholdIndex.build(db);
    indexes.set(db, index);
    // A failed build is tried again at the next search rather than kept.
    index.catch(() => indexes.delete(db));
    const built = index;
    db.onClose.push(() => built.then((i) => i.close(), () => undefined));
  }
  return index;
}
