import { z } from 'zod';
import { BehaviorSubject, type Observable } from 'rxjs';
import { syncedCollections, type SyncedCollection } from '../../../../shared/sync/collections';
import type { PushRow } from '../../../../shared/sync/wire';
import type { DataKey } from '../keys/dataKey';
import type { KeyValueStore } from '../keyValueStore';

/** A row as it was pushed: the document it assumed and the one it sent. */
export type KeptRow = PushRow<Record<string, unknown> & { id: string; updatedAt: number }>;

/** A push a township relay kept (state pending): what was sent, until the county's answer comes back. */
export interface KeptRelayBatch {
  batchId: string;
  collection: SyncedCollection;
  rows: KeptRow[];
  keptAt: number;
}

/** A kept batch the county refused: its words, shown in the sync centre until a person has read them. */
export interface RelayRefusal {
  batchId: string;
  collection: SyncedCollection;
  code: string;
  message: string;
  documentIds: string[];
  at: number;
}

const storeKeyOf = (userId: string) => `jiuzhu:relayBatches:${userId}`;

const keptSchema = z.object({
  batches: z.array(
    z.object({
      batchId: z.string(),
      collection: z.enum(syncedCollections),
      rows: z.array(z.object({ assumedMasterState: z.record(z.string(), z.unknown()).nullable().optional(), newDocumentState: z.record(z.string(), z.unknown()) })),
      keptAt: z.number(),
    }),
  ),
  refusals: z.array(
    z.object({
      batchId: z.string(),
      collection: z.enum(syncedCollections),
      code: z.string(),
      message: z.string(),
      documentIds: z.array(z.string()),
      at: z.number(),
    }),
  ),
});

/**
 * What this laptop handed to a township relay and the county has not answered yet, and the
 * county's refusals of such batches (issue 17). The rows hold whole records (ID numbers,
 * diagnoses): sealed with the data key in one store entry, like the drafts, never in the clear —
 * and outside RxDB, whose open-core build allows only 13 collections at once (stack-notes.md).
 */
export class RelayBatchStore {
  private writing: Promise<void> = Promise.resolve();
  private readonly batches: BehaviorSubject<KeptRelayBatch[]>;
  private readonly refusals: BehaviorSubject<RelayRefusal[]>;

  private constructor(
    private readonly store: KeyValueStore,
    private readonly userId: string,
    private readonly dataKey: DataKey,
    kept: { batches: KeptRelayBatch[]; refusals: RelayRefusal[] },
  ) {
    this.batches = new BehaviorSubject(kept.batches);
    this.refusals = new BehaviorSubject(kept.refusals);
  }

  static async open(store: KeyValueStore, userId: string, dataKey: DataKey): Promise<RelayBatchStore> {
    const sealed = store.getItem(storeKeyOf(userId));
    const json = sealed ? await dataKey.unseal(sealed) : null;
    return new RelayBatchStore(store, userId, dataKey, parseKept(json));
  }

  static remove(store: KeyValueStore, userId: string): void {
    store.removeItem(storeKeyOf(userId));
  }

  get batches$(): Observable<KeptRelayBatch[]> {
    return this.batches.asObservable();
  }

  get refusals$(): Observable<RelayRefusal[]> {
    return this.refusals.asObservable();
  }

  get kept(): KeptRelayBatch[] {
    return this.batches.value;
  }

  get refused(): RelayRefusal[] {
    return this.refusals.value;
  }

  /** Resolves once the batch is on disk: a push answer is taken only after that. */
  keep(batch: KeptRelayBatch): Promise<void> {
    // The same batch answered twice (a retried push): kept once, with the latest rows.
    this.batches.next([...this.batches.value.filter((b) => b.batchId !== batch.batchId), batch]);
    return this.persist();
  }

  forget(batchId: string): Promise<void> {
    this.batches.next(this.batches.value.filter((b) => b.batchId !== batchId));
    return this.persist();
  }

  refuse(refusal: RelayRefusal): Promise<void> {
    this.batches.next(this.batches.value.filter((b) => b.batchId !== refusal.batchId));
    this.refusals.next([...this.refusals.value.filter((r) => r.batchId !== refusal.batchId), refusal]);
    return this.persist();
  }

  /** 知道了: the refusal was read (the refused rows stay in the conflict records). */
  dismissRefusal(batchId: string): Promise<void> {
    this.refusals.next(this.refusals.value.filter((r) => r.batchId !== batchId));
    return this.persist();
  }

  flushed(): Promise<void> {
    return this.writing;
  }

  private persist(): Promise<void> {
    // Chained, each link sealing the state as it is then: the last write is the latest state.
    this.writing = this.writing.then(async () => {
      const kept = { batches: this.batches.value, refusals: this.refusals.value };
      if (kept.batches.length === 0 && kept.refusals.length === 0) this.store.removeItem(storeKeyOf(this.userId));
      else this.store.setItem(storeKeyOf(this.userId), await this.dataKey.seal(JSON.stringify(kept)));
    });
    return this.writing;
  }
}

/** Nothing kept when the stored value is damaged (or sealed with another key). */
function parseKept(json: string | null): { batches: KeptRelayBatch[]; refusals: RelayRefusal[] } {
  if (!json) return { batches: [], refusals: [] };
  try {
    const parsed = keptSchema.safeParse(JSON.parse(json));
    return parsed.success ? (parsed.data as { batches: KeptRelayBatch[]; refusals: RelayRefusal[] }) : { batches: [], refusals: [] };
  } catch {
    return { batches: [], refusals: [] };
  }
}
