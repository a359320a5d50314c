import type { JsonObject } from '../../../../shared/sync/merge';
import type { Workspace } from '../workspace';
import { nextUpdatedAt, writeDocument } from '../writeDocument';

/** Top-level field of a collision path: 'members[m1].name' → 'members'. */
const topField = (path: string) => path.split(/[.[]/)[0] ?? path;

/** Fields a person may not re-apply: an application's status moves only through its steps. */
const NOT_REAPPLIED = new Set(['status', 'history']);

/**
 * 以本机为准: writes the laptop's values of the collided fields over the current record, as a
 * new edit that syncs like any other (and meets the server's rules like any other).
 */
export async function reapplyConflict(workspace: Workspace, conflictId: string): Promise<void> {
  const conflict = await workspace.db.conflicts.findOne(conflictId).exec();
  if (!conflict || conflict.state !== 'open') return;
  const collection = workspace.db[conflict.collectionName];
  const current = await collection.findOne(conflict.documentId).exec();
  const local = JSON.parse(conflict.localJson) as JsonObject;
  // A new record a township relay's county refused left the laptop (relayOutcomes.ts): written again whole.
  const { _deleted: _d, ...gone } = local;
  const doc = (current ? current.toMutableJSON() : gone) as JsonObject & { id: string; updatedAt: number };
  for (const field of new Set(conflict.fields.map(topField))) {
    if (NOT_REAPPLIED.has(field)) continue;
    if (local[field] === undefined) delete doc[field];
    else doc[field] = local[field];
  }
  doc.updatedAt = nextUpdatedAt(doc.updatedAt);
  doc['updatedBy'] = workspace.session.user.id;
  await writeDocument(workspace, conflict.collectionName, doc);
  await conflict.incrementalPatch({ state: 'reapplied' });
}

export async function dismissConflict(workspace: Workspace, conflictId: string): Promise<void> {
  const conflict = await workspace.db.conflicts.findOne(conflictId).exec();
  await conflict?.incrementalPatch({ state: 'dismissed' });
}
