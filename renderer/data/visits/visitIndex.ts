/**
 * 今日 needs, per household, only the latest visit's dates (走访日期, 下次走访日期) and its 复核结论, which are stored
 * plain. Reading every visit through RxDB would decrypt each one's findings, conditions and health
 * notes (100,000 visits on a township laptop) only to drop them, so this index reads the visits
 * once beneath the encryption layer, as householdIndex.ts does for households, and then follows
 * the collection's change stream.
 */
import { map, type Observable } from 'rxjs';
import type { Visit } from '../../../shared/schemas/visit';
import type { ReviewOutcome } from '../../../shared/vocabulary/caseLife';
import type { JiuzhuDatabase } from '../core/database';
import { followIndex, indexPerDatabase, isStoredDeleted, PlainIndex, type StoredRecord } from '../core/plainIndex';

/** A visit's plain dates: what 今日 reads of a household's latest visit. */
export interface VisitDates {
  id: string;
  householdId: string;
  visitDate: string;
  nextVisitDate?: string;
  /** 复核结论 of a review visit (stored plain, like the dates). */
  reviewOutcome?: ReviewOutcome;
  /** Orders two visits on the same day: the one written last counts as the latest. */
  updatedAt: number;
}

/** Each household's latest visit (by visit date), by household id; never-visited households are absent. */
export type LatestVisits = ReadonlyMap<string, VisitDates>;

type StoredVisit = Partial<Visit> & StoredRecord;

const datesOf = (doc: StoredVisit): VisitDates => ({
  id: doc.id,
  householdId: doc.householdId ?? '',
  visitDate: doc.visitDate ?? '',
  ...(doc.nextVisitDate ? { nextVisitDate: doc.nextVisitDate } : {}),
  ...(doc.reviewOutcome ? { reviewOutcome: doc.reviewOutcome } : {}),
  updatedAt: doc.updatedAt ?? 0,
});

/** Later visit date first; on the same day the one written last, then the smaller id (as RxDB sorted them). */
export function isLaterVisit(a: VisitDates, b: VisitDates | undefined): boolean {
  if (!b) return true;
  if (a.visitDate !== b.visitDate) return a.visitDate > b.visitDate;
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt;
  return a.id < b.id;
}

/**
 * Every visit's dates, grouped by household, so that the latest visit stays right when a visit is
 * deleted or its date moved back (the next one is then the latest), and each household's latest.
 */
export class VisitIndex extends PlainIndex<StoredVisit, VisitDates> {
  private readonly byHousehold = new Map<string, Map<string, VisitDates>>();
  /** Where each visit is filed, to take it out again when it changes or goes. */
  private readonly householdOf = new Map<string, string>();
  private readonly latestByHousehold = new Map<string, VisitDates>();
  private latestCopy: LatestVisits | null = null;

  private constructor(db: JiuzhuDatabase) {
    super(db, {
      collection: db.visits,
      // Dates and household ids only: nothing sealed to open.
      sealedFields: [],
      // 2: sealed snapshots; 3: none saved during a first pull (an older one may miss copies).
      snapshot: { id: 'visit-dates-index', format: 3 },
    });
  }

  static async build(db: JiuzhuDatabase): Promise<VisitIndex> {
    const index = new VisitIndex(db);
    await index.start();
    return index;
  }

  protected takeEntries(entries: readonly VisitDates[]): void {
    this.takeRecords(entries.map((dates) => ({ ...dates }) as StoredVisit));
  }

  protected entries(): VisitDates[] {
    const entries: VisitDates[] = [];
    for (const visits of this.byHousehold.values()) entries.push(...visits.values());
    return entries;
  }

  protected takeRecords(docs: readonly StoredVisit[]): void {
    const touched = new Set<string>();
    for (const doc of docs) {
      const filedUnder = this.householdOf.get(doc.id);
      if (filedUnder !== undefined) {
        this.byHousehold.get(filedUnder)?.delete(doc.id);
        this.householdOf.delete(doc.id);
        touched.add(filedUnder);
      }
      if (isStoredDeleted(doc)) continue;
      const dates = datesOf(doc);
      let visits = this.byHousehold.get(dates.householdId);
      if (!visits) this.byHousehold.set(dates.householdId, (visits = new Map()));
      visits.set(dates.id, dates);
      this.householdOf.set(dates.id, dates.householdId);
      touched.add(dates.householdId);
    }
    for (const householdId of touched) this.recompute(householdId);
    if (touched.size > 0) this.latestCopy = null;
  }

  private recompute(householdId: string): void {
    const visits = this.byHousehold.get(householdId);
    let latest: VisitDates | undefined;
    for (const dates of visits?.values() ?? []) if (isLaterVisit(dates, latest)) latest = dates;
    if (latest) this.latestByHousehold.set(householdId, latest);
    else {
      this.latestByHousehold.delete(householdId);
      this.byHousehold.delete(householdId);
    }
  }

  /** Each household's latest visit as it is now: the same Map until a visit changes, and later changes do not touch it. */
  latest(): LatestVisits {
    this.latestCopy ??= new Map(this.latestByHousehold);
    return this.latestCopy;
  }
}

/** The database's visit index, built on first use and kept until the database closes. */
export const visitIndexOf = indexPerDatabase(VisitIndex.build);

/** Each household's latest visit, live (at most every 100 ms while a sync writes batch after batch); no visit is decrypted. */
export function latestVisits$(db: JiuzhuDatabase): Observable<LatestVisits> {
  return followIndex(visitIndexOf(db)).pipe(map((index) => index.latest()));
}
