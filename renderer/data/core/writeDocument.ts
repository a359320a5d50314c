import type { RxCollection } from 'rxdb/plugins/core';
import type { SyncedCollection } from '../../../shared/sync/collections';
import { checkWrite } from '../../../shared/sync/writeCheck';
import { WriteRefusedError } from './refusals';
import type { Workspace } from './workspace';

export { WriteRefusedError };

/**
 * The one way the app writes a synced document: checked against the write policy as the server
 * will check it, marked as waiting (待同步), then stored. A failed write un-marks it; a crash
 * between the two can only over-count, never lose.
 */
export async function writeDocument<T extends { id: string; updatedAt: number }>(
  workspace: Workspace,
  collection: SyncedCollection,
  doc: T,
): Promise<T> {
  const rx = workspace.db[collection] as unknown as RxCollection<T>;
  const previous = await rx.findOne(doc.id).exec();
  const { user } = workspace.session;
  const problems = checkWrite({
    collection,
    previous: previous ? { doc: previous.toJSON() as Record<string, unknown>, deleted: false } : null,
    next: doc,
    deleted: false,
    writer: { role: user.role, userId: user.id },
  });
  if (problems.length > 0) throw new WriteRefusedError(problems);
  workspace.pending.mark(collection, doc.id, doc.updatedAt);
  try {
    await rx.upsert(doc);
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
