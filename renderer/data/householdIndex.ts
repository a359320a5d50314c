import { BehaviorSubject, type Observable, type Subscription } from 'rxjs';
import type { RxStorageInstance } from 'rxdb/plugins/core';
import type { Household, HouseholdCategory } from '../../shared/schemas/household';
import type { JiuzhuDatabase } from './database';

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

type StoredHousehold = Partial<Household> & { id: string; _deleted?: boolean | string; _rev?: string };

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

/**
 * Every stored household's plain fields, read without the encryption layer (which would decrypt
 * each household's members only for the search to ignore them): one getAll from IndexedDB when
 * the storage is RxDB's Dexie storage, otherwise (other storages) through RxDB.
 */
async function readAll(db: JiuzhuDatabase): Promise<StoredHousehold[]> {
  let instance = db.households.storageInstance as RxStorageInstance<unknown, unknown, unknown> & { originalStorageInstance?: unknown };
  while (instance.originalStorageInstance) instance = instance.originalStorageInstance as typeof instance;
  const internals = (await instance.internals) as { dexieTable?: { toArray(): Promise<StoredHousehold[]> } } | undefined;
  const encrypted = new Set((db.households.schema.jsonSchema as { encrypted?: string[] }).encrypted ?? []);
  const plainFieldsStored = !entryFields.some((f) => encrypted.has(f));
  if (internals?.dexieTable && plainFieldsStored) return internals.dexieTable.toArray();
  return (await db.households.find().exec()).map((d) => d.toMutableJSON(true) as StoredHousehold);
}

/**
 * The household search's in-memory index (搜索): the plain fields of every household, read once
 * and then kept up to date from the collection's change stream, so a search is a scan of memory
 * instead of a walk over every household in IndexedDB.
 */
export class HouseholdIndex {
  private readonly entries = new Map<string, HouseholdEntry>();
  private readonly changes = new BehaviorSubject<void>(undefined);
  private subscription: Subscription | null = null;

  /** Emits when the index is ready and after every change to the households it took in. */
  readonly changed$: Observable<void> = this.changes.asObservable();

  private constructor() {}

  static async build(db: JiuzhuDatabase): Promise<HouseholdIndex> {
    const index = new HouseholdIndex();
    // Listen first, read second, then replay what arrived meanwhile in order: the last event wins.
    const buffered: StoredHousehold[][] = [];
    let ready = false;
    index.subscription = db.households.eventBulks$.subscribe((bulk) => {
      const docs = bulk.events.map((e) => ({ ...(e.documentData as StoredHousehold), ...(e.operation === 'DELETE' ? { _deleted: true } : {}) }));
      if (!ready) buffered.push(docs);
      else index.apply(docs);
    });
    for (const doc of await readAll(db)) if (!isDeleted(doc)) index.entries.set(doc.id, entryOf(doc));
    ready = true;
    buffered.forEach((docs) => index.apply(docs));
    index.changes.next();
    return index;
  }

  private apply(docs: StoredHousehold[]): void {
    for (const doc of docs) {
      if (isDeleted(doc)) this.entries.delete(doc.id);
      else this.entries.set(doc.id, entryOf(doc));
    }
    this.changes.next();
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
