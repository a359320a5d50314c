import { useCallback } from 'react';
import { map } from 'rxjs';
import type { CareNeed, CareNeedForm } from '../../shared/schemas/careNeed';
import { useWorkspace } from './AppDataProvider';
import { saveCareNeed } from './careNeedRecords';
import { useObservable } from './useObservable';

/** Care needs (照料需求), of one household or all in the local database, live. */
export function useCareNeeds(householdId?: string): CareNeed[] {
  const { db } = useWorkspace();
  return useObservable<CareNeed[]>(
    () =>
      db.careNeeds
        .find({ selector: householdId ? { householdId } : {}, sort: [{ updatedAt: 'desc' }] })
        .$.pipe(map((docs) => docs.map((d) => d.toJSON() as CareNeed))),
    [],
    [db, householdId],
  );
}

export function useCareNeed(id: string): CareNeed | null | undefined {
  const { db } = useWorkspace();
  return useObservable<CareNeed | null | undefined>(
    () => db.careNeeds.findOne(id).$.pipe(map((doc) => (doc ? (doc.toJSON() as CareNeed) : null))),
    undefined,
    [db, id],
  );
}

export function useSaveCareNeed(): (householdId: string, form: CareNeedForm, existingId?: string) => Promise<CareNeed> {
  const workspace = useWorkspace();
  return useCallback((householdId, form, existingId) => saveCareNeed(workspace, householdId, form, existingId), [workspace]);
}
