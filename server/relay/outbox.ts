import { randomUUID } from 'node:crypto';
import type { SyncedCollection } from '../../shared/sync/collections';
import { isInScope, scopePrefix, type Role } from '../../shared/auth/roles';
import type { Caller } from '../auth/caller';
import { HttpError } from '../http/errors';
import type { Database } from '../db/database';
import { storeDocuments } from '../storage/documentStore';
import type { IncomingRow } from '../storage/storedWrite';
import { lockRelay } from './replica';

/** What the central server said about a forwarded batch, as the laptop that pushed it is told. */
export type BatchState = 'pending' | 'stored' | 'conflict' | 'refused';

export interface BatchOutcome {
  batchId: string;
  state: BatchState;
  /** The central server's versions of the rows that met a conflict (its push answer), or of the refused rows. */
  conflicts: (Record<string, unknown> & { id: string })[];
  /** The central server's refusal, as it answered it (status, code, message, details). */
  error: { status: number; code: string; message: string; details?: unknown } | null;
}

/**
 * Takes a laptop's push at the relay, in one transaction: the batch goes into the outbox exactly as
 * the laptop signed it (to be forwarded in arrival order), and each row's new version is served to
 * the station's other laptops at once, marked pending (relay_pending) until the central server has
 * answered. A relay killed after the commit forwards the batch when it starts again; before it, the
 * laptop had no answer and sends the batch again.
 */
export async function takeBatch(
  db: Database,
  input: { collection: SyncedCollection; author: Caller; rows: unknown[]; incoming: IncomingRow[]; signature: string },
): Promise<{ batchId: string; seq: number }> {
  const batchId = randomUUID();
  const seq = await db.transaction(async (tx) => {
    await lockRelay(tx);
    // A version the station holds of another area's record is not this laptop's to replace, whatever
    // area the new version names (the county would refuse it; the station must not serve it meanwhile).
    const held = await tx.query<{ id: string; area_code: string }>('SELECT id, area_code FROM documents WHERE collection = $1 AND id = ANY($2::text[])', [
      input.collection,
      input.incoming.map((row) => row.doc.id),
    ]);
    const foreign = held.filter((row) => !isInScope(row.area_code, input.author.scope)).map((row) => row.id);
    if (foreign.length > 0) throw new HttpError(403, 'out_of_scope', '这批记录中有不属于您辖区的记录，未保存', { ids: foreign });
    const inserted = await tx.query<{ seq: string | number }>(
      `INSERT INTO relay_outbox (batch_id, collection, user_id, device_id, area_code, rows, signature, received_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8) RETURNING seq`,
      [batchId, input.collection, input.author.userId, input.author.deviceId, input.author.areaCode, JSON.stringify(input.rows), input.signature, Date.now()],
    );
    const seq = Number(inserted[0]!.seq);
    await tx.query(
      `INSERT INTO relay_pending (collection, id, batch_seq, area_code)
       SELECT $1, r.value->>'id', $2, r.value->>'areaCode' FROM jsonb_array_elements($3::jsonb) AS r(value)
       ON CONFLICT DO NOTHING`,
      [input.collection, seq, JSON.stringify(input.incoming.map((row) => row.doc))],
    );
    await storeDocuments(tx, input.collection, input.incoming.map((row) => ({ doc: row.doc, deleted: row.deleted })));
    return seq;
  });
  return { batchId, seq };
}

interface OutboxRow {
  seq: string | number;
  batch_id: string;
  collection: SyncedCollection;
  user_id: string;
  device_id: string;
  rows: unknown[];
  signature: string;
}

/** Answers kept this long are enough for any laptop to have asked; older answered batches go. */
const ANSWERS_KEPT_MS = 30 * 24 * 60 * 60 * 1000;

export async function pruneAnswered(db: Database, now = Date.now()): Promise<void> {
  await db.query("DELETE FROM relay_outbox WHERE state <> 'waiting' AND answered_at < $1", [now - ANSWERS_KEPT_MS]);
}

/** The oldest batch still waiting to go up, or null. */
export async function oldestWaiting(db: Database): Promise<OutboxRow | null> {
  const rows = await db.query<OutboxRow>(
    "SELECT seq, batch_id, collection, user_id, device_id, rows, signature FROM relay_outbox WHERE state = 'waiting' ORDER BY seq LIMIT 1",
  );
  return rows[0] ?? null;
}

