import { isInScope } from '../../shared/auth/roles';
import type { AuditEntry } from '../audit/auditLog';
import type { ViewChannel } from '../audit/viewAudit';
import type { CollectionName, SyncedCollection } from '../../shared/sync/collections';
import type { PullResponse, SyncCheckpoint, WireDocument } from '../../shared/sync/wire';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../http/errors';
import { sameContent, sameDerived, stampProvenance } from './provenance';
import type { Doc, HeldVersion, IncomingRow, PushRules, StoredWrite } from './storedWrite';

interface DocumentRow {
  id: string;
  area_code: string;
  data: Doc;
  deleted: boolean;
  seq: number;
}

const toWire = (row: Pick<DocumentRow, 'data' | 'deleted'>): WireDocument<Doc> => ({ ...row.data, _deleted: row.deleted });

/**
 * A page of changes as the server sends it: each document's JSON text as PostgreSQL hands it
 * over, never parsed and serialised again here (a township's first pull is 30,000 of them).
 */
export interface PulledPage {
  /** Wire documents (`_deleted` included) as JSON text, oldest first. */
  texts: string[];
  ids: string[];
  checkpoint: SyncCheckpoint | null;
  /** With `withTotal`: how many documents the scope holds (COUNT_IN_SCOPE), read by the page's own statement. */
  total?: number;
}

/** A stored document's JSON text with `_deleted` added, as `toWire` gives it. */
function wireText(dataText: string, deleted: boolean): string {
  const inner = dataText.slice(1, -1).trim();
  return `{${inner}${inner ? ',' : ''}"_deleted":${deleted}}`;
}

/**
 * The answer to a pull: `{"documents":[…],"checkpoint":…}`, and on a pull from the start the
 * `total` the pages will carry (`countInScope`), for the app's first-sync progress.
 */
export function pulledPageJson(page: PulledPage, total?: number): string {
  const counted = total === undefined ? '' : `,"total":${total}`;
  return `{"documents":[${page.texts.join(',')}],"checkpoint":${JSON.stringify(page.checkpoint)}${counted}}`;
}

/**
 * How many documents of a collection lie in a scope, deleted ones included: what pages followed
 * from the start carry (one per document, each in its latest version, unless it changes meanwhile).
 * Counted once per pull from the start, never per page, so a county's first sync pays for it once
 * — by the first page's own statement (`pullChanges`' `withTotal`), no round trip of its own.
 */
const COUNT_IN_SCOPE = 'SELECT count(*)::int AS n FROM documents WHERE collection = $1 AND area_code LIKE $3';

/** Who is shown a page, for its audit entry (see `viewAuditEntry`): recorded by the pull's own statement. */
export interface PageViewer {
  actor: Pick<AuditEntry, 'userId' | 'deviceId' | 'role' | 'areaCode'>;
  via: ViewChannel;
}

/**
 * Changes of one collection after a checkpoint, within a scope, oldest first. Sequence numbers
 * are handed out under a per-collection lock that is held until commit (see `storeDocuments`),
 * so a change with a lower number can never become visible after one with a higher number: a
 * pull that has passed a number has seen everything below it. The lock is taken as the last
 * step of a transaction, so pushes overlap in everything but numbering, inserting and commit.
 *
 * With a viewer, the same statement appends the page's 'view' entry to the audit log (none for
 * an empty page): a page is never read without its entry, and the two cost one round trip.
 * `withTotal` (a pull from the start): the same statement also counts the scope (`total`), in
 * the page's own snapshot.
 */
