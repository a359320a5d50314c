/**
 * Fields computed from others: a household's search entries, `memberNames` (plain names beside
 * the encrypted members) and `idHashes` (keyed hashes of the ID numbers under the household's
 * township's key, one per member, in member order). They never take part in a merge — two laptops
 * that each added a member would otherwise collide on them — but are recomputed from the merged
 * members; the server computes both again whenever the household is stored.
 */
import type { SyncedCollection } from './collections';
import type { JsonObject } from './merge';

const DERIVED: Partial<Record<SyncedCollection, readonly string[]>> = {
  households: ['memberNames', 'idHashes'],
};

type Member = { idNumber?: unknown; name?: unknown };
const membersOf = (doc: JsonObject): Member[] => (Array.isArray(doc['members']) ? (doc['members'] as Member[]) : []);

/** The document without its derived fields, for the merge. */
export function withoutDerived(collection: SyncedCollection, doc: JsonObject): JsonObject {
  const fields = DERIVED[collection];
  if (!fields) return doc;
  return Object.fromEntries(Object.entries(doc).filter(([key]) => !fields.includes(key)));
}

/**
 * The merged document with its derived fields computed again. A hash is never computed here (the
 * key stays with the sign-in): each merged member's hash is the one either side already had for
 * that ID number; if one is missing, `idHashes` is left out until the next save writes it.
 */
export function withDerived(collection: SyncedCollection, merged: JsonObject, sides: JsonObject[]): JsonObject {
  if (collection !== 'households') return merged;
  const result = { ...merged };
  const members = membersOf(merged);
  if (sides.some((side) => side['memberNames'] !== undefined)) result['memberNames'] = members.map((m) => m.name);
  const known = new Map<unknown, unknown>();
  for (const side of sides) {
    const hashes = side['idHashes'];
    const sideMembers = membersOf(side);
    if (!Array.isArray(hashes) || hashes.length !== sideMembers.length) continue;
    sideMembers.forEach((member, i) => known.set(member.idNumber, hashes[i]));
  }
  const hashes = members.map((member) => known.get(member.idNumber));
  delete result['idHashes'];
  if (sides.some((side) => side['idHashes'] !== undefined) && hashes.every((hash) => typeof hash === 'string')) {
    result['idHashes'] = hashes;
  }
  return result;
}
