import type { RxCollection, RxConflictHandler, RxJsonSchema } from 'rxdb/plugins/core';
import { mergeDocuments, sameJson, type JsonObject, type MergeOptions } from '../../../../shared/sync/merge';
import type { SyncedCollection } from '../../../../shared/sync/collections';
import { withDerived, withoutDerived } from '../../../../shared/sync/derivedFields';
import { mergeApplicationHistory } from '../../../../shared/sync/mergeHistory';
import { checkWrite, type Writer } from '../../../../shared/sync/writeCheck';
import { PROVENANCE_FIELDS } from '../../../../shared/sync/writePolicy';

/**
 * A version of a record that lost a collision with the server (此记录在乡镇也被修改过): kept on
 * this laptop, never synced, until a person re-applies or dismisses it in the sync centre.
 */
export interface ConflictRecord {
  id: string;
  /** Not `collection`: RxDB documents have a getter of that name. */
  collectionName: SyncedCollection;
  documentId: string;
  areaCode: string;
  /** Fields both sides changed differently. */
  fields: string[];
  /** The laptop's version that lost, and the server's that won, as JSON. */
  localJson: string;
  remoteJson: string;
  createdAt: number;
  state: 'open' | 'reapplied' | 'dismissed';
}

/**
 * v1 encrypts both versions on the laptop: they hold whole records (ID numbers, diagnoses).
 * v2 binds them to their conflict record (re-sealed by the migration).
 */
export const conflictJsonSchema: RxJsonSchema<ConflictRecord> = {
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 120 },
    collectionName: { type: 'string', maxLength: 40 },
    documentId: { type: 'string', maxLength: 40 },
    areaCode: { type: 'string', maxLength: 12 },
    fields: { type: 'array', items: { type: 'string' } },
    localJson: { type: 'string' },
    remoteJson: { type: 'string' },
    createdAt: { type: 'number', minimum: 0, maximum: 9_999_999_999_999, multipleOf: 1 },
    state: { type: 'string', maxLength: 10 },
  },
  required: ['id', 'collectionName', 'documentId', 'areaCode', 'fields', 'localJson', 'remoteJson', 'createdAt', 'state'],
  indexes: ['createdAt'],
  encrypted: ['localJson', 'remoteJson'],
};

/**
 * An application's status only means something with its history: they never merge apart. When
 * both sides moved it on, the laptop's steps are replayed after the server's if the status
 * machine allows (shared/sync/mergeHistory.ts); otherwise the server's pair wins.
 */
const mergeOptions: Partial<Record<SyncedCollection, MergeOptions>> = {
  applications: {
    atomic: [['status', 'history']],
    mergeGroup: (_group, base, local, remote) => mergeApplicationHistory(base, local, remote),
  },
};

const RX_FIELDS = ['_meta', '_rev', '_attachments'];
const strip = (doc: object): JsonObject =>
  Object.fromEntries(Object.entries(doc).filter(([key]) => !RX_FIELDS.includes(key)));
/**
 * Who wrote a record and when are the server's to set (PROVENANCE_FIELDS): the server's copy of
 * the laptop's own write differs from it there and nowhere else. Two versions that differ only
 * there say the same thing, so RxDB neither writes the server's copy over the laptop's nor sends
 * the laptop's again.
 */
const content = (doc: object): JsonObject =>
  Object.fromEntries(Object.entries(doc).filter(([key]) => !RX_FIELDS.includes(key) && !(PROVENANCE_FIELDS as readonly string[]).includes(key)));

export function mergeForConflict(
  collection: SyncedCollection,
  input: { assumedMasterState?: object | undefined; realMasterState: object; newDocumentState: object },
  writer?: Writer,
) {
  const remote = strip(input.realMasterState);
  const local = strip(input.newDocumentState);
  const base = input.assumedMasterState ? strip(input.assumedMasterState) : undefined;
  // Search entries computed from the members are recomputed after the merge, never merged.
  const [b, l, r] = [base, local, remote].map((doc) => doc && withoutDerived(collection, doc));
  const { merged, collisions } = mergeDocuments(b, l!, r!, mergeOptions[collection]);
  if (writer) keepWhatTheServerWouldRefuse(collection, remote, merged, collisions, writer);
  return { remote, local, merged: withDerived(collection, merged, [remote, local]), collisions };
}

