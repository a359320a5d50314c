import type { RxCollection } from 'rxdb/plugins/core';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { Subject, type Observable } from 'rxjs';
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

// Small enough for a village's slow mobile link, large enough that a township's initial pull is quick.
const PULL_BATCH = 200;
const PUSH_BATCH = 100;

export interface CollectionReplication {
  state: RxReplicationState<{ id: string; updatedAt: number }, SyncCheckpoint>;
  /** Completed pulls and pushes, for "last synced" */
  succeeded$: Observable<void>;
  reconnect(): void;
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
): CollectionReplication {
  const succeeded = new Subject<void>();
  // Reference data changes rarely and has no stream: it is pulled at start and on "sync now".
  const stream = isSyncedCollection(name) ? keepStreamOpen<StreamEvent<Doc>>(
        (signal) => client.openStream(name, signal),
        // A stream ended by a revocation is refused when it opens again: a pull then meets the same
        // refusal and the app says in words that this laptop was stopped, without waiting for an edit.
        (error) => (error instanceof SyncHttpError && error.kind === 'revoked' ? 'RESYNC' : null),
      ) : null;
  const state = replicateRxCollection<Doc, SyncCheckpoint>({
    collection: collection as unknown as RxCollection<Doc>,
    replicationIdentifier: `jiuzhu-${name}-${client.serverUrl}`,
    live: true,
    retryTime: 2000,
    waitForLeadership: false,
    pull: {
      batchSize: PULL_BATCH,
      async handler(checkpoint, batchSize) {
        const page: PullResponse<Doc> = await client.pull<Doc>(name, checkpoint ?? null, batchSize);
        onPage?.({ fromStart: !checkpoint, documents: page.documents.length, total: page.total, batchSize });
        succeeded.next();
        return { documents: page.documents, checkpoint: page.checkpoint ?? checkpoint };
      },
      ...(stream ? { stream$: stream.events$ as Observable<StreamEvent<Doc>> as never } : {}),
    },
    push: isSyncedCollection(name) ? {
      batchSize: PUSH_BATCH,
      async handler(rows) {
        const body = rows.map((row) => ({
          assumedMasterState: row.assumedMasterState ?? null,
          newDocumentState: row.newDocumentState,
        })) as PushRow<Doc>[];
        const answer = await client.push<Doc>(name as SyncedCollection, body);
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
  // RxDB waits `retryTime` after a failed pull or push; stretch it while failures go on.
  const backoff = new Backoff();
  state.error$.subscribe(() => {
    state.retryTime = backoff.fail();
  });
  succeeded.subscribe(() => {
    state.retryTime = backoff.reset();
  });
  return {
    state,
    succeeded$: succeeded.asObservable(),
    reconnect() {
      state.retryTime = backoff.reset();
      stream?.reconnect();
      state.reSync();
    },
    async stop() {
      stream?.close();
      await state.cancel();
    },
  };
}
