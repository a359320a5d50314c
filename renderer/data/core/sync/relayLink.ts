import type { RxCollection } from 'rxdb/plugins/core';
import { BehaviorSubject } from 'rxjs';
import type { SyncedCollection } from '../../../../shared/sync/collections';
import type { Writer } from '../../../../shared/sync/writeCheck';
import {
  healthAnswerSchema,
  relayOutcomesAnswerSchema,
  relayPendingAnswerSchema,
  type RelayPendingAnswer,
} from '../../../../shared/wire/relayStatus';
import { SyncHttpError } from '../httpErrors';
import type { ConflictRecord } from './conflicts';
import type { KeptRow, RelayBatchStore } from './relayBatches';
import { takeRelayOutcome } from './relayOutcomes';
import type { SyncClient } from './syncClient';

/** Which server this laptop talks to, as its health answer says (null until it has answered). */
export type ServerKind =
  | { mode: 'central' }
  | { mode: 'relay'; name: string; upstream: { reachable: boolean; lastContactAt: number | null } };

/** While batches wait for the county or the server is a relay: ask again this often, besides every sync round. */
const ROUND_EVERY_MS = 30_000;
/** Outcomes asked for at once (each is a query parameter). */
const OUTCOMES_PER_REQUEST = 50;

/** Puts server versions on the laptop as pulled, where it still holds the version it sent (replicateCollection.ts). */
export type TakeFromServer = (
  collection: SyncedCollection,
  docs: (Record<string, unknown> & { id: string; updatedAt: number })[],
  whileLocalAt: ReadonlyMap<string, number>,
) => Promise<void>;

export interface RelayLinkDeps {
  client: SyncClient;
  batches: RelayBatchStore;
  conflicts: RxCollection<ConflictRecord>;
  writer?: Writer;
}

/**
 * The laptop's side of a township relay (issue 17): which server it talks to, what waits at the
 * station to go up (待县里确认), and the county's answers to the batches this laptop handed over.
 * One round at a time: a round asked for while one runs runs once after it, so the sync's pulls
 * and pushes (each one asks) cost at most one request of each kind in flight.
 */
export class RelayLink {
  readonly server$ = new BehaviorSubject<ServerKind | null>(null);
  /** What waits at the relay within this user's scope; null when the server is no relay (or has not said). */
  readonly waiting$ = new BehaviorSubject<RelayPendingAnswer | null>(null);
  private running: Promise<void> | null = null;
  private again = false;
  /** The next round asks the server what it is even when it said so already (立即同步, the timer). */
  private askServer = true;
  private stopped = false;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly deps: RelayLinkDeps) {}

  get batches(): RelayBatchStore {
    return this.deps.batches;
  }

  /** Puts the county's versions on the laptop as pulled (the sync engine's replication does). */
  private takeFromServer: TakeFromServer = async () => undefined;

  start(takeFromServer?: TakeFromServer): void {
    if (takeFromServer) this.takeFromServer = takeFromServer;
    this.timer = setInterval(() => {
      if (this.deps.batches.kept.length > 0 || this.server$.value?.mode === 'relay') this.refresh(true);
    }, ROUND_EVERY_MS);
    this.refresh(true);
  }

  stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    return this.settled();
  }

  /** A relay answered a push with `pending`: the rows are kept (sealed) before the answer is taken. */
  keepBatch(collection: SyncedCollection, batchId: string, rows: KeptRow[]): Promise<void> {
    return this.deps.batches.keep({ batchId, collection, rows, keptAt: Date.now() });
  }

  /**
   * Asks the server again: each sync round, and (`whatServer`) 立即同步 and the timer. The central
   * server is asked what it is only then; a relay every round, for its uplink's state.
   */
  refresh(whatServer = false): void {
    if (this.stopped) return;
    if (whatServer) this.askServer = true;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.round().catch(() => undefined);
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = null;
    });
  }

  /** The round running now (and any asked for meanwhile), done. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private async round(): Promise<void> {
    // Unreachable or a failed answer: what was known stays (the sync indicator says the network is gone).
    if (this.askServer || this.server$.value?.mode !== 'central') {
      this.askServer = false;
      await this.askHealth().catch(() => {
        this.askServer = true;
      });
    }
    if (this.server$.value?.mode === 'relay') await this.askPending().catch(() => undefined);
    if (this.deps.batches.kept.length > 0) await this.askOutcomes();
  }

  private async askHealth(): Promise<void> {
    const health = await this.deps.client.call('GET', '/api/v1/health', healthAnswerSchema);
    const next: ServerKind =
      health.mode === 'relay'
        ? { mode: 'relay', name: health.name ?? '', upstream: health.upstream ?? { reachable: false, lastContactAt: null } }
        : { mode: 'central' };
    if (JSON.stringify(next) !== JSON.stringify(this.server$.value)) this.server$.next(next);
  }

  private async askPending(): Promise<void> {
    try {
      this.waiting$.next(await this.deps.client.call('GET', '/api/v1/relay/pending', relayPendingAnswerSchema));
    } catch (error) {
      // 404: the central server (or a relay without the route): nothing waits anywhere.
      if (error instanceof SyncHttpError && error.status === 404) this.waiting$.next(null);
      else throw error;
    }
  }

  private async askOutcomes(): Promise<void> {
    const kept = this.deps.batches.kept;
    for (let i = 0; i < kept.length; i += OUTCOMES_PER_REQUEST) {
      const chunk = kept.slice(i, i + OUTCOMES_PER_REQUEST);
      const query = new URLSearchParams(chunk.map((batch) => ['batch', batch.batchId]));
      const answer = await this.deps.client.call('GET', `/api/v1/relay/outcomes?${query}`, relayOutcomesAnswerSchema);
      for (const outcome of answer.outcomes) {
        const batch = chunk.find((b) => b.batchId === outcome.batchId);
        if (batch) await takeRelayOutcome(outcome, batch, { ...this.deps, takeFromServer: this.takeFromServer });
      }
    }
  }
}
