import type { JiuzhuDatabase } from './database';

/**
 * The in-memory indexes (households' plain fields, visits' dates) saved in the local database, so
 * that opening the app with 30,000 households and 100,000 visits reads one record per index and the
 * few records changed since, instead of every record (3 s on a township laptop for the households
 * alone, most of the cold start). A snapshot is a cache: losing it, or saving it late, costs one
 * full read at the next start and nothing else, because whatever changed after its checkpoint is
 * read again from the records themselves.
 *
 * It holds only what the records already store plain (names, ID-number hashes, village, groups,
 * dates), in the same database, so 清除本机数据 removes it with everything else.
 */

/** Where the storage's change feed stood when the snapshot was taken (RxDB's storage checkpoint). */
export interface StorageCheckpoint {
  id: string;
  lwt: number;
}

export interface IndexSnapshot<Entry> {
  checkpoint: StorageCheckpoint | null;
  entries: Entry[];
}

/** Where one index's snapshot is kept, and the shape of its entries. */
export interface SnapshotSlot {
  /** The local document's id. */
  id: string;
  /** Bumped whenever the entries change shape: an older snapshot is ignored and rebuilt. */
  format: number;
}

interface StoredSnapshot {
  format: number;
  checkpoint: StorageCheckpoint | null;
  /** JSON of the entries: one string reads back far faster than 30,000 objects. */
  entries: string;
}

/** Later in the storage's change order (last write time, then id). */
export function isAfter(a: StorageCheckpoint, b: StorageCheckpoint | null): boolean {
  return !b || a.lwt > b.lwt || (a.lwt === b.lwt && a.id > b.id);
}

/** The saved snapshot, or null when there is none usable (none yet, another format, unreadable). */
export async function loadSnapshot<Entry>(db: JiuzhuDatabase, slot: SnapshotSlot): Promise<IndexSnapshot<Entry> | null> {
  try {
    const doc = await db.getLocal<StoredSnapshot>(slot.id);
    const stored = doc?.toJSON().data as StoredSnapshot | undefined;
    if (!stored || stored.format !== slot.format) return null;
    return { checkpoint: stored.checkpoint, entries: JSON.parse(stored.entries) as Entry[] };
  } catch {
    return null;
  }
}

export async function saveSnapshot<Entry>(db: JiuzhuDatabase, slot: SnapshotSlot, snapshot: IndexSnapshot<Entry>): Promise<void> {
  const stored: StoredSnapshot = { format: slot.format, checkpoint: snapshot.checkpoint, entries: JSON.stringify(snapshot.entries) };
  await db.upsertLocal<StoredSnapshot>(slot.id, stored);
}

