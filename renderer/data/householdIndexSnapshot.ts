import type { JiuzhuDatabase } from './database';
import type { HouseholdEntry } from './householdIndex';

/**
 * The household search index saved in the local database, so that opening the app with 30,000
 * households reads one record and the few households changed since, instead of every household
 * (3 s on a township laptop, most of the cold start). It is a cache: losing it, or saving it late,
 * costs one full read at the next start and nothing else, because whatever changed after its
 * checkpoint is read again from the households themselves.
 *
 * It holds only what the households already store plain (names, ID-number hashes, village,
 * groups, dates), in the same database, so 清除本机数据 removes it with everything else.
 */

/** Where the storage's change feed stood when the snapshot was taken (RxDB's storage checkpoint). */
export interface StorageCheckpoint {
  id: string;
  lwt: number;
}

export interface IndexSnapshot {
  checkpoint: StorageCheckpoint | null;
  entries: HouseholdEntry[];
}

const SNAPSHOT_ID = 'household-search-index';
// Bumped whenever HouseholdEntry changes shape: an older snapshot is ignored and rebuilt.
const SNAPSHOT_FORMAT = 2;

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
export async function loadIndexSnapshot(db: JiuzhuDatabase): Promise<IndexSnapshot | null> {
  try {
    const doc = await db.getLocal<StoredSnapshot>(SNAPSHOT_ID);
    const stored = doc?.toJSON().data as StoredSnapshot | undefined;
    if (!stored || stored.format !== SNAPSHOT_FORMAT) return null;
    return { checkpoint: stored.checkpoint, entries: JSON.parse(stored.entries) as HouseholdEntry[] };
  } catch {
    return null;
  }
}

export async function saveIndexSnapshot(db: JiuzhuDatabase, snapshot: IndexSnapshot): Promise<void> {
  const stored: StoredSnapshot = { format: SNAPSHOT_FORMAT, checkpoint: snapshot.checkpoint, entries: JSON.stringify(snapshot.entries) };
  await db.upsertLocal<StoredSnapshot>(SNAPSHOT_ID, stored);
}
