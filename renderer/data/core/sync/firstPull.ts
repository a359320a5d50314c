import type { RxCollection, RxDocumentData, RxStorageBulkWriteResponse, RxStorageInstance } from 'rxdb/plugins/core';
import type { SyncedCollection } from '../../../../shared/sync/collections';
import type { PullResponse, SyncCheckpoint } from '../../../../shared/sync/wire';
import type { PulledPageInfo } from './firstSyncProgress';
import type { SyncClient } from './syncClient';

/**
 * A township's first sync without RxDB's replication bookkeeping (issue 15). RxDB's protocol
 * stores every pulled document twice — the document, and a full copy as its "assumed master
 * state" — and reads each three times; on a laptop's first sync that is most of the time
 * (ARCHITECTURE.md, "The first sync"). Here an empty collection is filled straight from the
 * server's pages: each document written once, marked as the server's own copy the way RxDB's
 * downstream marks what it pulls (`_meta.o`), with a last-write time that no local write can
 * have (`FIRST_PULL_LWT`). RxDB's replication then starts from where this ended:
 * - its pull from the server checkpoint reached here;
 * - its push from after every document written here (they are the server's own: nothing to send),
 *   while anything the person wrote meanwhile has a real time and is sent;
 * - a later pull of a newer version replaces the copy (RxDB trusts `_meta.o`);
 * - a person's first change to such a copy first records it as the assumed server state
 *   (`masterCopyGuard.ts`), so the push carries it exactly as after RxDB's own pull.
 * The first failure (offline, refused) hands over to RxDB's replication from the last stored
 * page, which retries and pulls the rest its usual way.
 */

/** `_meta.lwt` of a document as the first pull stored it: before any write the storage stamps. */
export const FIRST_PULL_LWT = 1;
/** Big pages: the first sync is bulk work (the server's maximum; a village's later pulls stay small). */
export const FIRST_PULL_BATCH = 1000;
/**
 * The very first page is small: stored in a fraction of a big one's time, so the first households
 * can be found and opened soon after signing in (`first_village_usable_s`) while the rest comes.
 */
export const FIRST_PULL_FIRST_PAGE = 200;
/** The push checkpoint that passes over every first-pull copy (Dexie's `[_meta.lwt+id]` order). */
export const AFTER_FIRST_PULL_COPIES = { id: '\uffff', lwt: FIRST_PULL_LWT } as const;
const WRITE_CONTEXT = 'jiuzhu-first-pull';

/** What the first pull of a collection left, kept in the database itself (a local document). */
export interface FirstPullRecord {
  /** The server checkpoint after the last stored page. */
  checkpoint: SyncCheckpoint | null;
  /** Every page stored: RxDB's replication carries on from `checkpoint`. */
  done: boolean;
}

/** Local documents are RxDB's; their collection is typed loosely. */
interface LocalDocs {
  getLocal(id: string): Promise<{ toJSON(): { data: unknown } } | null>;
  upsertLocal(id: string, data: object): Promise<unknown>;
}

const recordIdOf = (name: SyncedCollection, replicationIdentifier: string) => `firstPull-${name}-${replicationIdentifier}`;

/**
 * Where RxDB's replication of this collection starts: null when the collection was not filled by
 * a first pull (its own bookkeeping then says).
 */
export async function readFirstPull(db: LocalDocs, name: SyncedCollection, replicationIdentifier: string): Promise<FirstPullRecord | null> {
  const found = await db.getLocal(recordIdOf(name, replicationIdentifier));
  return found ? (found.toJSON().data as FirstPullRecord) : null;
}

/**
 * Whether a first pull of this collection may still write copies: one started and has neither
 * stored its last page nor handed over to RxDB (it may resume at the next start). Copies all carry
 * the same write time (FIRST_PULL_LWT), so until then the storage's change order (last write time,
 * then id) does not say which of them were written after a given point: the in-memory indexes
 * (plainIndex.ts) then save no position in that order for their snapshots.
 */
export async function firstPullMayWrite(db: LocalDocs, name: string): Promise<boolean> {
  const found = await db.getLocal(runningIdOf(name));
  return (found?.toJSON().data as { running?: unknown } | undefined)?.running === true;
}

/** Sets what `firstPullMayWrite` says (kept in the database: a pull interrupted by a crash still counts). */
export async function markFirstPullRunning(db: LocalDocs, name: string, running: boolean): Promise<void> {
  await db.upsertLocal(runningIdOf(name), { running });
}

const runningIdOf = (name: string) => `firstPull-running-${name}`;

/** RxDB's replication carries on from the record (after a failed page): no first pull any more. */
export async function markHandedOver(db: LocalDocs, name: SyncedCollection, replicationIdentifier: string, record: FirstPullRecord): Promise<void> {
  await db.upsertLocal(recordIdOf(name, replicationIdentifier), { ...record, done: true });
  await markFirstPullRunning(db, name, false);
}

/**
 * The marks RxDB's downstream gives a document it pulled: a revision of the replication's own and
 * `_meta.o` naming it at that height (RxDB then knows it untouched since), with the first pull's
 * write time.
 */
