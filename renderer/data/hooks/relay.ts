import { useCallback, useMemo } from 'react';
import { combineLatest, map } from 'rxjs';
import type { SyncedCollection } from '../../../shared/sync/collections';
import type { RelayPendingAnswer } from '../../../shared/wire/relayStatus';
import type { RelayRefusal } from '../core/sync/relayBatches';
import type { ServerKind } from '../core/sync/relayLink';
import { useWorkspace } from './AppDataProvider';
import { useObservable } from './useObservable';

/** Which server this laptop talks to: 县级服务器, or a 乡镇中转站 with its uplink's state (null until it answered). */
export function useServerKind(): ServerKind | null {
  const { relay } = useWorkspace();
  return useObservable(() => relay.server$, relay.server$.value, [relay]);
}

export interface HandedToRelay {
  /** Records this laptop handed to the relay that the county has not answered yet (已交乡镇中转站，等待县里确认). */
  count: number;
  /** Batches the county refused, with its words, until a person has read them. */
  refusals: RelayRefusal[];
  /** 知道了: the refusal was read (the refused records stay in 需要核对的记录). */
  dismissRefusal: (batchId: string) => Promise<void>;
}

/** This laptop's own batches at a township relay, for the sync centre. */
export function useHandedToRelay(): HandedToRelay {
  const { relay } = useWorkspace();
  const batches = relay.batches;
  const count = useObservable(
    () => batches.batches$.pipe(map((kept) => kept.reduce((sum, batch) => sum + batch.rows.length, 0))),
    batches.kept.reduce((sum, batch) => sum + batch.rows.length, 0),
    [batches],
  );
  const refusals = useObservable(() => batches.refusals$, batches.refused, [batches]);
  const dismissRefusal = useCallback((batchId: string) => batches.dismissRefusal(batchId), [batches]);
  return { count, refusals, dismissRefusal };
}

/**
 * Ids of one kind's records waiting at the relay for the county (待县里确认): those the relay lists
 * (any laptop's at the station, within this user's scope) and those this laptop handed over itself.
 */
export function useAwaitingCounty(collection: SyncedCollection): ReadonlySet<string> {
  const { relay } = useWorkspace();
  const ids$ = useMemo(
    () =>
      combineLatest([relay.waiting$, relay.batches.batches$]).pipe(
        map(([waiting, kept]) => {
          const ids = new Set((waiting?.documents ?? []).filter((doc) => doc.collection === collection).map((doc) => doc.id));
          for (const batch of kept) {
            if (batch.collection === collection) batch.rows.forEach((row) => ids.add(row.newDocumentState.id));
          }
          return ids as ReadonlySet<string>;
        }),
      ),
    [relay, collection],
  );
  return useObservable(() => ids$, EMPTY, [ids$]);
}

const EMPTY: ReadonlySet<string> = new Set();

/** Per village, what waits at the township relay to go up (今日汇总); null when the server is no relay. */
export function useRelayWaitingByVillage(): RelayPendingAnswer['villages'] | null {
  const { relay } = useWorkspace();
  return useObservable(() => relay.waiting$.pipe(map((waiting) => waiting?.villages ?? null)), relay.waiting$.value?.villages ?? null, [relay]);
}