/**
 * Keeps the central server's answer and lifts the batch's pending marks, in one transaction. A
 * refusal keeps beside it the county's versions of the refused rows (relay_master): the laptop
 * shows those again and keeps its own in a conflict record.
 */
export async function recordAnswer(db: Database, seq: number, outcome: Omit<BatchOutcome, 'batchId'>): Promise<void> {
  await db.transaction(async (tx) => {
    await lockRelay(tx);
    if (outcome.state === 'refused') {
      const [author] = await tx.query<{ role: Role; area_code: string }>(
        'SELECT a.role, a.area_code FROM relay_accounts a JOIN relay_outbox o ON o.user_id = a.user_id WHERE o.seq = $1',
        [seq],
      );
      const scope = author ? scopePrefix(author.role, author.area_code) : null;
      const held = await tx.query<{ data: Record<string, unknown> & { id: string }; deleted: boolean }>(
        `SELECT m.data, m.deleted FROM relay_outbox o, jsonb_array_elements(o.rows) AS r(value)
           JOIN relay_master m ON m.collection = (SELECT collection FROM relay_outbox WHERE seq = $1) AND m.id = r.value->'newDocumentState'->>'id'
          WHERE o.seq = $1`,
        [seq],
      );
      // Only versions inside the author's own scope go back to it, whatever ids its batch named.
      const inScope = held.filter((row) => scope !== null && isInScope(String(row.data['areaCode']), scope));
      outcome = { ...outcome, conflicts: inScope.map((row) => ({ ...row.data, _deleted: row.deleted })) };
    }
    await tx.query('UPDATE relay_outbox SET state = $2, answer = $3::jsonb, answered_at = $4 WHERE seq = $1', [
      seq,
      outcome.state,
      JSON.stringify({ conflicts: outcome.conflicts, error: outcome.error }),
      Date.now(),
    ]);
    await tx.query('DELETE FROM relay_pending WHERE batch_seq = $1', [seq]);
  });
}

/** The outcomes of the named batches that this device pushed (another device's batch ids answer nothing). */
export async function outcomesOf(db: Database, device: { userId: string; deviceId: string }, batchIds: readonly string[]): Promise<BatchOutcome[]> {
  if (batchIds.length === 0) return [];
  const rows = await db.query<{ batch_id: string; state: string; answer: { conflicts: BatchOutcome['conflicts']; error: BatchOutcome['error'] } | null }>(
    'SELECT batch_id, state, answer FROM relay_outbox WHERE user_id = $1 AND device_id = $2 AND batch_id = ANY($3::text[]) ORDER BY seq',
    [device.userId, device.deviceId, [...batchIds]],
  );
  return rows.map((row) => ({
    batchId: row.batch_id,
    state: row.state === 'waiting' ? 'pending' : (row.state as BatchState),
    conflicts: row.answer?.conflicts ?? [],
    error: row.answer?.error ?? null,
  }));
}

/** What waits at the relay within a scope: each pending document, and per village how many and since when. */
export async function waitingInScope(db: Database, scope: string): Promise<{
  documents: { collection: string; id: string; areaCode: string; since: number }[];
  villages: { areaCode: string; count: number; oldestAt: number }[];
}> {
  const documents = (
    await db.query<{ collection: string; id: string; area_code: string; since: string | number }>(
      `SELECT p.collection, p.id, p.area_code, min(o.received_at) AS since
         FROM relay_pending p JOIN relay_outbox o ON o.seq = p.batch_seq
        WHERE p.area_code LIKE $1
        GROUP BY p.collection, p.id, p.area_code ORDER BY since`,
      [`${scope}%`],
    )
  ).map((row) => ({ collection: row.collection, id: row.id, areaCode: row.area_code, since: Number(row.since) }));
  const villages = new Map<string, { areaCode: string; count: number; oldestAt: number }>();
  for (const document of documents) {
    const village = villages.get(document.areaCode) ?? { areaCode: document.areaCode, count: 0, oldestAt: document.since };
    village.count += 1;
    village.oldestAt = Math.min(village.oldestAt, document.since);
    villages.set(document.areaCode, village);
  }
  return { documents, villages: [...villages.values()] };
}