function asServerCopy(doc: Record<string, unknown>, height: number, identifierHash: string): StoredDoc {
  return {
    ...(doc as { id: string }),
    _deleted: Boolean(doc._deleted),
    _attachments: {},
    _rev: `${height}-${identifierHash}`,
    _meta: { lwt: FIRST_PULL_LWT, o: { _rev: height, hash: identifierHash } } as never,
  };
}

type StoredDoc = RxDocumentData<{ id: string }>;
type Storage = RxStorageInstance<{ id: string }, unknown, unknown>;

export interface FirstPullInput {
  name: SyncedCollection;
  collection: RxCollection;
  db: LocalDocs;
  client: SyncClient;
  /** RxDB's replication identifier of this collection: its hash marks the copies as the server's. */
  replicationIdentifier: string;
  onPage?: ((page: PulledPageInfo) => void) | undefined;
  /** Told after each stored page (the sync indicator's "last synced"). */
  onStored?: () => void;
  /** Stops between pages (the workspace is closing). */
  stopped: () => boolean;
}

/**
 * Fills an empty collection from the server, or carries on a first pull an earlier start left
 * unfinished. Returns what RxDB's replication should start from (null: the collection was not
 * empty and never first-pulled — RxDB does it all). Throws what a page throws: the caller then
 * starts RxDB's replication from the record, which is stored after every page.
 */
export async function runFirstPull(input: FirstPullInput): Promise<FirstPullRecord | null> {
  const { name, collection, db, client, replicationIdentifier } = input;
  const recordId = recordIdOf(name, replicationIdentifier);
  let record = await readFirstPull(db, name, replicationIdentifier);
  if (record?.done) return record;
  if (!record) {
    if ((await collection.count().exec()) > 0) return null;
    record = { checkpoint: null, done: false };
  }
  await markFirstPullRunning(db, name, true);
  const storage = collection.internalStorageInstance as Storage;
  const identifierHash = await collection.database.hashFunction(`rxdbreplication${replicationIdentifier}`);
  const limitAfter = (checkpoint: SyncCheckpoint | null) => (checkpoint === null ? FIRST_PULL_FIRST_PAGE : FIRST_PULL_BATCH);
  const fetchPage = (checkpoint: SyncCheckpoint | null) => {
    const page = client.pull<Record<string, unknown>>(name, checkpoint, limitAfter(checkpoint));
    // A page fetched ahead is awaited below, or dropped when the workspace closes: never unhandled.
    page.catch(() => undefined);
    return page;
  };
  let checkpoint = record.checkpoint;
  let next: Promise<PullResponse<Record<string, unknown>>> = fetchPage(checkpoint);
  for (;;) {
    const page = await next;
    if (input.stopped()) return record;
    const limit = limitAfter(checkpoint);
    const last = page.documents.length < limit;
    const after = page.checkpoint ?? checkpoint;
    // The next page travels while this one is stored.
    if (!last) next = fetchPage(after);
    input.onPage?.({ fromStart: checkpoint === null, documents: page.documents.length, total: page.total, batchSize: limit });
    await storePage(storage, page.documents, identifierHash);
    checkpoint = after;
    record = { checkpoint, done: last };
    await db.upsertLocal(recordId, record);
    input.onStored?.();
    if (last) {
      await markFirstPullRunning(db, name, false);
      return record;
    }
  }
}

/**
 * Writes a page as new documents. One already here came in an earlier page (it changed on the
 * server meanwhile) or before a restart: its copy is replaced while still untouched; one the
 * person has changed since stays as they left it — RxDB's pull then brings the server's version
 * and its conflict handling decides, as for any change made offline.
 */
async function storePage(storage: Storage, docs: Record<string, unknown>[], identifierHash: string): Promise<void> {
  if (docs.length === 0) return;
  const first = await storage.bulkWrite(docs.map((doc) => ({ document: asServerCopy(doc, 1, identifierHash) })), WRITE_CONTEXT);
  const clashes = failuresOf(first);
  if (clashes.length === 0) return;
  const byId = new Map(docs.map((doc) => [doc.id as string, doc]));
  const rows = clashes.flatMap((clash) => {
    const held = clash.documentInDb;
    const incoming = byId.get(clash.documentId);
    if (!held || !incoming || held._meta.lwt !== FIRST_PULL_LWT) return [];
    return [{ previous: held, document: asServerCopy(incoming, heightOf(held._rev) + 1, identifierHash) }];
  });
  // A copy the person changed between the read and this write stays theirs (see above).
  if (rows.length > 0) failuresOf(await storage.bulkWrite(rows, WRITE_CONTEXT));
}

const heightOf = (revision: string) => Number(revision.split('-')[0]);

/** The write's clashes with what is stored; anything else is a failure that stops the first pull. */
function failuresOf(result: RxStorageBulkWriteResponse<{ id: string }>): { documentId: string; documentInDb?: StoredDoc }[] {
  const failed = result.error.find((error) => error.status !== 409);
  if (failed) throw new Error(`first pull: a document could not be stored (${failed.status})`);
  return result.error as { documentId: string; documentInDb?: StoredDoc }[];
}
