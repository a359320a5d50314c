import { BehaviorSubject, combineLatest, defer, map, merge, type Observable, type Subscription } from 'rxjs';
import { getAssumedMasterState } from 'rxdb/plugins/core';
import {
  isSyncedCollection,
  pulledReferenceCollections,
  syncedCollections,
  type PulledReferenceCollection,
  type SyncedCollection,
} from '../../../../shared/sync/collections';
import type { RxCollection } from 'rxdb/plugins/core';
import type { JiuzhuDatabase } from '../database';
import type { CollectionSyncStatus, SyncStatus } from '../types';
import { SyncHttpError, type SyncErrorKind } from '../httpErrors';
import type { KeyValueStore } from '../keyValueStore';
import type { PendingChanges } from './pendingChanges';
import { replicateCollection, type CollectionReplication } from './replicateCollection';
import { FirstSyncTracker, storedOnce, type FirstSyncProgress, type PulledPageInfo } from './firstSyncProgress';
import type { Writer } from '../../../../shared/sync/writeCheck';
import type { SyncClient } from './syncClient';
import type { RelayLink } from './relayLink';

export interface SyncEngineDeps {
  db: JiuzhuDatabase;
  client: SyncClient;
  pending: PendingChanges;
  store: KeyValueStore;
  /** Where `online`/`offline` events arrive (window in the app). */
  events: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  isNavigatorOnline: () => boolean;
  reachability$: Observable<boolean>;
  /** The signed-in user, whose merges keep to the write policy. */
  writer?: Writer;
  /** Where the first sync's progress is kept between starts (per user: `firstSyncKeyOf`). */
  firstSyncKey?: string;
  /** A township relay's side of the sync (issue 17): asked again on every sync round. */
  relay?: RelayLink;
}

const KIND_PREFIX = /^(network|unauthorized|revoked|forbidden|invalid|server|tooOld):/;

/**
 * Finds our typed error inside RxDB's wrapper (RC_PULL / RC_PUSH carry the handler's errors,
 * sometimes turned into plain objects: then its message, which starts with the kind, tells).
 */
function errorKind(error: unknown): SyncErrorKind {
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const next = queue.shift();
    if (next instanceof SyncHttpError) return next.kind;
    const prefix = KIND_PREFIX.exec(String((next as { message?: unknown } | null)?.message ?? ''));
    if (prefix) return prefix[1] as SyncErrorKind;
    if (next && typeof next === 'object') {
      const params = (next as { parameters?: { errors?: unknown[]; error?: unknown } }).parameters;
      if (params?.errors) queue.push(...params.errors);
      if (params?.error) queue.push(params.error);
    }
  }
  return 'server';
}

/** Runs the replication of every synced collection and sums up its state for the UI. */
export class SyncEngine {
  readonly status$: BehaviorSubject<SyncStatus>;
  readonly collections$ = new BehaviorSubject<CollectionSyncStatus[]>([]);
  /** What a first sync has received and has still to receive, per kind of record. */
  readonly firstSync: FirstSyncTracker;
  /** The same as the person sees it: a kind is done once its pages are stored too (`storedOnce`). */
  readonly firstSync$: Observable<FirstSyncProgress>;
  private readonly replications: CollectionReplication[] = [];
  private readonly subscriptions: Subscription[] = [];
  private readonly lastSyncKey = 'jiuzhu:lastSyncAt';
  /**
   * While the server refuses this app as too old, RxDB's replications still retry (against the
   * local refusal, AppVersionGate): nothing is being synced, so nothing says 正在同步 and 立即同步
   * stays available to ask the server again.
   */
  private refusedVersion = false;
  private readonly activeByName = new Map<string, boolean>();
  private readonly onOnline = () => this.syncNow();
  private readonly onOffline = () => this.patch({ online: false });

  constructor(private readonly deps: SyncEngineDeps) {
    this.firstSync = new FirstSyncTracker(deps.store, deps.firstSyncKey ?? 'jiuzhu:firstSync');
    this.firstSync$ = defer(() => {
      const seen = storedOnce();
      return combineLatest([this.firstSync.progress$, this.collections$]).pipe(
        map(([progress, collections]) => seen(progress, (name) => collections.some((c) => c.name === name && c.syncing))),
      );
    });
    const stored = Number(deps.store.getItem(this.lastSyncKey));
    this.status$ = new BehaviorSubject<SyncStatus>({
      online: deps.isNavigatorOnline(),
      pending: 0,
      lastSyncAt: stored > 0 ? stored : null,
      lastError: null,
      syncing: false,
    });
  }

