import { idNumberHashes, normalizeIdNumber, type SearchKeys } from '../../../shared/domain/idHash';
import type { Household } from '../../../shared/schemas/household';
import type { JiuzhuDatabase } from '../core/database';
import { householdIndexOf } from './householdIndex';
import { matchingHouseholdIds, readHouseholds } from './householdSearch';

/**
 * The household (not archived, not `exceptId`) that already has a member with this ID number,
 * among those this laptop holds; null when none does. A person is registered in one household
 * only: registering them in a second one is a mistake to catch before saving (they may have
 * moved; then they leave the first household first). Looked up by the number's keyed hashes in
 * the search index, then confirmed on the decrypted members.
 */
export async function householdHoldingIdNumber(
  db: JiuzhuDatabase,
  keys: SearchKeys,
  idNumber: string,
  exceptId: string | undefined,
): Promise<Household | null> {
  const wanted = normalizeIdNumber(idNumber);
  const hashes = await idNumberHashes(keys, wanted);
  const ids = matchingHouseholdIds(await householdIndexOf(db), { text: wanted }, hashes).filter((id) => id !== exceptId);
  const households = await readHouseholds(db, ids);
  return households.find((household) => household.members.some((member) => normalizeIdNumber(member.idNumber) === wanted)) ?? null;
}
