import { map } from 'rxjs';
import { naturalAreaCode } from '../../../shared/areas';
import type { Policy, Program, UserRef } from '../../../shared/schemas/reference';
import { useWorkspace } from './AppDataProvider';
import { useObservable } from './useObservable';

/**
 * The policy figures in force for an area's county in a year, or null if none has arrived
 * yet. Figures that are null are placeholders (待配置) and must be shown as such.
 */
export function usePolicy(areaCode: string, year: number): Policy | null {
  const { db } = useWorkspace();
  const county = `${naturalAreaCode(areaCode).slice(0, 6)}000000`;
  return useObservable<Policy | null>(
    () => db.policies.findOne({ selector: { areaCode: county, year } }).$.pipe(map((doc) => (doc ? (doc.toJSON() as Policy) : null))),
    null,
    [db, county, year],
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
