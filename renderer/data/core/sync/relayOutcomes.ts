import type { RxCollection } from 'rxdb/plugins/core';
import { sameJson, type JsonObject } from '../../../../shared/sync/merge';
import type { SyncedCollection } from '../../../../shared/sync/collections';
import { withoutDerived } from '../../../../shared/sync/derivedFields';
import { PROVENANCE_FIELDS } from '../../../../shared/sync/writePolicy';
import type { Writer } from '../../../../shared/sync/writeCheck';
import type { RelayOutcome } from '../../../../shared/wire/relayStatus';
import { keepConflict, mergeForConflict, type ConflictRecord } from './conflicts';
import type { KeptRelayBatch, KeptRow, RelayBatchStore } from './relayBatches';

/** Bookkeeping, not content: never a field a person is asked about. */
const NOT_CONTENT = new Set<string>([...PROVENANCE_FIELDS, '_deleted', '_meta', '_rev', '_attachments']);
const topField = (path: string) => path.split(/[.[]/)[0] ?? path;

/**
 * Keeps the laptop's version of a row the county did not take as it was, as a conflict record of
 * the sync centre (此记录在乡镇也被修改过 / 以本机为准 / 以服务器为准), as a direct push's conflict
 * is kept. Unlike a direct push, the relay had already taken the row, so RxDB believes it is the
 * server's version: there is no merge to write here, the county's version is put in as pulled
 * (takeRelayOutcome), and whatever of the laptop's would be lost — collisions and merged-in
 * fields alike — is named in the record, for a person to re-apply.
 */
export async function keepRelayedVersion(
  conflicts: RxCollection<ConflictRecord>,
  collection: SyncedCollection,
  input: { assumedMasterState?: object | undefined; realMasterState: object; newDocumentState: object },
  writer?: Writer,
): Promise<ConflictRecord | null> {
  const { local, remote, merged, collisions } = mergeForConflict(collection, input, writer);
  const fields = [...collisions];
  const [m, r] = [withoutDerived(collection, merged), withoutDerived(collection, remote)];
  for (const key of new Set([...Object.keys(m), ...Object.keys(r)])) {
    if (NOT_CONTENT.has(key) || fields.some((field) => topField(field) === key)) continue;
    if (!sameJson(m[key], r[key])) fields.push(key);
  }
  if (fields.length === 0) return null;
  return keepConflict(conflicts, collection, local, remote, fields);
}

/** The county's version of a row; for a new record it refused, an empty one in the same place (nothing of it is on the server). */
function countyVersion(row: KeptRow, masters: JsonObject[]): JsonObject {
  const id = row.newDocumentState.id;
  const master = masters.find((doc) => doc['id'] === id);
  if (master) return master;
  if (row.assumedMasterState) return row.assumedMasterState as JsonObject;
  return { id, areaCode: (row.newDocumentState as JsonObject)['areaCode'] ?? '', updatedAt: 0, _deleted: true };
}

/**
 * Takes the county's answer to a batch this laptop handed to a relay: stored → forgotten;
 * conflict → each losing row kept as a conflict record; refused → the refusal's words kept for
 * the sync centre and every row sent kept as a conflict record beside the county's version, so
 * nothing typed on the laptop is lost. Pending: nothing yet.
 */
export async function takeRelayOutcome(
  outcome: RelayOutcome,
  batch: KeptRelayBatch,
  deps: {
    batches: RelayBatchStore;
    conflicts: RxCollection<ConflictRecord>;
    writer?: Writer;
    /** Puts the county's versions back on the laptop, as pulled (relayLink.ts's TakeFromServer). */
    takeFromServer?: (collection: SyncedCollection, docs: KeptRow['newDocumentState'][], whileLocalAt: ReadonlyMap<string, number>) => Promise<void>;
  },
): Promise<void> {
  const masters = outcome.conflicts as JsonObject[];
  if (outcome.state === 'pending') return;
  if (outcome.state === 'conflict') {
    for (const master of masters) {
      const row = batch.rows.find((r) => r.newDocumentState.id === master['id']);
      if (!row) continue;
      await keepRelayedVersion(deps.conflicts, batch.collection, {
        assumedMasterState: row.assumedMasterState ?? undefined,
        realMasterState: master,
        newDocumentState: row.newDocumentState,
      }, deps.writer);
    }
    // The county's versions show at once, where the laptop still holds what it sent (as a direct
    // push's conflict shows the server's side at once); the pull through the relay brings them too.
    const sent = new Map(batch.rows.map((row) => [row.newDocumentState.id, row.newDocumentState.updatedAt]));
    await deps.takeFromServer?.(batch.collection, masters.filter((doc) => sent.has(String(doc['id']))) as KeptRow['newDocumentState'][], sent);
  }
  if (outcome.state === 'refused') {
    for (const row of batch.rows) {
      const county = countyVersion(row, masters);
      // Base = the county's version: every change the laptop made shows, none is merged away.
      await keepRelayedVersion(deps.conflicts, batch.collection, {
        assumedMasterState: county,
        realMasterState: county,
        newDocumentState: row.newDocumentState,
      }, deps.writer);
    }
    // The laptop shows what the county holds again, and sends nothing back: a refused new record
    // leaves (it is not on the server), a refused change gives way to the county's version.
    // Not where the laptop moved on since (a newer version pulled, or edited again): that stands.
    await deps.takeFromServer?.(
      batch.collection,
      batch.rows.map((row) => {
        const master = masters.find((doc) => doc['id'] === row.newDocumentState.id) ?? row.assumedMasterState;
        return (master ?? { ...row.newDocumentState, _deleted: true }) as KeptRow['newDocumentState'];
      }),
      new Map(batch.rows.map((row) => [row.newDocumentState.id, row.newDocumentState.updatedAt])),
    );
    await deps.batches.refuse({
      batchId: batch.batchId,
      collection: batch.collection,
      code: outcome.error?.code ?? 'refused',
      message: outcome.error?.message ?? '',
      documentIds: batch.rows.map((row) => row.newDocumentState.id),
      at: Date.now(),
    });
    return;
  }
  await deps.batches.forget(batch.batchId);
}