  start(): void {
    const { db, client, pending } = this.deps;
    const names = [...syncedCollections, ...pulledReferenceCollections];
    for (const name of names) {
      const onPage = isSyncedCollection(name) ? (page: PulledPageInfo) => this.firstSync.pagePulled(name, page) : undefined;
      const relay = this.deps.relay;
      const keepRelayBatch = relay ? relay.keepBatch.bind(relay) : undefined;
      this.replications.push(
        replicateCollection(name, db[name] as unknown as RxCollection, client, pending, db.conflicts, this.deps.writer, onPage, keepRelayBatch),
      );
    }
    this.collections$.next(
      names.map((name) => ({ name, syncing: false, pending: pending.countOf(name), lastSyncAt: null, lastError: null, lastErrorAt: null })),
    );
    this.replications.forEach((replication, index) => {
      const name = names[index]!;
      this.subscriptions.push(
        replication.succeeded$.subscribe(() => this.patchCollection(name, { lastSyncAt: Date.now(), lastError: null })),
        replication.error$.subscribe((error) =>
          this.patchCollection(name, { lastError: `sync.error.${errorKind(error)}`, lastErrorAt: Date.now() }),
        ),
        replication.active$.subscribe((syncing) => {
          this.activeByName.set(name, syncing);
          this.patchCollection(name, { syncing: syncing && !this.refusedVersion });
        }),
      );
    });
    this.subscriptions.push(
      pending.count$.subscribe(() =>
        this.collections$.next(this.collections$.value.map((c) => ({ ...c, pending: pending.countOf(c.name) }))),
      ),
    );
    this.subscriptions.push(
      pending.count$.subscribe((count) => this.patch({ pending: count })),
      this.deps.reachability$.subscribe((reached) =>
        this.patch({ online: reached && this.deps.isNavigatorOnline(), ...(reached ? {} : { lastError: 'sync.error.network' }) }),
      ),
      merge(...this.replications.map((r) => r.succeeded$)).subscribe(() => {
        this.deps.relay?.refresh();
        const now = Date.now();
        this.deps.store.setItem(this.lastSyncKey, String(now));
        // An answer that was on its way when the network went (the laptop just went offline) must
        // not say "online" again: only the browser's own word brings it back.
        this.patch({ lastSyncAt: now, lastError: null, online: this.deps.isNavigatorOnline() });
      }),
      merge(...this.replications.map((r) => r.error$)).subscribe((error) => {
        // Without a network every try fails the same way: say so, not "server error".
        const kind = this.deps.isNavigatorOnline() ? errorKind(error) : 'network';
        this.patch({ lastError: `sync.error.${kind}` });
      }),
      // While the server refuses this version: the version it wants, for the words on screen.
      this.deps.client.version.requiredVersion$.subscribe((requiredAppVersion) => {
        this.refusedVersion = requiredAppVersion !== null;
        if ((this.status$.value.requiredAppVersion ?? null) === requiredAppVersion) return;
        const active = [...this.activeByName.values()].some(Boolean);
        this.patch({ requiredAppVersion, syncing: active && this.deps.isNavigatorOnline() && !this.refusedVersion });
        this.collections$.next(this.collections$.value.map((c) => ({ ...c, syncing: (this.activeByName.get(c.name) ?? false) && !this.refusedVersion })));
      }),
      combineLatest(this.replications.map((r) => r.active$)).subscribe((active) =>
        this.patch({ syncing: active.some(Boolean) && this.deps.isNavigatorOnline() && !this.refusedVersion }),
      ),
    );
    this.deps.events.addEventListener('online', this.onOnline);
    this.deps.events.addEventListener('offline', this.onOffline);
    this.deps.relay?.start(async (name, docs, whileLocalAt) => {
      await this.replications[syncedCollections.indexOf(name)]?.takeFromServer(docs, whileLocalAt);
    });
  }

  /**
   * The server state each of these documents was last known to have (what a push would send as
   * `assumedMasterState`), from RxDB's replication bookkeeping; absent for documents new here.
   */
  async assumedMasterStates(name: SyncedCollection, ids: string[]): Promise<Map<string, Record<string, unknown>>> {
    const index = syncedCollections.indexOf(name);
    const internal = this.replications[index]?.state.internalReplicationState;
    if (!internal || ids.length === 0) return new Map();
    const found = await getAssumedMasterState(internal as never, ids);
    const strip = ({ _meta: _m, _rev: _r, _attachments: _a, ...doc }: Record<string, unknown>) => doc;
    return new Map(Object.entries(found).map(([id, entry]) => [id, strip((entry as { docData: Record<string, unknown> }).docData)]));
  }

  /** RxDB's replication of one collection: what it received, sent and failed at (tests count them). */
  replicationOf(name: SyncedCollection | PulledReferenceCollection): CollectionReplication['state'] | undefined {
    return this.replications[[...syncedCollections, ...pulledReferenceCollections].indexOf(name)]?.state;
  }

  /** Pull and push now, and reopen the live streams (the network may just have come back). */
  syncNow(): void {
    this.deps.client.version.askAgain();
    for (const replication of this.replications) replication.reconnect();
    this.deps.relay?.refresh(true);
  }

  async stop(): Promise<void> {
    this.deps.events.removeEventListener('online', this.onOnline);
    this.deps.events.removeEventListener('offline', this.onOffline);
    this.subscriptions.forEach((s) => s.unsubscribe());
    await Promise.all(this.replications.map((r) => r.stop()));
    await this.deps.relay?.stop();
  }

  private patchCollection(name: string, change: Partial<CollectionSyncStatus>): void {
    this.collections$.next(this.collections$.value.map((c) => (c.name === name ? { ...c, ...change } : c)));
  }

  private patch(change: Partial<SyncStatus>): void {
    this.status$.next({ ...this.status$.value, ...change });
  }
}
