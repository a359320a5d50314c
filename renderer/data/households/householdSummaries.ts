/**
 * What list pages (今日, 救助申请, 关爱需求) need of the households they mention, without reading —
 * and so decrypting — every household on the laptop.
 *
 * The plain fields come from the in-memory household index (householdIndex.ts). The head's name
 * (户主) and an applicant's name are not among them: `memberNames` is plain but a member's
 * relation and id are encrypted with the rest of `members`. Pages therefore read the few
 * households they show by id (`useHouseholdsByIds`), and read one again only when it changed.
 */
import { useCallback, useMemo } from 'react';
import { distinctUntilChanged, map, switchMap, type Observable } from 'rxjs';
import type { Household } from '../../../shared/schemas/household';
import { useWorkspace } from '../hooks/AppDataProvider';
import type { JiuzhuDatabase } from '../core/database';
import { householdIndexOf, type HouseholdEntry, type HouseholdIndex } from './householdIndex';
import { followIndex } from '../core/plainIndex';
import { readHouseholds } from './householdSearch';
import { useObservable } from '../hooks/useObservable';

/** A household's plain fields: names (in member order, not the head's), village, groups, archived, dates. */
export type HouseholdSummary = Readonly<HouseholdEntry>;

const indexChanges = (db: JiuzhuDatabase): Observable<HouseholdIndex> => followIndex(householdIndexOf(db));

/** Every household's summary by id (archived ones too), live; no household is decrypted. */
export function householdSummaries$(db: JiuzhuDatabase): Observable<ReadonlyMap<string, HouseholdSummary>> {
  return indexChanges(db).pipe(map((index) => index.snapshot()));
}

const noSummaries = { byId: new Map<string, HouseholdSummary>() as ReadonlyMap<string, HouseholdSummary>, loading: true };

export function useHouseholdSummaries(): { byId: ReadonlyMap<string, HouseholdSummary>; loading: boolean } {
  const { db } = useWorkspace();
  return useObservable(() => householdSummaries$(db).pipe(map((byId) => ({ byId, loading: false }))), noSummaries, [db]);
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

/**
 * The households a page shows, by id (e.g. for 户主 and applicant names). Pass only the ids of the
 * records listed, never every household. An id this laptop does not hold is absent from `byId`.
 */
export function useHouseholdsByIds(ids: readonly string[]): { byId: Map<string, Household>; loading: boolean } {
  const { db } = useWorkspace();
  // One reader per database, so a page whose list grows reads only the households added to it.
  const reader = useMemo(() => new HouseholdReader(db), [db]);
  const key = useMemo(() => [...new Set(ids)].sort().join(' '), [ids]);
  const result = useObservable<{ byId: Map<string, Household>; key: string | null }>(
    () => householdsByIds$(db, key ? key.split(' ') : [], reader).pipe(map((byId) => ({ byId, key }))),
    { byId: new Map(), key: null },
    [db, key, reader],
  );
  return { byId: result.byId, loading: result.key !== key };
}

/**
 * Reads households by id once, on demand: an export of a list needs the households of every row,
 * the list itself only those of the page it shows.
 */
export function useReadHouseholds(): (ids: readonly string[]) => Promise<Map<string, Household>> {
  const { db } = useWorkspace();
  return useCallback(
    async (ids) => new Map((await readHouseholds(db, [...new Set(ids)])).map((household) => [household.id, household])),
    [db],
  );
}
