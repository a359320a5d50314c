import { useCallback, useEffect, useState } from 'react';
import { idNumberHashes, type SearchKeys } from '../../../shared/domain/idHash';
import { map, switchMap, type Observable } from 'rxjs';
import type { z } from 'zod';
import type { Household, HouseholdCategory, householdFormSchema } from '../../../shared/schemas/household';
import type { Visit, visitFormSchema } from '../../../shared/schemas/visit';
import { useWorkspace } from '../hooks/AppDataProvider';
import type { JiuzhuDatabase } from '../core/database';
import { householdIndexOf, type HouseholdEntry, type HouseholdIndex } from './householdIndex';
import { archiveHousehold, saveHousehold } from './householdRecords';
import { followIndex } from '../core/plainIndex';
import { useObservable } from '../hooks/useObservable';
import { saveVisit } from '../visits/visitRecords';

export interface HouseholdSearch {
  /** Part of any member's name (姓名), or a whole 18-character ID number (exact match). */
  text?: string;
  /** 12-digit village code. */
  villageCode?: string;
  category?: HouseholdCategory;
  /** Archived households are hidden unless asked for. */
  includeArchived?: boolean;
}

const looksLikeIdNumber = (text: string) => /^\d{17}[\dXx]$/.test(text);

/**
 * A typed ID number's keyed hashes: one per search key the laptop holds (a household's hashes are
 * under its own township's key, so a county laptop looks the number up under each of its
 * townships' keys). A single hash stands for a list of one; null or empty: no household matches.
 */
export type TypedIdHashes = string | readonly string[] | null;

const hashesOf = (typed: TypedIdHashes): readonly string[] => (typed === null ? [] : typeof typed === 'string' ? [typed] : typed);

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
 * The household search's rules as a test on an entry of the in-memory search index
 * (householdIndex.ts): a name part in the members' names, or a whole ID number by its keyed
 * hashes (one per search key held), and the filters. Names and hashes are sealed on disk, so no
 * database query could do this; tests/renderer/householdSearch.test.ts checks it against reading
 * every household.
 */
export function householdMatcher(search: HouseholdSearch, idHashes: TypedIdHashes): (entry: HouseholdEntry) => boolean {
  const text = search.text?.trim() ?? '';
  const byId = looksLikeIdNumber(text);
  const hashes = hashesOf(idHashes);
  return (entry) =>
    (byId ? entry.idHashes.some((hash) => hashes.includes(hash)) : !text || entry.memberNames.some((name) => name.includes(text))) &&
    (!search.villageCode || entry.areaCode === search.villageCode) &&
    (!search.category || entry.categories.includes(search.category)) &&
    (search.includeArchived === true || !entry.archived);
}

/**
 * Ids of the households matching the search, newest first: the index narrows by the typed name
 * part or the ID number's hashes, and `householdMatcher` decides on each household it leaves.
 */
export function matchingHouseholdIds(index: HouseholdIndex, search: HouseholdSearch, idHashes: TypedIdHashes): string[] {
  const text = search.text?.trim() ?? '';
  const candidates = looksLikeIdNumber(text) ? index.candidates({ idHashes: hashesOf(idHashes) }) : index.candidates({ namePart: text });
  return index.find(householdMatcher(search, idHashes), candidates);
}

/** Households by id, in the order of `ids`, from RxDB (decrypted); an id RxDB no longer holds is left out. */
export async function readHouseholds(db: JiuzhuDatabase, ids: string[]): Promise<Household[]> {
  const docs = await db.households.findByIds(ids).exec();
  return ids.flatMap((id) => {
    const doc = docs.get(id);
    return doc ? [doc.toJSON() as Household] : [];
  });
}

/**
 * The household search, newest first: the matching ids from the in-memory index (a scan of memory,
 * not of every household in IndexedDB), then those households from RxDB. Reads (and decrypts) every
 * match: for exports; the list reads one page with `searchHouseholdPage`.
 */
export async function searchHouseholds(db: JiuzhuDatabase, search: HouseholdSearch, idHashes: TypedIdHashes): Promise<Household[]> {
  return readHouseholds(db, matchingHouseholdIds(await householdIndexOf(db), search, idHashes));
}

export interface HouseholdPage {
  /** Households matching the search, on every page. */
  total: number;
  /** The page's households, newest first. */
  households: Household[];
}

/**
 * One page of `searchHouseholds`: the index counts the matches, and only the page's households are
 * read from RxDB, so a common name costs a page of decryption rather than hundreds.
 */
export async function searchHouseholdPage(
  db: JiuzhuDatabase,
  search: HouseholdSearch,
  idHashes: TypedIdHashes,
  page: { offset: number; limit: number },
): Promise<HouseholdPage> {
  const ids = matchingHouseholdIds(await householdIndexOf(db), search, idHashes);
  const start = Math.max(0, page.offset);
  return { total: ids.length, households: await readHouseholds(db, ids.slice(start, start + Math.max(0, page.limit))) };
}

/** Searches again whenever the households change (followIndex: throttled while a sync writes). */
function liveSearch<T>(db: JiuzhuDatabase, run: () => Promise<T>): Observable<T> {
  return followIndex(householdIndexOf(db)).pipe(switchMap(run));
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

export type HouseholdFormOutput = z.output<typeof householdFormSchema> & { areaCode: string };

/** Saves locally at once (never waits on the network). Pass the id to update an existing household. */
export function useSaveHousehold(): (form: HouseholdFormOutput, existingId?: string) => Promise<Household> {
  const workspace = useWorkspace();
  return useCallback((form, existingId) => saveHousehold(workspace, form, existingId), [workspace]);
}

export type VisitFormOutput = z.output<typeof visitFormSchema>;

export function useSaveVisit(): (householdId: string, form: VisitFormOutput) => Promise<Visit> {
  const workspace = useWorkspace();
  return useCallback((householdId, form) => saveVisit(workspace, householdId, form), [workspace]);
}

/** 归档 with a reason; the household stays readable under "include archived". */
export function useArchiveHousehold(): (id: string, reason: string) => Promise<Household> {
  const workspace = useWorkspace();
  return useCallback((id, reason) => archiveHousehold(workspace, id, reason), [workspace]);
}
