import { expect } from 'vitest';
import type { Workspace } from '../../renderer/data/core/workspace';
import { sameJson } from '../../shared/sync/merge';
import { PROVENANCE_FIELDS } from '../../shared/sync/writePolicy';
import type { SyncedCollection } from '../../shared/sync/collections';
import type { PullResponse, SyncCheckpoint } from '../../shared/sync/wire';

type Doc = { id: string; _deleted?: boolean } & Record<string, unknown>;
// Who wrote a version and when are the server's to say: a laptop keeps its own for its own writes.
const RX_FIELDS = new Set(['_meta', '_rev', '_attachments', '_deleted', ...PROVENANCE_FIELDS]);
const plain = (doc: object) => Object.fromEntries(Object.entries(doc).filter(([key]) => !RX_FIELDS.has(key)));

/** Every document of a collection the server gives `token`'s user, all pages, straight from the server. */
export async function serverDocuments(serverUrl: string, token: string, collection: SyncedCollection): Promise<Doc[]> {
  const all: Doc[] = [];
  let checkpoint: SyncCheckpoint | null = null;
  for (;;) {
    const query = new URLSearchParams({ limit: '500' });
    if (checkpoint) query.set('checkpoint', JSON.stringify(checkpoint));
    const response = await fetch(`${serverUrl}/api/v1/sync/${collection}/pull?${query}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const page = (await response.json()) as PullResponse<Doc>;
    all.push(...page.documents);
    if (page.documents.length < 500 || !page.checkpoint) return all;
    checkpoint = page.checkpoint;
  }
}

/**
 * What a person would check after a bad link: the server holds each record once, the laptop holds
 * exactly what the server gives its user (none lost, none extra, same content), nothing is still
 * waiting, and every collision is in the laptop's `conflicts` (none expected unless `conflicted`).
 */
export async function expectLaptopMatchesServer(
  laptop: Workspace,
  server: { url: string; token: string },
  collections: SyncedCollection[],
  conflicted: string[] = [],
): Promise<void> {
  for (const collection of collections) {
    const onServer = await serverDocuments(server.url, server.token, collection);
    const ids = onServer.map((d) => d.id);
    expect(new Set(ids).size, `${collection}: an id twice on the server`).toBe(ids.length);
    const alive = onServer.filter((d) => !d._deleted);
    const local = (await laptop.db[collection].find().exec()).map((d) => d.toJSON() as unknown as Doc);
    expect(local.map((d) => d.id).sort(), `${collection}: the laptop’s records`).toEqual(alive.map((d) => d.id).sort());
    const byId = new Map(local.map((d) => [d.id, d]));
    const differing = alive.filter((d) => !sameJson(plain(d), plain(byId.get(d.id) ?? {}))).map((d) => d.id);
    expect(differing, `${collection}: records that differ between laptop and server`).toEqual([]);
    expect(laptop.pending.countOf(collection), `${collection}: waiting changes`).toBe(0);
  }
  const conflicts = (await laptop.db.conflicts.find().exec()).map((c) => c.documentId).sort();
  expect(conflicts).toEqual([...conflicted].sort());
}
