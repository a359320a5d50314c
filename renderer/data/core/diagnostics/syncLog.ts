import { distinctUntilChanged, map, type Observable, type Subscription } from 'rxjs';
import type { SyncStatus } from '../types';
import { appLog, type AppLog } from './appLog';

/**
 * Puts the sync's state into the app log whenever it changes: online or not, how many changes
 * wait, the last error's key. Counts and codes only, never a record.
 */
export function logSyncChanges(status$: Observable<SyncStatus>, log: AppLog = appLog): Subscription {
  return status$
    .pipe(
      map((s) => `online=${s.online} pending=${s.pending} error=${s.lastError ?? 'none'}`),
      distinctUntilChanged(),
    )
    .subscribe((text) => log.record('sync', text));
}
