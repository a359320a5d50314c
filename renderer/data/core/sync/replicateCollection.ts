import type { RxCollection } from 'rxdb/plugins/core';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { BehaviorSubject, combineLatest, firstValueFrom, map, merge, race, Subject, tap, timer, type Observable } from 'rxjs';
import { isSyncedCollection, type PulledReferenceCollection, type SyncedCollection } from '../../../../shared/sync/collections';
import type { PullResponse, PushRow, StreamEvent, SyncCheckpoint } from '../../../../shared/sync/wire';
import type { PendingChanges } from './pendingChanges';
import type { SyncClient } from './syncClient';
import { Backoff } from './backoff';
import { recordConflict, resolvedVersion, type ConflictRecord } from './conflicts';
import { keepStreamOpen } from './eventStream';
import { SyncHttpError } from '../httpErrors';
import type { Writer } from '../../../../shared/sync/writeCheck';
import type { PulledPageInfo } from './firstSyncProgress';
import { AFTER_FIRST_PULL_COPIES, firstPullMayWrite, markFirstPullRunning, markHandedOver, readFirstPull, runFirstPull, type FirstPullRecord } from './firstPull';
import { writeReplicationCheckpoints } from './replicationCheckpoints';
import { expectMasterStateRecorder, metaRecorderOf } from './masterCopyGuard';

// Small enough for a village's slow mobile link, large enough that a township's initial pull is quick.
const PULL_BATCH = 200;
const PUSH_BATCH = 100;

export interface CollectionReplication {
  state: RxReplicationState<{ id: string; updatedAt: number }, SyncCheckpoint>;
  /** Completed pulls and pushes, for "last synced" */
  succeeded$: Observable<void>;
  /** Pulling or pushing now: the first pull (firstPull.ts), then RxDB's replication. */
  active$: Observable<boolean>;
  /** Failed pulls and pushes, the first pull's included. */
  error$: Observable<unknown>;
  reconnect(): void;
  /**
   * Puts the server's versions of these documents on the laptop as if pulled, without pushing
   * anything back: after a township relay's refusal the laptop shows what the county holds again
   * (the refused version is in the sync centre's conflict record). Only where the laptop still
   * holds the version it sent (`whileLocalAt`: id → updatedAt): a newer pull or a new edit stands.
   */
  takeFromServer(docs: Doc[], whileLocalAt: ReadonlyMap<string, number>): Promise<void>;
  stop(): Promise<void>;
}

type Doc = { id: string; updatedAt: number };

