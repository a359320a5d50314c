// STUB — being implemented; signatures are final.
import type { SyncStatus } from './types';

export function useSyncStatus(): SyncStatus {
  throw new Error('not implemented');
}

/** Starts a pull and push now (the 立即同步 button). */
export function useSyncNow(): () => void {
  throw new Error('not implemented');
}
