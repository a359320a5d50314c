import { afterAll, describe, expect, it } from 'vitest';
import type { SyncCheckpoint } from '../../shared/sync/wire';
import type { Database } from '../../server/db/database';
import { pullChanges, pushChanges } from '../../server/storage/documentStore';
import type { IncomingRow } from '../../server/storage/storedWrite';
import { makeHousehold } from '../support/documents';
import { databaseKinds, freshDatabase, type DatabaseKind } from '../support/testServer';

const VILLAGE = '371623102201';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The database with every transaction held open a little (0–20 ms) after its last statement:
 * pushes that took their numbers in one order then commit in another unless something stops it.
 */
function slowCommits(db: Database): Database {
  return { ...db, transaction: (fn) => db.transaction(async (tx) => { const result = await fn(tx); await sleep(Math.random() * 20); return result; }) };
}

const newRows = (docs: ReturnType<typeof makeHousehold>[]): IncomingRow[] =>
  docs.map((doc) => ({ assumed: null, assumedDeleted: false, doc: { ...doc }, deleted: false }));

describe.each<DatabaseKind>(databaseKinds)('pull ordering under concurrent pushes (%s)', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  async function database(): Promise<Database> {
    const fresh = await freshDatabase(kind);
    cleanups.push(fresh.drop);
    return slowCommits(fresh.db);
  }

  it('a puller that follows the checkpoint while many devices push sees every document', { timeout: 120_000 }, async () => {
    const db = await database();
    const batches = Array.from({ length: 40 }, () => Array.from({ length: 5 }, () => makeHousehold(VILLAGE)));
    const seen = new Set<string>();
    let checkpoint: SyncCheckpoint | null = null;
    let pushing = true;
    const pullPage = async () => {
      const page = await pullChanges(db, 'households', VILLAGE, checkpoint, 7);
      for (const id of page.ids) seen.add(id);
      checkpoint = page.checkpoint;
      return page.ids.length;
    };
    const puller = (async () => {
      while (pushing) if ((await pullPage()) === 0) await sleep(1);
      while ((await pullPage()) > 0);
    })();
    // 40 batches, 10 devices at a time, each batch in its own transaction.
    const queue = [...batches];
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let batch = queue.shift(); batch; batch = queue.shift()) {
          const outcome = await pushChanges(db, 'households', VILLAGE, newRows(batch));
          expect(outcome.written).toBe(batch.length);
        }
      }),
    );
    pushing = false;
    await puller;
    const pushed = batches.flat().map((h) => h.id);
    expect(pushed.filter((id) => !seen.has(id))).toEqual([]);
    expect(seen.size).toBe(pushed.length);
  });

  it('a puller that follows the checkpoint while devices change their documents again and again ends with every latest version', { timeout: 120_000 }, async () => {
    const db = await database();
    // 8 devices, 3 households each, each household changed 6 times: a change stores the
    // document again, unnumbered, until the push that made it numbers it.
    const devices = Array.from({ length: 8 }, () => Array.from({ length: 3 }, () => makeHousehold(VILLAGE)));
    const latest = new Map<string, string>();
    let checkpoint: SyncCheckpoint | null = null;
    let pushing = true;
    const pullPage = async () => {
      const page = await pullChanges(db, 'households', VILLAGE, checkpoint, 5);
      for (const text of page.texts) {
        const doc = JSON.parse(text) as { id: string; address: string };
        latest.set(doc.id, doc.address);
      }
      checkpoint = page.checkpoint;
      return page.ids.length;
    };
    const puller = (async () => {
      while (pushing) if ((await pullPage()) === 0) await sleep(1);
      while ((await pullPage()) > 0);
    })();
    await Promise.all(
      devices.map(async (households) => {
        let stored: IncomingRow[] = newRows(households);
        expect((await pushChanges(db, 'households', VILLAGE, stored)).written).toBe(3);
        for (let change = 1; change <= 6; change++) {
          const next = stored.map((row) => ({ assumed: row.doc, assumedDeleted: false, doc: { ...row.doc, address: `${households[0]!.address} 第${change}次` }, deleted: false }));
          const outcome = await pushChanges(db, 'households', VILLAGE, next);
          expect(outcome.conflicts).toEqual([]);
          stored = next;
        }
      }),
    );
    pushing = false;
    await puller;
    const all = devices.flat();
    expect(latest.size).toBe(all.length);
    for (const household of all) expect(latest.get(household.id)).toMatch(/ 第6次$/);
  });

  it('two devices creating the same document at once: one is stored, the other gets it back as a conflict', { timeout: 60_000 }, async () => {
    const db = await database();
    for (let round = 0; round < 5; round++) {
      const first = makeHousehold(VILLAGE);
      const second = { ...first, address: `${first.address}（另一台电脑）` };
      // Other documents in both batches: only the shared one makes them wait for each other.
      const outcomes = await Promise.all([
        pushChanges(db, 'households', VILLAGE, newRows([makeHousehold(VILLAGE), first])),
        pushChanges(db, 'households', VILLAGE, newRows([second, makeHousehold(VILLAGE)])),
      ]);
      expect(outcomes.map((o) => o.written).sort()).toEqual([1, 2]);
      const loser = outcomes.find((o) => o.written === 1)!;
      expect(loser.conflicts).toHaveLength(1);
      const pulled = await pullChanges(db, 'households', VILLAGE, null, 10_000);
      const stored = pulled.texts.map((text) => JSON.parse(text) as Record<string, unknown>).find((d) => d['id'] === first.id);
      expect(loser.conflicts[0]).toEqual(stored);
    }
  });
});
