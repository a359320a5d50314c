/**
 * 今日's cards (deadlines, promised documents, programmes, benefits) read every application on the
 * laptop: 9,000 on a township's. Reading them through RxDB decrypts each one whole (income,
 * property, findings, free text) at every start, seconds of the wait for 今日. This index keeps each
 * application's summary (shared/rules/applicationSummary.ts), opening only the encrypted fields
 * the summary holds, saved sealed like the household index and read back at the next start with
 * the applications changed since.
 */
import { map, type Observable } from 'rxjs';
import type { Application } from '../../../shared/schemas/application';
import { applicationSummaryOf, type ApplicationSummary } from '../../../shared/rules/applicationSummary';
import type { JiuzhuDatabase } from '../core/database';
import { followIndex, indexPerDatabase, isStoredDeleted, PlainIndex, type StoredRecord } from '../core/plainIndex';

type StoredApplication = Application & StoredRecord;

/** Newest change first, then by id: the order the application list's query gives. */
const newestFirst = (a: ApplicationSummary, b: ApplicationSummary) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class ApplicationIndex extends PlainIndex<StoredApplication, ApplicationSummary> {
  private readonly byId = new Map<string, ApplicationSummary>();
  private listed: readonly ApplicationSummary[] | null = null;

  private constructor(db: JiuzhuDatabase) {
    super(db, {
      collection: db.applications,
      // The encrypted fields a summary holds; the rest of each application stays sealed.
      sealedFields: ['documents', 'history', 'investigation', 'publicNotice', 'decision', 'emergencyGrant', 'benefit'],
      snapshot: { id: 'application-summary-index', format: 1 },
    });
  }

  static async build(db: JiuzhuDatabase): Promise<ApplicationIndex> {
    const index = new ApplicationIndex(db);
    await index.start();
    return index;
  }

  protected takeRecords(docs: readonly StoredApplication[]): void {
    for (const doc of docs) {
      if (isStoredDeleted(doc)) this.byId.delete(doc.id);
      else this.byId.set(doc.id, applicationSummaryOf(doc));
    }
    this.listed = null;
  }

  protected takeEntries(entries: readonly ApplicationSummary[]): void {
    for (const entry of entries) this.byId.set(entry.id, entry);
    this.listed = null;
  }

  protected entries(): ApplicationSummary[] {
    return [...this.byId.values()];
  }

  /** Every application's summary, newest change first: the same array until one changes. */
  summaries(): readonly ApplicationSummary[] {
    this.listed ??= [...this.byId.values()].sort(newestFirst);
    return this.listed;
  }
}

/** The database's application index, built on first use and kept until the database closes. */
export const applicationIndexOf = indexPerDatabase(ApplicationIndex.build);

/** Every application's summary, live (at most every 100 ms while a sync writes); none is decrypted whole. */
export function applicationSummaries$(db: JiuzhuDatabase): Observable<readonly ApplicationSummary[]> {
  return followIndex(applicationIndexOf(db)).pipe(map((index) => index.summaries()));
}