/** Live two-way replication of one collection with the server, through RxDB's protocol. */
export function replicateCollection(
  name: SyncedCollection | PulledReferenceCollection,
  collection: RxCollection,
  client: SyncClient,
  pending: PendingChanges,
  conflicts?: RxCollection<ConflictRecord>,
  /** Who is signed in: a merge keeps only what the write policy lets them change. */
  writer?: Writer,
  /** Told of every answered pull page (counts only), for a first sync's progress. */
  onPage?: (page: PulledPageInfo) => void,
  /** Keeps a batch a township relay took without the county's answer yet (relayLink.ts); resolves once kept. */
  keepRelayBatch?: (collection: SyncedCollection, batchId: string, rows: PushRow<Doc>[]) => Promise<void>,
): CollectionReplication {
  const succeeded = new Subject<void>();
  // Reference data changes rarely and has no stream: it is pulled at start and on "sync now".
  const stream = isSyncedCollection(name) ? keepStreamOpen<StreamEvent<Doc>>(
        (signal) => client.openStream(name, signal),
        // A stream ended by a revocation is refused when it opens again: a pull then meets the same
        // refusal and the app says in words that this laptop was stopped, without waiting for an edit.
        (error) => (error instanceof SyncHttpError && error.kind === 'revoked' ? 'RESYNC' : null),
      ) : null;
  const replicationIdentifier = `jiuzhu-${name}-${client.serverUrl}`;
  const firstPulling = new BehaviorSubject(false);
  // The checkpoint RxDB last received: documents put in as pulled (takeFromServer) carry it, so its
  // bookkeeping neither moves on nor back (a pull that answers meanwhile can only repeat a page).
  let lastCheckpoint: SyncCheckpoint | null = null;
  const fromServer = new Subject<StreamEvent<Doc>>();
  const firstPullError = new Subject<unknown>();
  const requestError = new Subject<unknown>();
  // Ends the wait between a request's tries: 立即同步 (reconnect, also on the browser's 'online') or stopping.
  const retryWake = new Subject<void>();
  let stopped = false;
  // RxDB waits `retryTime` after a failed pull or push, and nothing cuts that wait short while the
  // browser says it is online (a village's Wi-Fi up, the county's server out of reach): after a
  // long outage 立即同步 left changes waiting, either way, for up to the longest backoff (three
  // minutes). So a request is tried again here instead, after a wait that 立即同步 ends at once;
  // each failure still reaches the UI (error$).
  const untilAnswered = async <T>(request: () => Promise<T>): Promise<T> => {
    for (;;) {
      try {
        return await request();
      } catch (error) {
        if (stopped) throw error;
        requestError.next(error);
        await firstValueFrom(race(timer(backoff.fail()), retryWake));
        if (stopped) throw error;
      }
    }
  };
  const state = replicateRxCollection<Doc, SyncCheckpoint>({
    collection: collection as unknown as RxCollection<Doc>,
    replicationIdentifier,
    live: true,
    // Started below, once a first pull has filled an empty collection.
    autoStart: false,
    retryTime: 2000,
    waitForLeadership: false,
    pull: {
      batchSize: PULL_BATCH,
      async handler(checkpoint, batchSize) {
        const page: PullResponse<Doc> = await untilAnswered(() => client.pull<Doc>(name, checkpoint ?? null, batchSize));
        onPage?.({ fromStart: !checkpoint, documents: page.documents.length, total: page.total, batchSize });
        succeeded.next();
        lastCheckpoint = page.checkpoint ?? checkpoint ?? lastCheckpoint;
        return { documents: page.documents, checkpoint: page.checkpoint ?? checkpoint };
      },
      ...(stream
        ? {
            stream$: merge(
              stream.events$.pipe(
                tap((event) => {
                  if (event !== 'RESYNC' && event.checkpoint) lastCheckpoint = event.checkpoint;
                }),
              ),
              fromServer,
            ) as Observable<StreamEvent<Doc>> as never,
          }
        : {}),
    },
    push: isSyncedCollection(name) ? {
      batchSize: PUSH_BATCH,
      async handler(rows) {
        const body = rows.map((row) => ({
          assumedMasterState: row.assumedMasterState ?? null,
          newDocumentState: row.newDocumentState,
        })) as PushRow<Doc>[];
        const answer = await untilAnswered(() => client.push<Doc>(name as SyncedCollection, body));
        // A relay kept the rows for the county: they are handed over (no longer 待同步) but kept on
        // this laptop, sealed, until the county's answer comes back through the relay.
        if (answer.relay && keepRelayBatch) await keepRelayBatch(name as SyncedCollection, answer.relay.batchId, body);
        const conflicted = new Set(answer.conflicts.map((doc) => doc.id));
        // After a conflict the laptop either takes the server's version (nothing left to send) or
        // writes a merged one and sends that: it stays waiting until the merged version is accepted.
        for (const master of answer.conflicts) {
          const row = body.find((r) => r.newDocumentState.id === master.id);
          const resolved = row
            ? resolvedVersion(name as SyncedCollection, {
                assumedMasterState: row.assumedMasterState ?? undefined,
                realMasterState: master,
                newDocumentState: row.newDocumentState,
              }, writer)
            : null;
          if (resolved) pending.mark(name, master.id, resolved.updatedAt);
          else pending.unmark(name, master.id);
        }
        pending.acknowledge(
          name,
          body.map((row) => row.newDocumentState).filter((doc) => !conflicted.has(doc.id)),
        );
        succeeded.next();
        return answer.conflicts;
      },
    } : undefined,
  });
  if (isSyncedCollection(name) && conflicts) {
    state.conflict$.subscribe((conflict) => {
      void recordConflict(conflicts, name, conflict.input, writer);
    });
  }
  // RxDB's own retries (what fails outside our pull and push requests, which retry in
  // `untilAnswered`) wait `retryTime`: stretched while failures go on.
  const backoff = new Backoff();
  state.error$.subscribe(() => {
    state.retryTime = backoff.fail();
  });
  succeeded.subscribe(() => {
    state.retryTime = backoff.reset();
  });
  // Changes to first-pull copies wait for RxDB's bookkeeping (masterCopyGuard.ts) until it runs.
  const settleRecorder = isSyncedCollection(name) ? expectMasterStateRecorder(collection.database.name, collection.name) : null;
  const started = (async () => {
    // RxDB's replication starts from where a first pull of this collection ended, if one ran.
    if (isSyncedCollection(name)) {
      let record: FirstPullRecord | null;
      firstPulling.next(true);
      try {
        record = await runFirstPull({
          name, collection, db: collection.database as never, client, replicationIdentifier, onPage,
          onStored: () => succeeded.next(), stopped: () => stopped,
        });
      } catch (error) {
        if (stopped) return;
        firstPullError.next(error);
        record = await readFirstPull(collection.database as never, name, replicationIdentifier);
      } finally {
        firstPulling.next(false);
      }
      if (record?.checkpoint) lastCheckpoint = record.checkpoint;
      if (record && !stopped) {
        await writeReplicationCheckpoints(collection, replicationIdentifier, { down: record.checkpoint, up: AFTER_FIRST_PULL_COPIES });
        // From now on RxDB's own bookkeeping says where it is, even after a failed page.
        if (!record.done) await markHandedOver(collection.database as never, name, replicationIdentifier, record);
      }
      // Unless this start was stopped (the pull resumes next time), no first pull of this collection
      // writes again: a crash after its last page, or a first page that failed, left the mark set.
      const localDocs = collection.database as never;
      if (!stopped && (await firstPullMayWrite(localDocs, name))) await markFirstPullRunning(localDocs, name, false);
    }
    // Stopped, or cancelled by RxDB because its database closed meanwhile: nothing to start.
    if (stopped || state.isStopped()) return;
    await state.start();
    settleRecorder?.(state.internalReplicationState ? metaRecorderOf(state.internalReplicationState) : null);
  })().catch((error: unknown) => {
    // Closing while the first pull wrote (its database gone): nothing to tell.
    if (!stopped) firstPullError.next(error);
    settleRecorder?.(null);
  });
  return {
    state,
    succeeded$: succeeded.asObservable(),
    active$: combineLatest([firstPulling, state.active$]).pipe(map(([pulling, active]) => pulling || active)),
    error$: merge(firstPullError, requestError, state.error$),
    reconnect() {
      state.retryTime = backoff.reset();
      retryWake.next();
      stream?.reconnect();
      state.reSync();
    },
    async takeFromServer(docs, whileLocalAt) {
      // RxDB's own (read or written since it started), else the last one it was given; none yet
      // (nothing ever pulled): the start, where RxDB would pull from anyway.
      const internal = state.internalReplicationState as { lastCheckpointDoc?: { down?: { checkpointData?: SyncCheckpoint } } } | undefined;
      const checkpoint = internal?.lastCheckpointDoc?.down?.checkpointData ?? lastCheckpoint ?? { seq: 0 };
      if (!stream || docs.length === 0) return;
      const local = await (collection as unknown as RxCollection<Doc>).findByIds(docs.map((doc) => doc.id)).exec();
      const still = docs.filter((doc) => local.get(doc.id)?.updatedAt === whileLocalAt.get(doc.id));
      if (still.length === 0 || stopped) return;
      fromServer.next({ documents: still.map((doc) => ({ _deleted: false, ...doc })), checkpoint });
    },
    async stop() {
      stopped = true;
      retryWake.next();
      stream?.close();
      await started;
      settleRecorder?.(null);
      await state.cancel();
    },
  };
}
