import { map } from 'rxjs';
import type { Policy, Program, UserRef } from '../../../shared/schemas/reference';
import { useWorkspace } from './AppDataProvider';
import { useObservable } from './useObservable';

/**
 * Every policy period the laptop holds (its county's and the city's, as the pull delivers them),
 * oldest first; shared/rules/policyInForce.ts picks the figures in force on a date.
 */
export function usePolicies(): Policy[] {
  const { db } = useWorkspace();
  return useObservable<Policy[]>(
    () => db.policies.find({ sort: [{ id: 'asc' }] }).$.pipe(map((docs) => docs.map((d) => d.toJSON() as Policy).sort((a, b) => a.validFrom.localeCompare(b.validFrom)))),
    [],
    [db],
  );
}

/** The 3+N programme catalogue. */
export function usePrograms(): Program[] {
  const { db } = useWorkspace();
  return useObservable<Program[]>(() => db.programs.find().$.pipe(map((docs) => docs.map((d) => d.toJSON() as Program))), [], [db]);
}

/** Colleagues' display names by user id (for histories and assignments). */
export function useUserNames(): Map<string, UserRef> {
  const { db } = useWorkspace();
  return useObservable<Map<string, UserRef>>(
    () => db.users.find().$.pipe(map((docs) => new Map(docs.map((d) => [d.id, d.toJSON() as UserRef])))),
    new Map(),
    [db],
  );
}
