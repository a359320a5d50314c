import type { Caller } from '../auth/caller';
import { actor, type AuditEntry } from './auditLog';

/** How a caller came to see documents: a pull page, a live stream event, or a push's conflict answer. */
export type ViewChannel = 'pull' | 'stream' | 'conflicts';

/**
 * The ids of the documents in an answer. Ids are random keys, not personal data, so the log can
 * say *which* household or application a user saw without holding a copy of any value.
 */
export function viewedDocumentIds(documents: readonly Record<string, unknown>[]): string[] {
  return documents.map((doc) => doc['id']).filter((id): id is string => typeof id === 'string');
}

/**
 * One 'view' entry per answer that carries documents. The ids go in `details.documentIds` (not the
 * `documentId` column, which names one document): `queryAudit` finds the entry by any of them.
 */
export function viewAuditEntry(caller: Caller, collection: string, documentIds: string[], via: ViewChannel): AuditEntry {
  return { ...actor(caller), action: 'view', collection, details: { count: documentIds.length, via, documentIds } };
}
