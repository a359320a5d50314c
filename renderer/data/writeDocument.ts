import type { RxCollection } from 'rxdb/plugins/core';
import type { SyncedCollection } from '../../shared/sync/collections';
import type { Workspace } from './workspace';

/**
 * The one way the app writes a synced document: marked as waiting (待同步) first, then stored.
 * A failed write un-marks it; a crash between the two can only over-count, never lose.
 */
export async function writeDocument<T extends { id: string; updatedAt: number }>(
  workspace: Workspace,
  collection: SyncedCollection,
  doc: T,
): Promise<T> {
  workspace.pending.mark(collection, doc.id, doc.updatedAt);
  try {
    await (workspace.db[collection] as unknown as RxCollection<T>).upsert(doc);
  } catch (error) {
    workspace.pending.unmark(collection, doc.id);
    throw error;
  }
  return doc;
}

/** A later `updatedAt` than the stored one, even if the laptop's clock went backwards. */
export function nextUpdatedAt(previous: number | undefined, now = Date.now()): number {
  return Math.max(now, (previous ?? 0) + 1);
}
