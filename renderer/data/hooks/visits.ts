import { map } from 'rxjs';
import type { Visit } from '../../../shared/schemas/visit';
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
