/**
 * What list pages (今日, 救助申请, 关爱需求) show of the households they mention, without reading —
 * and so decrypting — every household on the laptop (households/householdSummaries.ts).
 */
import { useCallback, useMemo } from 'react';
import { map } from 'rxjs';
import type { Household } from '../../../shared/schemas/household';
import { readHouseholds } from '../households/householdSearch';
import { HouseholdReader, householdsByIds$, householdSummaries$, type HouseholdSummary } from '../households/householdSummaries';
import { useWorkspace } from './AppDataProvider';
import { useObservable } from './useObservable';

const noSummaries = { byId: new Map<string, HouseholdSummary>() as ReadonlyMap<string, HouseholdSummary>, loading: true };

export function useHouseholdSummaries(): { byId: ReadonlyMap<string, HouseholdSummary>; loading: boolean } {
  const { db } = useWorkspace();
  return useObservable(() => householdSummaries$(db).pipe(map((byId) => ({ byId, loading: false }))), noSummaries, [db]);
}

/**
 * The households a page shows, by id (e.g. for 户主 and applicant names). Pass only the ids of the
 * records listed, never every household. An id this laptop does not hold is absent from `byId`.
 */
export function useHouseholdsByIds(ids: readonly string[]): { byId: Map<string, Household>; loading: boolean } {
  const { db } = useWorkspace();
  // One reader per database, so a page whose list grows reads only the households added to it.
  const reader = useMemo(() => new HouseholdReader(db), [db]);
  const key = useMemo(() => [...new Set(ids)].sort().join(' '), [ids]);
  const result = useObservable<{ byId: Map<string, Household>; key: string | null }>(
    () => householdsByIds$(db, key ? key.split(' ') : [], reader).pipe(map((byId) => ({ byId, key }))),
    { byId: new Map(), key: null },
    [db, key, reader],
  );
  return { byId: result.byId, loading: result.key !== key };
}

/**
 * Reads households by id once, on demand: an export of a list needs the households of every row,
 * the list itself only those of the page it shows.
 */
export function useReadHouseholds(): (ids: readonly string[]) => Promise<Map<string, Household>> {
  const { db } = useWorkspace();
  return useCallback(
    async (ids) => new Map((await readHouseholds(db, [...new Set(ids)])).map((household) => [household.id, household])),
    [db],
  );
}
