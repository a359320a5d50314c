import { useCallback } from 'react';
import { map } from 'rxjs';
import type { Visit } from '../../../shared/schemas/visit';
import { latestVisits$, type LatestVisits } from '../visits/visitIndex';
import { saveVisit, type VisitFormOutput } from '../visits/visitRecords';
import { useWorkspace } from './AppDataProvider';
import { useObservable } from './useObservable';

/** One visit, for its printed 入户调查表: undefined while loading, null when there is none. */
export function useVisit(id: string): Visit | null | undefined {
  const { db } = useWorkspace();
  return useObservable<Visit | null | undefined>(
    () => db.visits.findOne(id).$.pipe(map((doc) => (doc ? (doc.toJSON() as Visit) : null))),
    undefined,
    [db, id],
  );
}

/** Visits of one household, newest visit date first, live. */
export function useVisits(householdId: string): Visit[] {
  const { db } = useWorkspace();
  return useObservable<Visit[]>(
    () =>
      db.visits
        .find({ selector: { householdId }, sort: [{ updatedAt: 'desc' }] })
        .$.pipe(map((docs) => docs.map((d) => d.toJSON() as Visit).sort((a, b) => b.visitDate.localeCompare(a.visitDate)))),
    [],
    [db, householdId],
  );
}

export function useSaveVisit(): (householdId: string, form: VisitFormOutput) => Promise<Visit> {
  const workspace = useWorkspace();
  return useCallback((householdId, form) => saveVisit(workspace, householdId, form), [workspace]);
}

const noVisits = { byHousehold: new Map() as LatestVisits, loading: true };

/** For 今日: each household's latest visit (its date and the next visit agreed then). */
export function useLatestVisits(): { byHousehold: LatestVisits; loading: boolean } {
  const { db } = useWorkspace();
  return useObservable(() => latestVisits$(db).pipe(map((byHousehold) => ({ byHousehold, loading: false }))), noVisits, [db]);
}