/**
 * A change made offline may no longer be this user's to make once the server's version is known
 * (the household was archived meanwhile, the application submitted): the server would refuse the
 * merged version and the laptop would send it forever. Such fields keep the server's value, and
 * the laptop's goes to the conflict record, where a person sees it.
 */
function keepWhatTheServerWouldRefuse(collection: SyncedCollection, remote: JsonObject, merged: JsonObject, collisions: string[], writer: Writer): void {
  const refused = checkWrite({ collection, previous: { doc: remote, deleted: false }, next: merged, deleted: false, writer });
  for (const { field } of refused) {
    if (remote[field] === undefined) delete merged[field];
    else merged[field] = remote[field];
    if (!collisions.includes(field)) collisions.push(field);
  }
}

/**
 * RxDB's conflict handler for a collection: edits to different fields merge; on a true
 * collision the server's value stands (and `recordConflict` keeps the laptop's version).
 */
export function conflictHandlerFor(collection: SyncedCollection, writer?: Writer): RxConflictHandler<JsonObject> {
  return {
    isEqual: (a, b) => sameJson(content(a), content(b)),
    async resolve(input) {
      return (resolvedVersion(collection, input, writer) ?? input.realMasterState) as typeof input.realMasterState;
    },
  };
}

/**
 * What the laptop writes after a conflict: the merged version, which it then pushes, or null
 * when the server's version stands as it is (nothing of the laptop's is left to send).
 */
export function resolvedVersion(
  collection: SyncedCollection,
  input: { assumedMasterState?: object | undefined; realMasterState: object; newDocumentState: object },
  writer?: Writer,
): (JsonObject & { updatedAt: number }) | null {
  const { remote, local, merged } = mergeForConflict(collection, input, writer);
  const withoutBookkeeping = (doc: JsonObject) => {
    const { updatedAt: _u, updatedBy: _b, _deleted: _d, ...rest } = doc;
    return rest;
  };
  if (sameJson(withoutBookkeeping(merged), withoutBookkeeping(remote))) return null;
  return {
    ...merged,
    updatedAt: Math.max(Number(local['updatedAt'] ?? 0), Number(remote['updatedAt'] ?? 0)) + 1,
    updatedBy: local['updatedBy'] ?? remote['updatedBy'],
    _deleted: (input.realMasterState as { _deleted?: boolean })._deleted,
  };
}

/** Keeps the losing version of a collision where the sync centre shows it. */
export async function recordConflict(
  conflicts: RxCollection<ConflictRecord>,
  collection: SyncedCollection,
  input: { assumedMasterState?: object | undefined; realMasterState: object; newDocumentState: object },
  writer?: Writer,
): Promise<ConflictRecord | null> {
  const { local, remote, collisions } = mergeForConflict(collection, input, writer);
  if (collisions.length === 0) return null;
  return keepConflict(conflicts, collection, local, remote, collisions);
}

/** Keeps one conflict record: the laptop's version beside the server's, and the fields that differ. */
export async function keepConflict(
  conflicts: RxCollection<ConflictRecord>,
  collection: SyncedCollection,
  local: Record<string, unknown>,
  remote: Record<string, unknown>,
  fields: string[],
): Promise<ConflictRecord> {
  const record: ConflictRecord = {
    id: `${collection}:${String(local['id'])}:${String(local['updatedAt'])}`,
    collectionName: collection,
    documentId: String(local['id']),
    areaCode: String(remote['areaCode'] ?? local['areaCode']),
    fields,
    localJson: JSON.stringify(local),
    remoteJson: JSON.stringify(remote),
    createdAt: Date.now(),
    state: 'open',
  };
  await conflicts.upsert(record);
  return record;
}
