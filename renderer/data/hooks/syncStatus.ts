import { useCallback } from 'react';
import { useWorkspace } from './AppDataProvider';
import type { CollectionSyncStatus, SyncStatus } from '../core/types';
import { useObservable } from './useObservable';
import { summarize, type FirstSyncProgress, type FirstSyncSummary } from '../core/sync/firstSyncProgress';

export function useSyncStatus(): SyncStatus {
  const { sync } = useWorkspace();
  return useObservable(() => sync.status$, sync.status$.value, [sync]);
}

/** Per collection: syncing, waiting, last success, last error — for the sync centre. */
export function useCollectionSyncStatus(): CollectionSyncStatus[] {
  const { sync } = useWorkspace();
  return useObservable(() => sync.collections$, sync.collections$.value, [sync]);
}

/** Starts a pull and push now (the 立即同步 button). */
export function useSyncNow(): () => void {
  const { sync } = useWorkspace();
  return useCallback(() => sync.syncNow(), [sync]);
}

/**
 * A first sync's progress: per kind of record what arrived and what is left, and the sums
 * (core/sync/firstSyncProgress.ts); `running` is false once every kind has reached its end.
 */
export function useFirstSyncProgress(): { kinds: FirstSyncProgress; summary: FirstSyncSummary } {
  const { sync } = useWorkspace();
  const kinds = useObservable(() => sync.firstSync$, sync.firstSync.progress, [sync]);
  return { kinds, summary: summarize(kinds) };
}