export async function pullChanges(
  db: Queryable,
  collection: SyncedCollection,
  scope: string,
  checkpoint: SyncCheckpoint | null,
  limit: number,
  viewer?: PageViewer,
  options: { withTotal?: boolean } = {},
): Promise<PulledPage> {
  const page = `SELECT id, data, deleted, seq FROM documents
                 WHERE collection = $1 AND seq > $2 AND area_code LIKE $3
                 ORDER BY seq LIMIT $4`;
  const params: unknown[] = [collection, checkpoint?.seq ?? 0, `${scope}%`, limit];
  if (viewer) params.push(viewer.actor.userId, viewer.actor.deviceId, viewer.actor.role, viewer.actor.areaCode, viewer.via);
  const viewed = viewer
    ? `, viewed AS (
         INSERT INTO audit_log (user_id, device_id, role, action, collection, area_code, details)
         SELECT $5, $6, $7, 'view', $1, $8,
                jsonb_build_object('count', count(*), 'via', $9::text, 'documentIds', jsonb_agg(id ORDER BY seq))
           FROM page HAVING count(*) > 0)`
    : '';
  if (!options.withTotal) {
    const rows = await db.query<PageRow>(`WITH page AS (${page})${viewed} SELECT id, data::text AS data, deleted, seq FROM page ORDER BY seq`, params);
    return pageOf(rows, checkpoint);
  }
  // The count rides on every row of the page, and on one row of nulls when the page is empty.
  const rows = await db.query<Partial<PageRow> & { total: number }>(
    `WITH page AS (${page})${viewed}, total AS (${COUNT_IN_SCOPE})
     SELECT page.id, page.data::text AS data, page.deleted, page.seq, total.n AS total
       FROM total LEFT JOIN page ON true ORDER BY page.seq`,
    params,
  );
  const documents = rows.filter((row): row is PageRow & { total: number } => typeof row.id === 'string');
  return { ...pageOf(documents, checkpoint), total: Number(rows[0]?.total ?? 0) };
}

type PageRow = { id: string; data: string; deleted: boolean; seq: number };

function pageOf(rows: readonly PageRow[], checkpoint: SyncCheckpoint | null): PulledPage {
  const last = rows[rows.length - 1];
  return {
    texts: rows.map((row) => wireText(row.data, row.deleted)),
    ids: rows.map((row) => row.id),
    checkpoint: last ? { seq: last.seq } : checkpoint,
  };
}

/**
 * Reference data (small collections) seen through a filter of the caller's own: every row
 * after the checkpoint is read and filtered here, and the checkpoint moves past what was read.
 */
export async function pullFiltered(
  db: Queryable,
  collection: CollectionName,
  visible: (areaCode: string) => boolean,
  checkpoint: SyncCheckpoint | null,
  limit: number,
): Promise<PullResponse<Doc>> {
  const rows = await db.query<DocumentRow>(
    'SELECT area_code, data, deleted, seq FROM documents WHERE collection = $1 AND seq > $2 ORDER BY seq',
    [collection, checkpoint?.seq ?? 0],
  );
  const documents: WireDocument<Doc>[] = [];
  let last: number | null = null;
  for (const row of rows) {
    if (documents.length === limit) break;
    last = row.seq;
    if (visible(row.area_code)) documents.push(toWire(row));
  }
  return { documents, checkpoint: last === null ? checkpoint : { seq: last } };
}

/**
 * Every version the server holds of a collection's documents in an area (deleted ones too),
 * in the order they were stored: for work that stores them all again (a search-key rotation).
 */
export async function documentsInArea(db: Queryable, collection: CollectionName, areaPrefix: string): Promise<HeldVersion[]> {
  return db.query<HeldVersion>('SELECT data, deleted FROM documents WHERE collection = $1 AND area_code LIKE $2 ORDER BY seq', [
    collection,
    `${areaPrefix}%`,
  ]);
}

/** The area of each document named (by collection and id) that the server holds, keyed `collection/id`. */
export async function storedAreas(db: Queryable, refs: readonly { collection: string; id: string }[]): Promise<Map<string, string>> {
  if (refs.length === 0) return new Map();
  const rows = await db.query<{ collection: string; id: string; area_code: string }>(
    `SELECT d.collection, d.id, d.area_code FROM documents d
       JOIN jsonb_to_recordset($1::jsonb) AS l(collection text, owner_id text) ON d.collection = l.collection AND d.id = l.owner_id`,
    [JSON.stringify(refs.map((ref) => ({ collection: ref.collection, owner_id: ref.id })))],
  );
  return new Map(rows.map((row) => [`${row.collection}/${row.id}`, row.area_code]));
}

/** One live document by its id, or null (码上查 reads an application and its household this way). */
export async function heldDocument(db: Queryable, collection: CollectionName, id: string): Promise<Doc | null> {
  const rows = await db.query<{ data: Doc }>('SELECT data FROM documents WHERE collection = $1 AND id = $2 AND NOT deleted', [collection, id]);
  return rows[0]?.data ?? null;
}

