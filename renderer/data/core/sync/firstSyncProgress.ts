import { BehaviorSubject, type Observable } from 'rxjs';
import { syncedCollections, type SyncedCollection } from '../../../../shared/sync/collections';
import type { KeyValueStore } from '../keyValueStore';

/**
 * A first sync's progress per kind of record: what arrived and how much is left, so a township's
 * first sync (thousands of records) shows counts instead of a spinner. The server says how many
 * there are in all on the pull from the start (`total`); the pages after it are counted here.
 */
export interface KindProgress {
  /** Documents received so far (deleted ones included: the total counts them too). */
  arrived: number;
  /** What the pull from the start said there is in all; null from a server that does not say. */
  total: number | null;
  /** The first pull reached the end (a page shorter than asked for). */
  done: boolean;
  /** Every page is here but the last ones are still being stored (`whileStoring`). */
  storing?: boolean;
}

/** The kinds whose first sync this laptop has seen start; absent kinds were synced before. */
export type FirstSyncProgress = Partial<Record<SyncedCollection, KindProgress>>;

/** One answered pull page, as the replication's pull handler saw it. */
export interface PulledPageInfo {
  /** The page was asked for without a checkpoint: the start of a first sync. */
  fromStart: boolean;
  documents: number;
  /** The server's count of everything from the start (sent with the first page only). */
  total?: number | undefined;
  /** How many the page was asked for: a shorter page is the last. */
  batchSize: number;
}

/** The kind's progress after one more page; undefined when the kind is not in a first sync. */
export function afterPage(before: KindProgress | undefined, page: PulledPageInfo): KindProgress | undefined {
  const last = page.documents < page.batchSize;
  if (page.fromStart) return { arrived: page.documents, total: page.total ?? null, done: last };
  if (!before || before.done) return before;
  return { arrived: before.arrived + page.documents, total: before.total, done: last };
}

/** Received, as shown: never above the total (a record changed meanwhile comes twice), all of it once done. */
export function arrivedOf(progress: KindProgress): number {
  if (progress.total === null) return progress.arrived;
  return progress.done || progress.storing ? progress.total : Math.min(progress.arrived, progress.total);
}

/** Still to come: 0 once done, null when the server did not say how many there are. */
export function remainingOf(progress: KindProgress): number | null {
  if (progress.done || progress.storing) return 0;
  if (progress.total === null) return null;
  return Math.max(0, progress.total - progress.arrived);
}

export interface FirstSyncSummary {
  /** Some kind's first sync has not reached its end. */
  running: boolean;
  arrived: number;
  /** Null when a kind still running has no total. */
  remaining: number | null;
  /** Share received, 0–100, rounded down (100 only when every kind is done); null without totals. */
  percent: number | null;
}

export function summarize(progress: FirstSyncProgress): FirstSyncSummary {
  const kinds = Object.values(progress);
  let arrived = 0;
  let remaining: number | null = 0;
  for (const kind of kinds) {
    arrived += arrivedOf(kind);
    const left = remainingOf(kind);
    remaining = left === null || remaining === null ? null : remaining + left;
  }
  const running = kinds.some((kind) => !kind.done);
  const whole = remaining === null ? null : arrived + remaining;
  const percent = whole === null ? null : !running ? 100 : whole === 0 ? 0 : Math.min(99, Math.floor((arrived * 100) / whole));
  return { running, arrived, remaining, percent };
}

/**
 * The progress as the person should see it: RxDB stores a page while it fetches the next, so a
 * kind whose last page has come is not done until its replication is idle (every page stored):
 * until then it is `storing`, and the pages do not yet show all of it.
 */
export function whileStoring(progress: FirstSyncProgress, busy: (name: SyncedCollection) => boolean): FirstSyncProgress {
  const seen: FirstSyncProgress = {};
  for (const name of syncedCollections) {
    const kind = progress[name];
    if (kind) seen[name] = kind.done && busy(name) ? { ...kind, done: false, storing: true } : kind;
  }
  return seen;
}

/**
 * `whileStoring` for one engine, where a kind once stored stays done: the pulls and pushes that
 * follow (RxDB's own pull from where the first one ended, every change after) are ordinary syncs,
 * and must not bring the banner back for a moment each time (it showed again while a page was
 * open, pushing the page down under the person's eyes). A kind that starts again from nothing
 * is followed again.
 */
export function storedOnce(): (progress: FirstSyncProgress, busy: (name: SyncedCollection) => boolean) => FirstSyncProgress {
  const stored = new Set<SyncedCollection>();
  return (progress, busy) => {
    for (const name of stored) if (!progress[name]?.done) stored.delete(name);
    const seen = whileStoring(progress, (name) => !stored.has(name) && busy(name));
    for (const name of syncedCollections) if (seen[name]?.done) stored.add(name);
    return seen;
  };
}

/** Where a user's first-sync progress is kept between starts (closing the app mid-sync resumes the counts). */
export const firstSyncKeyOf = (userId: string) => `jiuzhu:firstSync:${userId}`;

function readStored(store: KeyValueStore, key: string): FirstSyncProgress {
  try {
    const parsed = JSON.parse(store.getItem(key) ?? '{}') as Record<string, KindProgress>;
    const progress: FirstSyncProgress = {};
    for (const name of syncedCollections) {
      const kind = parsed[name];
      if (kind && typeof kind.arrived === 'number' && typeof kind.done === 'boolean') {
        progress[name] = { arrived: kind.arrived, total: typeof kind.total === 'number' ? kind.total : null, done: kind.done };
      }
    }
    return progress;
  } catch {
    return {};
  }
}

/**
 * Follows the pull pages of every synced collection (counts only, no record content) and keeps the
 * progress in the key-value store until every kind is done: then it is forgotten, and later syncs
 * (which do not start from nothing) show none.
 */
export class FirstSyncTracker {
  private readonly state: BehaviorSubject<FirstSyncProgress>;
  readonly progress$: Observable<FirstSyncProgress>;

  constructor(
    private readonly store: KeyValueStore,
    private readonly key: string,
  ) {
    this.state = new BehaviorSubject(readStored(store, key));
    this.progress$ = this.state.asObservable();
  }

  get progress(): FirstSyncProgress {
    return this.state.value;
  }

  pagePulled(name: SyncedCollection, page: PulledPageInfo): void {
    const before = this.state.value[name];
    const after = afterPage(before, page);
    if (after === before) return;
    const next: FirstSyncProgress = { ...this.state.value };
    if (after) next[name] = after;
    else delete next[name];
    this.state.next(next);
    const kinds = Object.values(next);
    if (kinds.length === 0 || kinds.every((kind) => kind.done)) this.store.removeItem(this.key);
    else this.store.setItem(this.key, JSON.stringify(next));
  }
}
