/**
 * What list pages (今日, 救助申请, 关爱需求) need of the households they mention, without reading —
 * and so decrypting — every household on the laptop.
 *
 * The plain fields and the head's name (户主) come from the in-memory household index
 * (householdIndex.ts). An applicant's name is not among them (a member's id is encrypted with the
 * rest of `members`): pages that need more read the few households they show by id
 * (`useHouseholdsByIds`, hooks/householdSummaries.ts), and read one again only when it changed.
 */
import { distinctUntilChanged, map, switchMap, type Observable } from 'rxjs';
import type { Household } from '../../../shared/schemas/household';
import type { JiuzhuDatabase } from '../core/database';
import { followIndex } from '../core/plainIndex';
import { householdIndexOf, type HouseholdEntry, type HouseholdIndex } from './householdIndex';

/** A household's plain fields: names (in member order) and the head's, village, groups, archived, dates. */
export type HouseholdSummary = Readonly<HouseholdEntry>;

const indexChanges = (db: JiuzhuDatabase): Observable<HouseholdIndex> => followIndex(householdIndexOf(db));

/** Every household's summary by id (archived ones too), live; no household is decrypted. */
export function householdSummaries$(db: JiuzhuDatabase): Observable<ReadonlyMap<string, HouseholdSummary>> {
  return indexChanges(db).pipe(map((index) => index.snapshot()));
}

/**
 * Holds the households one page asked for, and reads from RxDB only those not held yet or whose
 * revision in the index moved on since: a sync that touches other households reads nothing.
 */
export class HouseholdReader {
  private readonly held = new Map<string, { rev: string; household: Household }>();
  private last: Map<string, Household> = new Map();

  constructor(private readonly db: JiuzhuDatabase) {}

  /** The asked-for households the laptop holds; the same Map as last time when none changed. */
  async read(index: HouseholdIndex, ids: readonly string[]): Promise<Map<string, Household>> {
    const wanted = new Set(ids);
    for (const id of this.held.keys()) if (!wanted.has(id) || !index.get(id)) this.held.delete(id);
    const stale = [...wanted].filter((id) => {
      const entry = index.get(id);
      return entry !== undefined && this.held.get(id)?.rev !== entry.rev;
    });
    if (stale.length > 0) {
      const docs = await this.db.households.findByIds(stale).exec();
      for (const [id, doc] of docs) this.held.set(id, { rev: doc.revision, household: doc.toJSON() as Household });
    }
    const next = new Map<string, Household>();
    for (const id of wanted) {
      const held = this.held.get(id);
      if (held) next.set(id, held.household);
    }
    const same = next.size === this.last.size && [...next].every(([id, household]) => this.last.get(id) === household);
    if (!same) this.last = next;
    return this.last;
  }
}

/** The households with these ids, live: each read (and decrypted) once, and again only after it changes. */
export function householdsByIds$(db: JiuzhuDatabase, ids: readonly string[], reader = new HouseholdReader(db)): Observable<Map<string, Household>> {
  return indexChanges(db).pipe(
    switchMap((index) => reader.read(index, ids)),
    distinctUntilChanged(),
  );
}