/** The live documents of a collection whose `householdId` is one of those named (a household's applications). */
export async function documentsOfHouseholds(db: Queryable, collection: CollectionName, householdIds: readonly string[]): Promise<Doc[]> {
  if (householdIds.length === 0) return [];
  const rows = await db.query<{ data: Doc }>(
    "SELECT data FROM documents WHERE collection = $1 AND NOT deleted AND data->>'householdId' = ANY($2::text[])",
    [collection, householdIds],
  );
  return rows.map((row) => row.data);
}

/**
 * Stores the server's own change to documents it holds (a household's groups after a decision),
 * inside the caller's transaction: locks them as a push does, applies `update` to each live one,
 * stamps who changed it and when, and stores those `update` changed. Returns the writes stored,
 * for the audit log.
 */
export async function updateHeldDocuments(
  tx: Queryable,
  collection: SyncedCollection,
  ids: readonly string[],
  update: (doc: Doc) => Doc,
  author: { userId: string },
  now: number,
): Promise<StoredWrite[]> {
  if (ids.length === 0) return [];
  await lockDocuments(tx, collection, ids);
  const rows = await tx.query<DocumentRow>('SELECT id, area_code, data, deleted FROM documents WHERE collection = $1 AND id = ANY($2::text[])', [
    collection,
    ids,
  ]);
  const writes: StoredWrite[] = [];
  for (const row of rows) {
    if (row.deleted) continue;
    const next = update(row.data);
    if (sameContent(collection, row.data, next)) continue;
    writes.push({ doc: { ...next, updatedAt: now, updatedBy: author.userId }, deleted: false, previous: { data: row.data, deleted: false } });
  }
  await storeDocuments(tx, collection, writes.map(({ doc, deleted }) => ({ doc, deleted })));
  return writes;
}

/** The ids the server holds, deleted or not, of the collections named. */
export async function storedIds(db: Queryable, collections: readonly CollectionName[]): Promise<Set<string>> {
  const rows = await db.query<{ id: string }>('SELECT id FROM documents WHERE collection = ANY($1::text[])', [collections]);
  return new Set(rows.map((row) => row.id));
}

export async function latestSeq(db: Queryable, collection: CollectionName): Promise<number> {
  const rows = await db.query<{ seq: number | null }>('SELECT max(seq) AS seq FROM documents WHERE collection = $1', [
    collection,
  ]);
  return rows[0]?.seq ?? 0;
}

/** Stable 32-bit hash for advisory-lock keys. */
function hash32(text: string): number {
  let hash = 7;
  for (const ch of text) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  return hash;
}

/** Key of the per-collection advisory lock that orders commits (one-bigint key space). */
const lockKey = (collection: CollectionName) => hash32(`documents:${collection}`);

/**
 * Locks the batch's documents (two-int key space, apart from the collection locks) until commit,
 * so two pushes of the same document never both compare against the same stored version; pushes
 * of different documents do not wait for each other. Keys are taken in sorted order in one
 * statement, so two batches can never each hold a key the other waits for. A hash collision only
 * makes two unrelated documents wait for each other.
 */
async function lockDocuments(tx: Queryable, collection: CollectionName, ids: readonly string[]): Promise<void> {
  const keys = [...new Set(ids.map((id) => hash32(id)))].sort((a, b) => a - b);
  if (keys.length === 0) return;
  await tx.query(
    `SELECT count(pg_advisory_xact_lock($1::int, k))
       FROM (SELECT k FROM unnest($2::int[]) WITH ORDINALITY AS t(k, n) ORDER BY n) AS sorted`,
    [lockKey(collection), keys],
  );
}

/**
 * Writes documents inside a transaction, numbering them in order under the collection's lock.
 * Every write to `documents` goes through here, so the ordering guarantee of pulls holds.
 */
