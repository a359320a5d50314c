import { useCallback } from 'react';
import { map } from 'rxjs';
import { dismissConflict, reapplyConflict } from '../core/sync/conflictActions';
import type { ConflictRecord } from '../core/sync/conflicts';
import { useWorkspace } from './AppDataProvider';
import { useObservable } from './useObservable';

/** Collisions waiting for a person (此记录在乡镇也被修改过，请核对), newest first. */
export function useOpenConflicts(): ConflictRecord[] {
  const { db } = useWorkspace();
  return useObservable<ConflictRecord[]>(
    () =>
      db.conflicts
        .find({ selector: { state: 'open' }, sort: [{ createdAt: 'desc' }] })
        .$.pipe(map((docs) => docs.map((d) => d.toJSON() as ConflictRecord))),
    [],
    [db],
  );
}

export function useConflictActions(): { reapply: (id: string) => Promise<void>; dismiss: (id: string) => Promise<void> } {
  const workspace = useWorkspace();
  return {
    reapply: useCallback((id: string) => reapplyConflict(workspace, id), [workspace]),
    dismiss: useCallback((id: string) => dismissConflict(workspace, id), [workspace]),
  };
}
