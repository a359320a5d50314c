import { householdIdHashes, searchKeyFor, type SearchKeys } from '../../shared/domain/idHash';

export interface MigrationContext {
  /** The signed-in session's ID-search keys, by township (none: hashes wait for the next save or the server). */
  searchKeys?: SearchKeys | null;
}

type Migrate = (doc: Record<string, unknown>) => Promise<Record<string, unknown>> | Record<string, unknown>;

/**
 * One strategy per schema version, keyed by the version it produces; a shipped strategy is
 * never edited. Each has a test that opens a database written by the previous version.
 */
export function householdMigrations(context: MigrationContext): Record<number, Migrate> {
  return {
    // v1 only added optional fields; the ID hashes are filled now when the key is at hand,
    // otherwise at the household's next save.
    1: async (doc) => {
      const key = searchKeyFor(context.searchKeys ?? {}, String(doc['areaCode'] ?? ''));
      if (!key) return doc;
      const members = doc['members'] as { idNumber: string }[];
      return { ...doc, idHashes: await householdIdHashes(key, members) };
    },
    // v2 encrypts members, phone and note (the storage does that on write) and keeps the
    // members' names plain beside them for the name search.
    2: (doc) => ({ ...doc, memberNames: (doc['members'] as { name: string }[]).map((m) => m.name) }),
  };
}

export const visitMigrations: Record<number, Migrate> = {
  // v1 only added optional fields (members present, conditions, health changes, needs found).
  1: (doc) => doc,
  // v2 encrypts findings, conditions and health changes: the storage does it on write.
  2: (doc) => doc,
};

/** v1 encrypts the money, documents and free-text fields: the storage does it on write. */
export const applicationMigrations: Record<number, Migrate> = { 1: (doc) => doc };

/** v1 encrypts description, plan, referrals and follow-ups: the storage does it on write. */
export const careNeedMigrations: Record<number, Migrate> = { 1: (doc) => doc };

/** v1 encrypts the two versions kept of a collision: the storage does it on write. */
export const conflictMigrations: Record<number, Migrate> = { 1: (doc) => doc };