export async function storeDocuments(
  tx: Queryable,
  collection: CollectionName,
  writes: { doc: Doc; deleted: boolean }[],
): Promise<void> {
  if (writes.length === 0) return;
  await tx.query('SELECT pg_advisory_xact_lock($1)', [lockKey(collection)]);
  await tx.query(
    `INSERT INTO documents (collection, id, area_code, data, deleted, seq)
     SELECT $1, w.value->'doc'->>'id', w.value->'doc'->>'areaCode', w.value->'doc',
            (w.value->>'deleted')::boolean, nextval('change_seq')
       FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS w(value, n)
      ORDER BY w.n
     ON CONFLICT (collection, id) DO UPDATE
       SET area_code = EXCLUDED.area_code, data = EXCLUDED.data,
           deleted = EXCLUDED.deleted, seq = EXCLUDED.seq`,
    [collection, JSON.stringify(writes)],
  );
}

export interface PushOutcome {
  conflicts: WireDocument<Doc>[];
  written: number;
  /** Other collections the batch's follow-on writes stored to (their streams wake too). */
  alsoStored: readonly string[];
}

/**
 * Stores a validated batch in one transaction. A row whose assumed master state differs from
 * the server's is a conflict and comes back with the server's state; a row that says what is
 * stored already is a no-op, which makes re-sending a batch harmless. Both comparisons leave out
 * what the server sets itself (provenance, derived fields), so a laptop's clock or search key
 * never makes a conflict; a row whose stored derived fields are not what the server computes now
 * is stored again with the right ones.
 */
export async function pushChanges(
  db: Database,
  collection: SyncedCollection,
  scope: string,
  rows: IncomingRow[],
  rules: PushRules = {},
): Promise<PushOutcome> {
  const { author, guard, afterWrite } = rules;
  const now = (rules.now ?? Date.now)();
  return db.transaction(async (tx) => {
    // First, before anything is read: what derived fields need (a township's search key) must not
    // change under the push (a key rotation waits for it, or it for the rotation).
    const derive = rules.derive ? await rules.derive(tx, rows.map((r) => r.doc)) : null;
    // The collection's lock (numbering) is taken last, in storeDocuments: everything before it —
    // reading, comparing, the collection's rules, the audit entries — runs alongside other pushes.
    await lockDocuments(tx, collection, rows.map((r) => r.doc.id));
    const current = await tx.query<DocumentRow>(
      'SELECT id, area_code, data, deleted FROM documents WHERE collection = $1 AND id = ANY($2::text[])',
      [collection, rows.map((r) => r.doc.id)],
    );
    const byId = new Map(current.map((row) => [row.id, row]));
    const outside = current.filter((row) => !isInScope(row.area_code, scope)).map((row) => row.id);
    if (outside.length > 0) {
      throw new HttpError(403, 'out_of_scope', '记录不在您的管辖范围内，本批次未保存', { ids: outside });
    }
    const conflicts: WireDocument<Doc>[] = [];
    const writes: StoredWrite[] = [];
    for (const row of rows) {
      const master = byId.get(row.doc.id);
      const previous: HeldVersion | null = master ? { data: master.data, deleted: master.deleted } : null;
      const stamped = author ? stampProvenance(collection, previous, row, author, now) : row.doc;
      const derived = derive ? derive(stamped) : stamped;
      const doc = rules.settle ? rules.settle(previous, derived) : derived;
      if (master && master.deleted === row.deleted && sameContent(collection, master.data, doc) && sameDerived(collection, master.data, doc)) continue;
      const assumedMatches = master
        ? row.assumed !== null && master.deleted === row.assumedDeleted && sameContent(collection, master.data, row.assumed)
        : true;
      if (!assumedMatches && master) {
        conflicts.push(toWire(master));
        continue;
      }
      const write: StoredWrite = { doc, deleted: row.deleted, previous };
      // Only writes that will really be stored meet the collection's rules: a stale row is a conflict, not a refusal.
      await guard?.(write);
      writes.push(write);
    }
    if (writes.length > 0) await rules.checkLinks?.(tx, writes);
    const alsoStored = writes.length > 0 && rules.followOn ? await rules.followOn(tx, writes) : [];
    if (writes.length > 0) await afterWrite?.(tx, writes);
    // Last statement before commit: the collection's lock is held only while numbering and committing.
    await storeDocuments(tx, collection, writes.map(({ doc, deleted }) => ({ doc, deleted })));
    return { conflicts, written: writes.length, alsoStored };
  });
}
