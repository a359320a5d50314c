import { switchMap, type Observable } from 'rxjs';
import type { Household, HouseholdCategory } from '../../../shared/schemas/household';
import type { JiuzhuDatabase } from '../core/database';
import { followIndex } from '../core/plainIndex';
import { householdIndexOf, type HouseholdEntry, type HouseholdIndex } from './householdIndex';

export interface HouseholdSearch {
  /** Part of any member's name (姓名), or a whole 18-character ID number (exact match). */
  text?: string;
  /** 12-digit village code. */
  villageCode?: string;
  category?: HouseholdCategory;
  /** Archived households are hidden unless asked for. */
  includeArchived?: boolean;
}

export const looksLikeIdNumber = (text: string) => /^\d{17}[\dXx]$/.test(text);

/**
 * A typed ID number's keyed hashes: one per search key the laptop holds (a household's hashes are
 * under its own township's key, so a county laptop looks the number up under each of its
 * townships' keys). A single hash stands for a list of one; null or empty: no household matches.
 */
export type TypedIdHashes = string | readonly string[] | null;

const hashesOf = (typed: TypedIdHashes): readonly string[] => (typed === null ? [] : typeof typed === 'string' ? [typed] : typed);

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
export function liveSearch<T>(db: JiuzhuDatabase, run: () => Promise<T>): Observable<T> {
  return followIndex(householdIndexOf(db)).pipe(switchMap(run));
}
