import { sameJson } from '../../shared/sync/merge';
import { actor, type AuditEntry } from '../audit/auditLog';
import type { Caller } from '../auth/caller';
import type { StoredWrite } from './storedWrite';

/**
 * Names of the top-level fields that differ between the stored and the new version (`_deleted`
 * when the deletion flag moved). Only top-level names: they come from the schema, whereas keys
 * deeper down could in principle carry data.
 */
export function changedFieldNames(previous: StoredWrite['previous'], write: Pick<StoredWrite, 'doc' | 'deleted'>): string[] {
  const before = previous?.data ?? {};
  const names = new Set([...Object.keys(before), ...Object.keys(write.doc)]);
  const changed = [...names].filter((name) => !sameJson(before[name], write.doc[name]));
  if ((previous?.deleted ?? false) !== write.deleted) changed.push('_deleted');
  return changed.sort();
}

/** One entry per stored document: `create` when the server had no version of it, else `change`. */
export function pushAuditEntries(caller: Caller, collection: string, writes: StoredWrite[]): AuditEntry[] {
  return writes.map((write) => ({
    ...actor(caller),
    action: write.previous ? 'change' : 'create',
    collection,
    documentId: String(write.doc['id']),
    areaCode: String(write.doc['areaCode']),
    details: { fields: changedFieldNames(write.previous, write) },
  }));
}
