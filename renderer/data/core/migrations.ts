import { householdIdHashes, searchKeyFor, type SearchKeys } from '../../../shared/domain/idHash';
import { policyV1FromV0 } from '../../../shared/schemas/policyUpgrade';

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
    // v3 encrypts the address, names, ID hashes and archive entry and re-seals every value bound
    // to the household: the storage does both on write.
    3: (doc) => doc,
    // v4 only adds the optional `residence` (城市/农村), set by the township.
    4: (doc) => doc,
  };
}

/**
 * The first version of each collection whose values are all bound to their record (`g2:`): older
 * versions are read (in the old format too) only to migrate them (keys/webCryptoEncryptionStorage.ts).
 */
export const firstBoundVersion: Readonly<Record<string, number>> = {
  households: 3,
  visits: 3,
  applications: 2,
  careNeeds: 2,
  attachments: 1,
  conflicts: 2,
};

/**
 * Whether a collection at this version may still hold values of the old format. RxDB's replication
 * bookkeeping (assumed server states, `rx-replication-meta-…`) is migrated with its collection and
 * re-sealed then, but its name does not say which collection it follows, so it reads both formats.
 */
export function readsOldFormat(collectionName: string, version: number): boolean {
  const first = firstBoundVersion[collectionName];
  if (first === undefined) return collectionName.startsWith('rx-replication-meta-') || collectionName.startsWith('rx-migration-state-meta-');
  return version < first;
}

export const visitMigrations: Record<number, Migrate> = {
  // v1 only added optional fields (members present, conditions, health changes, needs found).
  1: (doc) => doc,
  // v2 encrypts findings, conditions and health changes: the storage does it on write.
  2: (doc) => doc,
  // v3 re-seals every value bound to its visit: the storage does it on write.
  3: (doc) => doc,
  // v4 only adds the optional review outcome (复核结论).
  4: (doc) => doc,
};

/**
 * v1 encrypts the money, documents and free-text fields; v2 re-seals them bound to the application;
 * v3 only adds optional fields (programme steps, facts, the benefit after approval); v4 only the
 * optional 码上查 tracking code and its revocation.
 */
export const applicationMigrations: Record<number, Migrate> = { 1: (doc) => doc, 2: (doc) => doc, 3: (doc) => doc, 4: (doc) => doc };

/** v1 encrypts description, plan, referrals and follow-ups; v2 re-seals them bound to the care need. */
export const careNeedMigrations: Record<number, Migrate> = { 1: (doc) => doc, 2: (doc) => doc };

/** v1 encrypts the caption (free text about a person). */
export const attachmentMigrations: Record<number, Migrate> = { 1: (doc) => doc };

/** v1 encrypts the two versions kept of a collision; v2 re-seals them bound to the conflict record. */
export const conflictMigrations: Record<number, Migrate> = { 1: (doc) => doc, 2: (doc) => doc };

/**
 * v1: validity periods instead of years, figures for every programme, per-figure sources. The
 * server's migration 8 converts its copies the same way and re-sends them (the latest period of a
 * county then arrives open-ended), so the pull overwrites what this produced.
 */
export const policyMigrations: Record<number, Migrate> = {
  1: (doc) => policyV1FromV0(doc),
  // v2: the county's choice of a 公示 for 医疗救助, 待配置 (null: no 公示, the usual rule) until it sets one.
  2: (doc) => ({ medicalAidPublicNotice: null, ...doc }),
};
