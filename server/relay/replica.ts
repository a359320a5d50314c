import { pulledReferenceCollections, syncedCollections } from '../../shared/wire/collectionNames';
import type { CollectionName } from '../../shared/sync/collections';
import type { SyncCheckpoint } from '../../shared/sync/wire';
import type { Database, Queryable } from '../db/database';
import type { ChangeNotifier } from '../storage/changeNotifier';
import { storeDocuments } from '../storage/documentStore';
import type { Doc } from '../storage/storedWrite';
import type { UpstreamSession } from './upstreamSession';

/** What the relay copies from the central server (areas ship with the program). */
export const replicatedCollections: readonly CollectionName[] = [...syncedCollections, ...pulledReferenceCollections];

const PAGE = 500;

/**
 * Takes every key of the relay's whole township (all its villages), so that only one lock orders a
 * laptop's batch against the settling of what the central server answered (see `settle`).
 */
export async function lockRelay(tx: Queryable): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('jiuzhu-relay'))");
}

type WireDoc = Doc & { id: string; _deleted?: boolean };

const checkpointName = (collection: CollectionName) => `checkpoint:${collection}`;

/**
 * Pulls what changed upstream since the last pull, page by page, each page in one transaction with
 * its checkpoint, so a relay killed mid-pull starts again from the last page it kept. Every version
 * goes into relay_master (what the central server holds); into the served `documents` only where
 * no laptop's batch is waiting for the id — a pending version stays shown until its answer.
 * Returns the collections that changed.
 */
export async function pullUpstream(db: Database, session: UpstreamSession): Promise<CollectionName[]> {
  const changed: CollectionName[] = [];
  for (const collection of replicatedCollections) {
    for (;;) {
      const stored = await db.query<{ value: SyncCheckpoint | null }>('SELECT value FROM relay_state WHERE name = $1', [checkpointName(collection)]);
      const checkpoint = stored[0]?.value ?? null;
      const query = new URLSearchParams({ limit: String(PAGE) });
      if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint));
      const page = (await session.getJson(`/api/v1/sync/${collection}/pull?${query}`)) as { documents: WireDoc[]; checkpoint: SyncCheckpoint | null };
      if (page.documents.length === 0) break;
      await db.transaction(async (tx) => {
        await lockRelay(tx);
        const versions = page.documents.map(({ _deleted, ...doc }) => ({ doc, deleted: _deleted === true }));
        await tx.query(
          `INSERT INTO relay_master (collection, id, data, deleted)
           SELECT $1, v.value->'doc'->>'id', v.value->'doc', (v.value->>'deleted')::boolean FROM jsonb_array_elements($2::jsonb) AS v(value)
           ON CONFLICT (collection, id) DO UPDATE SET data = EXCLUDED.data, deleted = EXCLUDED.deleted`,
          [collection, JSON.stringify(versions)],
        );
        const pending = new Set(
          (await tx.query<{ id: string }>('SELECT DISTINCT id FROM relay_pending WHERE collection = $1 AND id = ANY($2::text[])', [collection, versions.map((v) => v.doc.id)])).map((r) => r.id),
        );
        await storeDocuments(tx, collection, versions.filter((v) => !pending.has(String(v.doc.id))));
        await tx.query(
          'INSERT INTO relay_state (name, value) VALUES ($1, $2::jsonb) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value',
          [checkpointName(collection), JSON.stringify(page.checkpoint)],
        );
      });
      if (!changed.includes(collection)) changed.push(collection);
      if (page.documents.length < PAGE) break;
    }
  }
  return changed;
}

/**
 * After answers came back: every served document that no batch is waiting for any more, and that
 * is not what the central server holds, becomes the central server's version again (a conflict or
 * a refusal undoes the pending version at every laptop of the station; a stored one is replaced by
 * the version the central server stored, provenance and all). A pending version of a document the
 * central server never had is withdrawn as deleted. Returns the collections that changed.
 */
export async function settle(db: Database): Promise<CollectionName[]> {
  return db.transaction(async (tx) => {
    await lockRelay(tx);
    const stale = await tx.query<{ collection: CollectionName; id: string; master: Doc | null; master_deleted: boolean | null; data: Doc }>(
      `SELECT d.collection, d.id, m.data AS master, m.deleted AS master_deleted, d.data
         FROM documents d
         LEFT JOIN relay_master m ON m.collection = d.collection AND m.id = d.id
        WHERE NOT EXISTS (SELECT 1 FROM relay_pending p WHERE p.collection = d.collection AND p.id = d.id)
          AND (m.id IS NULL AND NOT d.deleted OR m.data IS DISTINCT FROM d.data AND m.id IS NOT NULL OR m.deleted IS DISTINCT FROM d.deleted AND m.id IS NOT NULL)`,
    );
    const byCollection = new Map<CollectionName, { doc: Doc; deleted: boolean }[]>();
    for (const row of stale) {
      const list = byCollection.get(row.collection) ?? [];
      list.push(row.master ? { doc: row.master, deleted: row.master_deleted === true } : { doc: row.data, deleted: true });
      byCollection.set(row.collection, list);
    }
    for (const [collection, writes] of byCollection) await storeDocuments(tx, collection, writes);
    return [...byCollection.keys()];
  });
}

/** Tells the relay's open laptop streams about changed collections (after the commit). */
export async function announce(notifier: ChangeNotifier, collections: readonly CollectionName[]): Promise<void> {
  for (const collection of collections) await notifier.notify(collection).catch(() => undefined);
}
