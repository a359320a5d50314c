import { useCallback, useEffect, useState } from 'react';
import { map } from 'rxjs';
import { idNumberHashes, type SearchKeys } from '../../../shared/domain/idHash';
import type { Household } from '../../../shared/schemas/household';
import { archiveHousehold, saveHousehold, setHouseholdResidence, type HouseholdFormOutput } from '../households/householdRecords';
import { householdHoldingIdNumber } from '../households/idNumberHolders';
import { liveSearch, looksLikeIdNumber, searchHouseholdPage, searchHouseholds, type HouseholdPage, type HouseholdSearch } from '../households/householdSearch';
import { useWorkspace } from './AppDataProvider';
import { useObservable } from './useObservable';

/**
 * The hashes of an ID number typed into the search box under every key held; null while they are
 * computed (and for anything that is not a whole ID number). Only a whole 18-character number is
 * hashed: one HMAC per key, the keys imported once (`hashIdNumber`).
 */
function useIdHashes(text: string): readonly string[] | null {
  const workspace = useWorkspace();
  const keys = useObservable(() => workspace.searchKeys$, workspace.searchKeys, [workspace.searchKeys$]);
  const [hashes, setHashes] = useState<{ text: string; keys: SearchKeys; hashes: string[] } | null>(null);
  useEffect(() => {
    if (!looksLikeIdNumber(text)) return;
    let live = true;
    void idNumberHashes(keys, text).then((value) => live && setHashes({ text, keys, hashes: value }));
    return () => {
      live = false;
    };
  }, [keys, text]);
  return hashes?.text === text && hashes.keys === keys ? hashes.hashes : null;
}

/**
 * Live page `pageNumber` (from 1) of the household search, and how many households match in all.
 * While another page or search is read, the previous one stays (with `loading`), so the table
 * does not flash empty between pages.
 */
export function useHouseholdPage(
  search: HouseholdSearch,
  pageNumber: number,
  pageSize: number,
): { households: Household[]; total: number; loading: boolean } {
  const { db } = useWorkspace();
  const text = search.text?.trim() ?? '';
  const idHashes = useIdHashes(text);
  const key = JSON.stringify({ search: { ...search, text }, idHashes, pageNumber, pageSize });
  const result = useObservable<HouseholdPage & { key: string | null }>(
    () => {
      const query = JSON.parse(key) as { search: HouseholdSearch; idHashes: string[] | null; pageNumber: number; pageSize: number };
      const page = { offset: (Math.max(1, query.pageNumber) - 1) * query.pageSize, limit: query.pageSize };
      return liveSearch(db, () => searchHouseholdPage(db, query.search, query.idHashes, page)).pipe(map((found) => ({ ...found, key })));
    },
    { households: [], total: 0, key: null },
    [db, key],
  );
  return { households: result.households, total: result.total, loading: result.key !== key };
}

/**
 * Reads every household matching `search` when called (the 导出Excel of the list's whole result,
 * not only the page it shows).
 */
export function useMatchingHouseholds(search: HouseholdSearch): () => Promise<Household[]> {
  const { db } = useWorkspace();
  const idHashes = useIdHashes(search.text?.trim() ?? '');
  return useCallback(() => searchHouseholds(db, search, idHashes), [db, search, idHashes]);
}

/** undefined while loading, null when there is no such household. */
export function useHousehold(id: string): Household | null | undefined {
  const { db } = useWorkspace();
  return useObservable<Household | null | undefined>(
    () => db.households.findOne(id).$.pipe(map((doc) => (doc ? (doc.toJSON() as Household) : null))),
    undefined,
    [db, id],
  );
}

/** Saves locally at once (never waits on the network). Pass the id to update an existing household. */
export function useSaveHousehold(): (form: HouseholdFormOutput, existingId?: string) => Promise<Household> {
  const workspace = useWorkspace();
  return useCallback((form, existingId) => saveHousehold(workspace, form, existingId), [workspace]);
}

/** 归档 with a reason; the household stays readable under "include archived". */
/** Sets (or clears) the township's 城市/农村 mark of a household, queued like any write. */
export function useSetHouseholdResidence(): (id: string, residence: 'urban' | 'rural' | null) => Promise<Household> {
  const workspace = useWorkspace();
  return useCallback((id, residence) => setHouseholdResidence(workspace, id, residence), [workspace]);
}

export function useArchiveHousehold(): (id: string, reason: string) => Promise<Household> {
  const workspace = useWorkspace();
  return useCallback((id, reason) => archiveHousehold(workspace, id, reason), [workspace]);
}

/**
 * Finds, when called, the household that already has a member with this ID number (not archived,
 * not `exceptId`): registering the same person twice is caught before saving.
 */
export function useIdNumberHolder(): (idNumber: string, exceptId?: string) => Promise<Household | null> {
  const workspace = useWorkspace();
  return useCallback(
    (idNumber, exceptId) => householdHoldingIdNumber(workspace.db, workspace.searchKeys, idNumber, exceptId),
    [workspace],
  );
}
