import type { JiuzhuDatabase } from '../../renderer/data/core/database';
import type { HouseholdSearch, TypedIdHashes } from '../../renderer/data/households/householdSearch';
import type { Household } from '../../shared/schemas/household';

const ID_NUMBER = /^\d{17}[\dXx]$/;

/**
 * The household search done the slow, obvious way: every household read (and decrypted) through
 * RxDB, filtered in plain code, newest first (ties by id, as RxDB sorts). The reference the
 * in-memory index must equal; names and hashes are sealed on disk, so no database query can do it.
 */
export async function referenceSearch(db: JiuzhuDatabase, search: HouseholdSearch, idHash: TypedIdHashes): Promise<string[]> {
  const text = search.text?.trim() ?? '';
  const hashes: readonly string[] = idHash === null ? [] : typeof idHash === 'string' ? [idHash] : idHash;
  const byId = ID_NUMBER.test(text);
  const all = (await db.households.find().exec()).map((d) => d.toJSON() as Household);
  return all
    .filter(
      (h) =>
        (byId ? (h.idHashes ?? []).some((hash) => hashes.includes(hash)) : !text || (h.memberNames ?? []).some((name) => name.includes(text))) &&
        (!search.villageCode || h.areaCode === search.villageCode) &&
        (!search.category || (h.categories ?? []).includes(search.category)) &&
        (search.includeArchived === true || h.archived === undefined),
    )
    .sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((h) => h.id);
}
