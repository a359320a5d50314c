import { describe, expect, it } from 'vitest';
import {
  afterPage,
  arrivedOf,
  firstSyncKeyOf,
  FirstSyncTracker,
  remainingOf,
  storedOnce,
  summarize,
  whileStoring,
  type KindProgress,
} from '../../renderer/data/core/sync/firstSyncProgress';
import { memoryStore } from '../../harness/memoryStore';

const BATCH = 200;
const page = (documents: number, fromStart = false, total?: number) => ({ fromStart, documents, total, batchSize: BATCH });

describe('a first sync’s counts, page by page', () => {
  it('starts from the total the first page brings and counts each page after it', () => {
    let households = afterPage(undefined, page(200, true, 1000));
    expect(households).toEqual({ arrived: 200, total: 1000, done: false });
    expect(remainingOf(households!)).toBe(800);
    households = afterPage(households, page(200));
    households = afterPage(households, page(200));
    expect(arrivedOf(households!)).toBe(600);
    expect(remainingOf(households!)).toBe(400);
    // The last page is shorter than asked for: the kind is done, nothing is left.
    households = afterPage(afterPage(households, page(200)), page(199));
    expect(households).toMatchObject({ arrived: 999, done: true });
    expect(remainingOf(households!)).toBe(0);
    expect(arrivedOf(households!)).toBe(1000);
  });

  it('never shows more received than there is, when records changed meanwhile come twice', () => {
    const twice: KindProgress = { arrived: 1010, total: 1000, done: false };
    expect(arrivedOf(twice)).toBe(1000);
    expect(remainingOf(twice)).toBe(0);
  });

  it('ignores pages of a kind that is not in a first sync, and pages after the end', () => {
    expect(afterPage(undefined, page(50))).toBeUndefined();
    const done: KindProgress = { arrived: 40, total: 40, done: true };
    expect(afterPage(done, page(3))).toBe(done);
  });

  it('counts without a total from a server that does not send one', () => {
    const progress = afterPage(afterPage(undefined, page(200, true)), page(200));
    expect(progress).toEqual({ arrived: 400, total: null, done: false });
    expect(remainingOf(progress!)).toBeNull();
    expect(arrivedOf(progress!)).toBe(400);
  });

  it('an empty scope is done at its first page', () => {
    expect(afterPage(undefined, page(0, true, 0))).toEqual({ arrived: 0, total: 0, done: true });
  });
});

describe('the sums over every kind', () => {
  it('adds what arrived and what is left, with a share that reaches 100 only when all is done', () => {
    const summary = summarize({
      households: { arrived: 1000, total: 1000, done: true },
      visits: { arrived: 400, total: 2000, done: false },
      attachments: { arrived: 0, total: 0, done: true },
    });
    expect(summary).toEqual({ running: true, arrived: 1400, remaining: 1600, percent: 46 });
    const almost = summarize({ visits: { arrived: 1999, total: 2000, done: false } });
    expect(almost.percent).toBe(99);
    expect(summarize({ visits: { arrived: 2000, total: 2000, done: true } })).toEqual({ running: false, arrived: 2000, remaining: 0, percent: 100 });
  });

  it('has no remaining count or share while a running kind has no total', () => {
    const summary = summarize({ households: { arrived: 200, total: 1000, done: false }, visits: { arrived: 200, total: null, done: false } });
    expect(summary).toMatchObject({ running: true, arrived: 400, remaining: null, percent: null });
  });

  it('is not running when nothing is in a first sync', () => {
    expect(summarize({})).toEqual({ running: false, arrived: 0, remaining: 0, percent: 100 });
  });
});

describe('while the last pages are stored', () => {
  it('a kind whose pages have all come is not done until its replication is idle', () => {
    const progress = { households: { arrived: 1000, total: 1000, done: true }, visits: { arrived: 200, total: 2000, done: false } };
    const seen = whileStoring(progress, (name) => name === 'households');
    expect(seen.households).toEqual({ arrived: 1000, total: 1000, done: false, storing: true });
    expect(remainingOf(seen.households!)).toBe(0);
    expect(arrivedOf(seen.households!)).toBe(1000);
    expect(seen.visits).toBe(progress.visits);
    expect(summarize(whileStoring({ households: progress.households }, () => true)).running).toBe(true);
    expect(summarize(whileStoring({ households: progress.households }, () => false)).running).toBe(false);
  });

  it('a kind once stored stays done while later syncs of it run; one that starts again from nothing is followed again', () => {
    const seen = storedOnce();
    let households: KindProgress | undefined = { arrived: 1000, total: 1000, done: true };
    expect(summarize(seen({ households }, () => true)).running).toBe(true);
    expect(summarize(seen({ households }, () => false)).running).toBe(false);
    // RxDB's own pull from the checkpoint, a push, a stream event: not the first sync any more.
    expect(seen({ households }, () => true).households).toEqual(households);
    expect(summarize(seen({ households }, () => true)).running).toBe(false);
    households = afterPage(households, page(200, true, 300));
    expect(summarize(seen({ households }, () => true))).toMatchObject({ running: true, arrived: 200, remaining: 100 });
    households = afterPage(households, page(100));
    expect(seen({ households }, () => true).households).toMatchObject({ storing: true, done: false });
    expect(summarize(seen({ households }, () => false)).running).toBe(false);
  });
});

describe('the tracker', () => {
  it('keeps the counts over a restart until every kind is done, then forgets them', () => {
    const store = memoryStore();
    const key = firstSyncKeyOf('u-1');
    const first = new FirstSyncTracker(store, key);
    first.pagePulled('households', page(200, true, 500));
    first.pagePulled('visits', page(10, true, 10));
    first.pagePulled('households', page(200));
    expect(JSON.parse(store.getItem(key)!)).toMatchObject({ households: { arrived: 400, total: 500, done: false } });

    // The app closed and opened again: the pull goes on from its checkpoint, the counts from where they were.
    const again = new FirstSyncTracker(store, key);
    expect(summarize(again.progress)).toMatchObject({ running: true, arrived: 410, remaining: 100 });
    again.pagePulled('households', page(100));
    expect(summarize(again.progress)).toMatchObject({ running: false, arrived: 510, remaining: 0 });
    expect(store.getItem(key)).toBeNull();
    // A later sync (from a checkpoint, as every sync after the first) shows nothing.
    expect(summarize(new FirstSyncTracker(store, key).progress).running).toBe(false);
  });

  it('starts afresh when a kind is pulled from the start again (its local data was discarded)', () => {
    const store = memoryStore();
    const tracker = new FirstSyncTracker(store, firstSyncKeyOf('u-2'));
    tracker.pagePulled('households', page(200, true, 900));
    tracker.pagePulled('households', page(200, true, 300));
    expect(tracker.progress.households).toEqual({ arrived: 200, total: 300, done: false });
  });

  it('reads nothing from a damaged entry', () => {
    const store = memoryStore();
    store.setItem(firstSyncKeyOf('u-3'), '{not json');
    expect(new FirstSyncTracker(store, firstSyncKeyOf('u-3')).progress).toEqual({});
  });
});
