import { useCallback } from 'react';
import { useWorkspace } from './AppDataProvider';
import type { SyncStatus } from './types';
import { useObservable } from './useObservable';

export function useSyncStatus(): SyncStatus {
  const { sync } = useWorkspace();
  return useObservable(() => sync.status$, sync.status$.value, [sync]);
}

/** Starts a pull and push now (the 立即同步 button). */
export function useSyncNow(): () => void {
  const { sync } = useWorkspace();
  return useCallback(() => sync.syncNow(), [sync]);
}
