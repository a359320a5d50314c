import { useCallback } from 'react';
import { map, of } from 'rxjs';
import type { CareNeed, CareNeedForm } from '../../../shared/schemas/careNeed';
import { useWorkspace } from './AppDataProvider';
import { saveCareNeed } from '../careNeeds/careNeedRecords';
import { useObservable } from './useObservable';

export interface CareNeedFilter {
  householdId?: string;
  /** Open needs only: closed ones (most, over the years) are then not read or decrypted. */
  openOnly?: boolean;
}

/** Care needs (照料需求) in the local database, newest change first, live; `null` reads none. */
export function useCareNeeds(filter: CareNeedFilter | null = {}): CareNeed[] {
  const { db } = useWorkspace();
  const selector: Record<string, unknown> = {};
  if (filter?.householdId) selector['householdId'] = filter.householdId;
  if (filter?.openOnly) selector['state'] = 'open';
  const key = filter ? JSON.stringify(selector) : null;
  return useObservable<CareNeed[]>(
    () =>
      key === null
        ? of([])
        : db.careNeeds
            .find({ selector: JSON.parse(key) as Record<string, never>, sort: [{ updatedAt: 'desc' }] })
            .$.pipe(map((docs) => docs.map((d) => d.toJSON() as CareNeed))),
    [],
    [db, key],
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
