import type { SyncedCollection } from '../../shared/sync/collections';
import type { PushResponse } from '../../shared/sync/wire';
import { recordAudit, type AuditEntry } from '../audit/auditLog';
import { viewAuditEntry, viewedDocumentIds } from '../audit/viewAudit';
import type { Caller } from '../auth/caller';
import type { Database } from '../db/database';
import type { ServerMetrics } from '../metrics/serverMetrics';
import type { ChangeNotifier } from '../storage/changeNotifier';
import { pushAuditEntries } from '../storage/documentAudit';
import { pushChanges } from '../storage/documentStore';
import type { StoredWrite } from '../storage/storedWrite';
import { validatePushBody } from './validateDocuments';
import { pushRulesFor } from './writeGuards';

export interface PushDeps {
  db: Database;
  notifier: ChangeNotifier;
  searchKeyRoot: string;
  metrics: ServerMetrics;
}

export interface PushParties {
  /** Whose push it is: their scope, their write policy, their name on what is stored. */
  author: Caller;
  /** Who receives the answer (the conflicts' masters): the author, or the relay that forwarded it. */
  receiver: Caller;
  /** Further audit entries of a batch that stored something, written in its transaction. */
  alsoAudit?: (writes: StoredWrite[]) => AuditEntry[];
}

/**
 * One push batch, from body to answer: validated in the author's scope, stored under the author's
 * write rules in one transaction with its audit entries, streams woken, counted. The author's own
 * `POST /sync/:collection/push` and a township relay's forward of that author's signed batch
 * (server/relayService/) both go through here, so a forwarded batch is stored exactly as if the
 * laptop had pushed it.
 */
export async function storePush(deps: PushDeps, collection: SyncedCollection, body: unknown, parties: PushParties): Promise<PushResponse<Record<string, unknown>>> {
  const { db, notifier, searchKeyRoot, metrics } = deps;
  const { author, receiver, alsoAudit } = parties;
  const rows = validatePushBody(collection, body, author.scope);
  const outcome = await pushChanges(db, collection, author.scope, rows, {
    ...pushRulesFor(collection, author, searchKeyRoot),
    afterWrite: (tx, writes) => recordAudit(tx, [...pushAuditEntries(author, collection, writes), ...(alsoAudit?.(writes) ?? [])]),
  });
  if (outcome.written > 0) await notifier.notify(collection).catch(() => undefined);
  for (const other of outcome.alsoStored) await notifier.notify(other).catch(() => undefined);
  // The conflicts' masters went to whoever receives the answer: their 'view' entry names them.
  const seen = viewedDocumentIds(outcome.conflicts);
  if (seen.length > 0) await recordAudit(db, [viewAuditEntry(receiver, collection, seen, 'conflicts')]);
  metrics.pushed(collection, author.areaCode, rows.map((row) => Number(row.doc['updatedAt'])), outcome.conflicts.length);
  return { conflicts: outcome.conflicts };
}
