import type { Household, HouseholdCategory } from '../../shared/schemas/household';
import type { JiuzhuDatabase } from './database';
import { MemberNameText } from './memberNameText';
import { indexPerDatabase, isStoredDeleted, PlainIndex, type StoredRecord } from './plainIndex';

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

type StoredHousehold = Partial<Household> & StoredRecord;

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

/**
 * The household search's in-memory index (搜索): the plain fields of every household (never
 * members), so a search is a scan of memory instead of a walk over every household in IndexedDB.
 */
export class HouseholdIndex extends PlainIndex<StoredHousehold, HouseholdEntry> {
  private readonly byId = new Map<string, HouseholdEntry>();
  /** Households by each member's ID-number hash. */
  private readonly byIdHash = new Map<string, Set<string>>();
  /** Built at the first name search after a change. */
  private names: MemberNameText | null = null;

  private constructor(db: JiuzhuDatabase) {
    super(db, {
      collection: db.households,
      plainFields: ['memberNames', 'idHashes', 'areaCode', 'categories', 'archived', 'createdAt', 'irregularIncome', 'updatedAt'],
      // Bumped whenever HouseholdEntry changes shape.
      snapshot: { id: 'household-search-index', format: 2 },
    });
  }

  static async build(db: JiuzhuDatabase): Promise<HouseholdIndex> {
    const index = new HouseholdIndex(db);
    await index.start();
    return index;
  }

  protected takeRecords(docs: readonly StoredHousehold[]): void {
    for (const doc of docs) {
      this.remove(doc.id);
      if (!isStoredDeleted(doc)) this.put(entryOf(doc));
    }
  }

  protected takeEntries(entries: readonly HouseholdEntry[]): void {
    for (const entry of entries) {
      this.remove(entry.id);
      this.put(entry);
    }
  }

  private put(entry: HouseholdEntry): void {
    this.byId.set(entry.id, entry);
    for (const hash of entry.idHashes) {
      let ids = this.byIdHash.get(hash);
      if (!ids) this.byIdHash.set(hash, (ids = new Set()));
      ids.add(entry.id);
    }
    this.names = null;
  }

  private remove(id: string): void {
    const old = this.byId.get(id);
    if (!old) return;
    this.byId.delete(id);
    for (const hash of old.idHashes) {
      const ids = this.byIdHash.get(hash);
      ids?.delete(id);
      if (ids?.size === 0) this.byIdHash.delete(hash);
    }
    this.names = null;
  }

  /**
   * The households that can match a typed name part or an ID number's hash: a superset for the
   * search's own test to narrow (`find`). Null when nothing narrows it (every household).
   */
  candidates(typed: { namePart?: string; idHash?: string }): HouseholdEntry[] | null {
    const ids = typed.idHash !== undefined
      ? [...(this.byIdHash.get(typed.idHash) ?? [])]
      : typed.namePart
        ? (this.names ??= new MemberNameText(this.byId.values())).householdsWith(typed.namePart)
        : null;
    return ids && ids.flatMap((id) => this.byId.get(id) ?? []);
  }

  protected entries(): HouseholdEntry[] {
    return [...this.byId.values()];
  }

  /** Ids of the households that match, newest first (then by id, as RxDB sorts); among `candidates` when given. */
  find(matches: (entry: HouseholdEntry) => boolean, candidates: Iterable<HouseholdEntry> | null = null): string[] {
    const found: HouseholdEntry[] = [];
    for (const entry of candidates ?? this.byId.values()) if (matches(entry)) found.push(entry);
    found.sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return found.map((e) => e.id);
  }

  get(id: string): HouseholdEntry | undefined {
    return this.byId.get(id);
  }

  /** Every entry as it is now; later changes do not touch the copy. */
  snapshot(): Map<string, HouseholdEntry> {
    return new Map(this.byId);
  }
}

/** The database's index, built on first use and kept until the database closes. */
export const householdIndexOf = indexPerDatabase(HouseholdIndex.build);
