import { createHmac } from 'node:crypto';
import { padAreaCode, townshipsIn } from '../../shared/areas';
import { scopePrefix, type Role } from '../../shared/auth/roles';
import { ID_HASH_BYTES, normalizeIdNumber, townshipOf } from '../../shared/domain/idHash';
import { sameJson } from '../../shared/sync/merge';
import { recordAudit, type AuditEntry } from '../audit/auditLog';
import { changedFieldNames } from '../storage/documentAudit';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../http/errors';
import { notifyChange } from '../storage/changeNotifier';
import { documentsInArea, storeDocuments } from '../storage/documentStore';
import type { DeriveFields, Doc, StoredWrite } from '../storage/storedWrite';

/**
 * ID-number search keys, one per township and key version, derived from the server's root secret
 * (`id_search_root`, which never leaves the server). A user is given the keys of the townships in
 * their scope; a household's `idHashes` are computed here, on every push, with its township's key.
 * Rotating a township's key (`search-keys rotate`) moves its version on and re-computes the hashes
 * of all its households in one transaction.
 */

/** A township never rotated is at this version (it has no row in `search_key_versions`). */
export const FIRST_KEY_VERSION = 1;
/** Migration 7 entered townships whose hashes were made with the retired deployment-wide key at 0. */
const RETIRED_KEY_VERSION = 0;
const TOWNSHIP_CODE = /^\d{9}$/;
/** First key of the advisory locks on townships' key versions (two-int key space; the second is the township code). */
const TOWNSHIP_LOCK_SPACE = 7164002;

/** One township's key at one version. */
export function townshipSearchKey(root: string, township: string, version: number): string {
  return createHmac('sha256', root).update(`idsearch:${township}:v${version}`).digest('base64url');
}

/**
 * shared/domain/idHash.ts's `hashIdNumber` with node:crypto: synchronous and quick, for a rotation
 * that hashes every member of a township (tests/server/searchKeys.test.ts checks they agree).
 */
export function idNumberHash(key: string, idNumber: string): string {
  return createHmac('sha256', key).update(normalizeIdNumber(idNumber)).digest().subarray(0, ID_HASH_BYTES).toString('base64url');
}

/** The townships whose keys a user is given: their own, their county's, the city's; an admin none. */
export function townshipsOfUser(role: Role, areaCode: string): string[] {
  if (role === 'admin') return [];
  const scope = scopePrefix(role, areaCode);
  if (scope.length >= 9) return [scope.slice(0, 9)];
  return townshipsIn(scope).map((township) => township.code);
}

/** Each township's current key version. */
async function keyVersions(db: Queryable, townships: readonly string[]): Promise<Map<string, number>> {
  const versions = new Map(townships.map((township) => [township, FIRST_KEY_VERSION]));
  if (townships.length === 0) return versions;
  const rows = await db.query<{ township: string; version: number }>(
    'SELECT township, version FROM search_key_versions WHERE township = ANY($1::text[])',
    [townships],
  );
  for (const row of rows) versions.set(row.township, row.version);
  return versions;
}

/** The current keys of the townships, by township code. */
export async function currentSearchKeys(db: Queryable, root: string, townships: readonly string[]): Promise<Record<string, string>> {
  const versions = await keyVersions(db, townships);
  return Object.fromEntries([...versions].map(([township, version]) => [township, townshipSearchKey(root, township, version)]));
}

/** What the login and refresh answers carry: the current keys of the townships in the user's scope. */
export function searchKeysOfUser(db: Queryable, root: string, user: { role: Role; areaCode: string }): Promise<Record<string, string>> {
  return currentSearchKeys(db, root, townshipsOfUser(user.role, user.areaCode));
}

/**
 * Locks townships' key versions until commit: shared by pushes (any number at once), exclusive
 * for a rotation, so no household is stored with hashes under a version a rotation has just
 * replaced. Taken in sorted order in one statement, as the document locks are.
 */
async function lockTownships(tx: Queryable, townships: readonly string[], mode: 'shared' | 'exclusive'): Promise<void> {
  const keys = [...new Set(townships)].filter((t) => TOWNSHIP_CODE.test(t)).map(Number).sort((a, b) => a - b);
  if (keys.length === 0) return;
  const lock = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  await tx.query(
    `SELECT count(${lock}($1::int, k))
       FROM (SELECT k FROM unnest($2::int[]) WITH ORDINALITY AS t(k, n) ORDER BY n) AS sorted`,
    [TOWNSHIP_LOCK_SPACE, keys],
  );
}

type Member = { name?: unknown; idNumber?: unknown };

/** The most members whose search fields a household can carry (`idHashes` and `memberNames` hold 40 in the shared schema). */
const MAX_SEARCH_ENTRIES = 40;

