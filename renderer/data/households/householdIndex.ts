import { reviewMembersOf, type ReviewMember } from '../../../shared/rules/reviewSchedule';
import { headOf, type Household, type HouseholdCategory } from '../../../shared/schemas/household';
import type { JiuzhuDatabase } from '../core/database';
import { MemberNameText } from './memberNameText';
import { indexPerDatabase, isStoredDeleted, PlainIndex, type StoredRecord } from '../core/plainIndex';

/**
 * What the household search and the lists' summaries read, per household: the members' names and
 * ID hashes (opened from their sealed fields), the head's name, plain fields and the members' review
 * facts, never the members themselves. Held in memory; saved only sealed.
 */
export interface HouseholdEntry {
  id: string;
  memberNames: readonly string[];
  /**
   * 户主's name, opened from the encrypted members (null: no member is the head), so 今日 names
   * each row's household without decrypting it.
   */
  headName: string | null;
  idHashes: readonly string[];
  areaCode: string;
  categories: readonly HouseholdCategory[];
  archived: boolean;
  /** 纳入保障: the review rules date a never-visited household's first visit from it. */
  createdAt: number;
  irregularIncome: boolean;
  /**
   * The members the review rhythm looks at (who may work, who died: `reviewMembersOf`), opened from
   * the encrypted members, so 今日 knows whose review visit is due without decrypting every household.
   */
  reviewMembers: readonly ReviewMember[];
  updatedAt: number;
  /** RxDB's revision: a reader of whole households knows from it which ones to read again. */
  rev: string;
}

type StoredHousehold = Partial<Household> & StoredRecord;

const entryOf = (doc: StoredHousehold): HouseholdEntry => ({
  id: doc.id,
  memberNames: doc.memberNames ?? [],
  headName: Array.isArray(doc.members) ? (headOf({ members: doc.members })?.name ?? null) : null,
  idHashes: doc.idHashes ?? [],
  areaCode: doc.areaCode ?? '',
  categories: doc.categories ?? [],
  archived: doc.archived !== undefined,
  createdAt: doc.createdAt ?? 0,
  irregularIncome: doc.irregularIncome === true,
  reviewMembers: Array.isArray(doc.members) ? reviewMembersOf(doc.members) : [],
  updatedAt: doc.updatedAt ?? 0,
  rev: doc._rev ?? '',
});

/**
 * The household search's in-memory index (搜索): the plain fields of every household (never whole
 * members), so a search is a scan of memory instead of a walk over every household in IndexedDB.
 */
export class HouseholdIndex extends PlainIndex<StoredHousehold, HouseholdEntry> {
  private readonly byId = new Map<string, HouseholdEntry>();
  /**
   * Households by each member's ID-number hash, and all member names in one string: built at the
   * first search of that kind after a change, so a start from the snapshot does not pay for them.
   */
  private byIdHash: Map<string, string[]> | null = null;
  private names: MemberNameText | null = null;

  private constructor(db: JiuzhuDatabase) {
    super(db, {
      collection: db.households,
      // Names and ID hashes are sealed on disk (v3), members too (only the head's name and the review facts are kept);
      // whether a household is archived shows without opening the entry.
      sealedFields: ['memberNames', 'idHashes', 'members'],
      // Bumped whenever HouseholdEntry changes shape (3: sealed snapshots; 4: review members; 5: head's name).
      snapshot: { id: 'household-search-index', format: 5 },
    });
  }

  static async build(db: JiuzhuDatabase): Promise<HouseholdIndex> {
    const index = new HouseholdIndex(db);
    await index.start();
    return index;
  }

  protected takeRecords(docs: readonly StoredHousehold[]): void {
    for (const doc of docs) {
      if (isStoredDeleted(doc)) this.remove(doc.id);
      else this.put(entryOf(doc));
    }
  }

  protected takeEntries(entries: readonly HouseholdEntry[]): void {
    for (const entry of entries) this.put(entry);
  }

  private put(entry: HouseholdEntry): void {
    this.byId.set(entry.id, entry);
    this.byIdHash = null;
    this.names = null;
  }

  private remove(id: string): void {
    if (!this.byId.delete(id)) return;
    this.byIdHash = null;
    this.names = null;
  }

  private householdsWithIdHash(hash: string): readonly string[] {
    if (!this.byIdHash) {
      this.byIdHash = new Map();
      for (const entry of this.byId.values()) {
        for (const each of entry.idHashes) {
          const ids = this.byIdHash.get(each);
          if (ids) ids.push(entry.id);
          else this.byIdHash.set(each, [entry.id]);
        }
      }
    }
    return this.byIdHash.get(hash) ?? [];
  }

  /**
   * The households that can match a typed name part or an ID number's hashes (one per search key
   * held: a household's hashes are under its own township's key): a superset for the search's own
   * test to narrow (`find`). Null when nothing narrows it (every household).
   */
  candidates(typed: { namePart?: string; idHashes?: readonly string[] }): HouseholdEntry[] | null {
    const ids = typed.idHashes !== undefined
      ? [...new Set(typed.idHashes.flatMap((hash) => this.householdsWithIdHash(hash)))]
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
