import type { JiuzhuDatabase } from './database';
import { seal, unseal } from './keys/sealing';

/**
 * The in-memory indexes (households' plain fields, visits' dates) saved in the local database, so
 * that opening the app with 30,000 households and 100,000 visits reads one record per index and the
 * few records changed since, instead of every record (3 s on a township laptop for the households
 * alone, most of the cold start). A snapshot is a cache: losing it, or saving it late, costs one
 * full read at the next start and nothing else, because whatever changed after its checkpoint is
 * read again from the records themselves.
 *
 * It holds members' names and ID-number hashes (the search needs them), so it is sealed like the
 * records' own fields: AES-GCM under a key derived from the database's password, bound to its slot.
 * It lives in the same database, so 清除本机数据 removes it with everything else.
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
  /** JSON of the entries, sealed: one string reads (and opens) far faster than 30,000 objects. */
  sealed: string;
}

const keys = new Map<string, Promise<CryptoKey>>();

/** The snapshots' key: HKDF of the database password (itself a hash of the random data key), never stored. */
function snapshotKey(db: JiuzhuDatabase): Promise<CryptoKey> {
  const password = String(db.password);
  let key = keys.get(password);
  if (!key) {
    key = (async () => {
      const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'HKDF', false, ['deriveKey']);
      return crypto.subtle.deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode('jiuzhu-index-snapshot:v1') },
        base,
        { name: 'AES-GCM', length: 256 },
        false,
        ['encrypt', 'decrypt'],
      );
    })();
    keys.set(password, key);
  }
  return key;
}

const contextOf = (slot: SnapshotSlot) => `${slot.id}:${slot.format}`;

/** Later in the storage's change order (last write time, then id). */
export function isAfter(a: StorageCheckpoint, b: StorageCheckpoint | null): boolean {
  return !b || a.lwt > b.lwt || (a.lwt === b.lwt && a.id > b.id);
}

/** The saved snapshot, or null when there is none usable (none yet, another format, unreadable). */
export async function loadSnapshot<Entry>(db: JiuzhuDatabase, slot: SnapshotSlot): Promise<IndexSnapshot<Entry> | null> {
  try {
    const doc = await db.getLocal<StoredSnapshot>(slot.id);
    const stored = doc?.toJSON().data as StoredSnapshot | undefined;
    if (!stored || stored.format !== slot.format || typeof stored.sealed !== 'string') return null;
    const entries = await unseal(await snapshotKey(db), stored.sealed, contextOf(slot));
    return entries === null ? null : { checkpoint: stored.checkpoint, entries: JSON.parse(entries) as Entry[] };
  } catch {
    return null;
  }
}

export async function saveSnapshot<Entry>(db: JiuzhuDatabase, slot: SnapshotSlot, snapshot: IndexSnapshot<Entry>): Promise<void> {
  const sealed = await seal(await snapshotKey(db), JSON.stringify(snapshot.entries), contextOf(slot));
  const stored: StoredSnapshot = { format: slot.format, checkpoint: snapshot.checkpoint, sealed };
  await db.upsertLocal<StoredSnapshot>(slot.id, stored);
}