/** The household with its search fields computed from its members: names in member order, and each ID number's hash. */
export function withSearchFields(doc: Doc, key: string): Doc {
  const members = (Array.isArray(doc['members']) ? doc['members'] : []) as Member[];
  if (members.length > MAX_SEARCH_ENTRIES) {
    throw new HttpError(422, 'requirements_not_met', `一户家庭成员不超过${MAX_SEARCH_ENTRIES}人；本批次未保存`, {
      ids: [String(doc['id'])],
      problems: [{ id: String(doc['id']), field: 'members', message: `一户家庭成员不超过${MAX_SEARCH_ENTRIES}人` }],
    });
  }
  return {
    ...doc,
    memberNames: members.map((member) => String(member.name ?? '')),
    idHashes: members.map((member) => idNumberHash(key, String(member.idNumber ?? ''))),
  };
}

/**
 * The households' derived fields, for `PushRules.derive`: every pushed household gets the
 * `memberNames` and `idHashes` its members give under its township's current key, whatever the
 * laptop sent there (an honest laptop sent the same).
 */
export function deriveHouseholdFields(root: string): DeriveFields {
  return async (tx, docs) => {
    const townships = [...new Set(docs.map((doc) => townshipOf(String(doc['areaCode'] ?? ''))))].filter((t) => TOWNSHIP_CODE.test(t));
    await lockTownships(tx, townships, 'shared');
    const keys = await currentSearchKeys(tx, root, townships);
    return (doc) => {
      const township = townshipOf(String(doc['areaCode'] ?? ''));
      return Object.hasOwn(keys, township) ? withSearchFields(doc, keys[township]!) : doc;
    };
  };
}

export interface Rotation {
  township: string;
  /** The township's key version from now on. */
  version: number;
  /** Households stored again with hashes under the new key. */
  households: number;
}

/**
 * Rotates a township's key: its version moves on by one and every household of the township is
 * stored again (a new change, so pulls and streams deliver it) with `idHashes` under the new key,
 * in one transaction, audited as the system's; then every server process is told (NOTIFY). The
 * old key finds nothing any more once laptops have the new versions; a laptop gets the new key
 * at its next sign-in or token refresh. `onlyFrom`: rotate only a township still at that version
 * (the start's re-hashing after migration 7), else return null.
 */
export async function rotateSearchKey(
  db: Database,
  root: string,
  township: string,
  options: { reason?: 'rotation' | 'retired_key'; onlyFrom?: number } = {},
): Promise<Rotation | null> {
  if (!TOWNSHIP_CODE.test(township)) throw new Error(`乡镇区划代码应为9位数字 (a township code has 9 digits): ${township}`);
  const rotation = await db.transaction(async (tx) => {
    await lockTownships(tx, [township], 'exclusive');
    const held = (await keyVersions(tx, [township])).get(township) ?? FIRST_KEY_VERSION;
    if (options.onlyFrom !== undefined && held !== options.onlyFrom) return null;
    const version = held + 1;
    await tx.query(
      `INSERT INTO search_key_versions (township, version) VALUES ($1, $2)
       ON CONFLICT (township) DO UPDATE SET version = EXCLUDED.version, rotated_at = now()`,
      [township, version],
    );
    const key = townshipSearchKey(root, township, version);
    const rows = await documentsInArea(tx, 'households', township);
    const writes: StoredWrite[] = rows
      .map((row) => ({ doc: withSearchFields(row.data, key), deleted: row.deleted, previous: { data: row.data, deleted: row.deleted } }))
      .filter((write) => !sameJson(write.doc, write.previous.data));
    const reason = options.reason ?? 'rotation';
    const system = { userId: null, deviceId: null, role: 'system', areaCode: padAreaCode(township) } as const;
    const entries: AuditEntry[] = writes.map((write) => ({
      ...system,
      action: 'change',
      collection: 'households',
      documentId: String(write.doc['id']),
      areaCode: String(write.doc['areaCode']),
      details: { fields: changedFieldNames(write.previous, write), reason: 'search_key_rotation' },
    }));
    entries.push({ ...system, action: 'rotate_search_key', details: { township, version, households: writes.length, reason } });
    await recordAudit(tx, entries);
    // Last: the collection's lock (numbering) is held only while storing and committing.
    await storeDocuments(tx, 'households', writes.map(({ doc, deleted }) => ({ doc, deleted })));
    return { township, version, households: writes.length };
  });
  if (rotation && rotation.households > 0) await notifyChange(db, 'households').catch(() => undefined);
  return rotation;
}

/**
 * After migration 7: the townships whose hashes were made with the retired deployment-wide key
 * are rotated to their first own key (each in its own transaction; a second process starting at
 * the same time finds them done). Returns the townships it rotated.
 */
export async function rehashRetiredKeys(db: Database, root: string): Promise<Rotation[]> {
  const rows = await db.query<{ township: string }>('SELECT township FROM search_key_versions WHERE version = $1 ORDER BY township', [
    RETIRED_KEY_VERSION,
  ]);
  const done: Rotation[] = [];
  for (const { township } of rows) {
    const rotation = await rotateSearchKey(db, root, township, { reason: 'retired_key', onlyFrom: RETIRED_KEY_VERSION });
    if (rotation) done.push(rotation);
  }
  return done;
}
