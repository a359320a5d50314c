import { useCallback } from 'react';
import { useWorkspace } from './AppDataProvider';
import type { CollectionSyncStatus, SyncStatus } from '../core/types';
import { useObservable } from './useObservable';

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
