/**
 * The bench page's scale step (bench/scaleFigures.ts drives it through `window.benchScale`): a
 * township laptop's first sync of 3,000 / 30,000 / 100,000 households, then the household list's
 * search in the database that sync filled, as a user would run it right after. Unlike
 * `bench.initialSync` the workspace stays open after the sync, so the searches and the browser's
 * memory are measured on what the sync left; each size has a Chromium and profile of its own, which
 * the bench discards afterwards (no 清除本机数据 needed).
 */
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { DataKey } from '../../renderer/data/core/keys/dataKey';
import type { AppSession } from '../../renderer/data/core/types';
import { Workspace } from '../../renderer/data/core/workspace';
import { searchHouseholdPage } from '../../renderer/data/households/householdSearch';
import { idNumberHashes } from '../../shared/domain/idHash';
import { syncedCollections, type SyncedCollection } from '../../shared/sync/collections';
import type { TokenResponse } from '../../shared/sync/wire';
import { memoryStore } from '../../harness/memoryStore';

const storage = getRxStorageDexie();
let workspace: Workspace | null = null;

function open(): Workspace {
  if (!workspace) throw new Error('scale: no workspace open');
  return workspace;
}

const benchScale = {
  /** Workspace.open until every document is in IndexedDB and a village list answers; the workspace stays open. Milliseconds. */
  async firstSync(session: AppSession, tokens: TokenResponse, expected: Record<SyncedCollection, number>, villageCode: string): Promise<number> {
    if (workspace) throw new Error('scale: a workspace is already open');
    const t0 = performance.now();
    workspace = await Workspace.open(
      session,
      { tokens, refreshToken: tokens.refreshToken, searchKeys: tokens.searchKeys ?? null, dataKey: DataKey.generate() },
      { storage, store: memoryStore(), events: window, isNavigatorOnline: () => true },
    );
    const { db } = workspace;
    const deadline = Date.now() + 1_800_000;
    for (;;) {
      const counts = await Promise.all(syncedCollections.map((c) => db[c].count().exec()));
      if (syncedCollections.every((c, i) => counts[i]! >= expected[c])) break;
      if (Date.now() > deadline) throw new Error(`scale: first sync stuck at ${counts.join('/')}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await db.households.find({ selector: { areaCode: villageCode }, sort: [{ updatedAt: 'desc' }], limit: 20 }).exec();
    return performance.now() - t0;
  },
  /** The household list's search (first page of 20, every match counted), an ID number hashed under the keys the sync brought. */
  async search(text: string): Promise<{ ms: number; count: number }> {
    const { db, searchKeys } = open();
    const t0 = performance.now();
    const idHashes = /^\d{17}[\dXx]$/.test(text) ? await idNumberHashes(searchKeys, text) : null;
    const { total } = await searchHouseholdPage(db, { text }, idHashes, { offset: 0, limit: 20 });
    return { ms: performance.now() - t0, count: total };
  },
};

declare global {
  interface Window {
    benchScale: typeof benchScale;
  }
}
window.benchScale = benchScale;
