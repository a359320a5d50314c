import { bundleImportAnswerSchema, type BundleImportAnswer } from '../../../../shared/wire/imports';
import { sealBundle, type BundleFile, type BundlePayload } from '../../../../shared/sync/bundle';
import { syncedCollections, type SyncedCollection } from '../../../../shared/sync/collections';
import type { PushRow } from '../../../../shared/sync/wire';
import type { Workspace } from '../workspace';

export class NoBundleKeysError extends Error {}

/**
 * 导出未上传的数据: every change the server has not accepted, with the server state it was made
 * on, sealed for the server and signed by this laptop, for a USB stick to the township.
 */
export async function exportUnsent(
  workspace: Workspace,
  /** Told as each kind of record has been read (`read` of `total` records) and before sealing. */
  onProgress?: (progress: { step: 'reading'; read: number; total: number } | { step: 'sealing' }) => void,
): Promise<{ file: BundleFile; counts: Partial<Record<SyncedCollection, number>> }> {
  if (!workspace.bundleKeys) throw new NoBundleKeysError('sign in online once to get the bundle keys');
  const payload: BundlePayload = {};
  const counts: Partial<Record<SyncedCollection, number>> = {};
  const total = syncedCollections.reduce((sum, name) => sum + workspace.pending.idsOf(name).length, 0);
  let read = 0;
  onProgress?.({ step: 'reading', read, total });
  for (const name of syncedCollections) {
    const ids = workspace.pending.idsOf(name);
    if (ids.length === 0) continue;
    const docs = await workspace.db[name].findByIds(ids).exec();
    const masters = await workspace.sync.assumedMasterStates(name, ids);
    const rows: PushRow<Record<string, unknown>>[] = [];
    for (const [id, doc] of docs) {
      const master = masters.get(id);
      rows.push({
        assumedMasterState: master ? (master as PushRow<Record<string, unknown>>['newDocumentState']) : null,
        newDocumentState: { ...(doc.toJSON() as Record<string, unknown>), _deleted: false },
      });
    }
    payload[name] = rows;
    counts[name] = rows.length;
    read += ids.length;
    onProgress?.({ step: 'reading', read: Math.min(read, total), total });
  }
  onProgress?.({ step: 'sealing' });
  const { user } = workspace.session;
  const file = await sealBundle({
    header: { userId: user.id, deviceId: workspace.deviceId, areaCode: user.areaCode, createdAt: Date.now(), counts },
    payload,
    serverPublicKey: workspace.bundleKeys.serverPublicKey,
    signingKey: workspace.bundleKeys.signingKey,
  });
  return { file, counts };
}

/** What an import stored and what collided (the shared wire type). */
export type ImportResult = BundleImportAnswer;

/** 导入U盘文件 at the township station: the server checks, opens and stores it; then pull. */
export async function importBundle(workspace: Workspace, file: unknown): Promise<ImportResult> {
  const result = await workspace.client.call('POST', '/api/v1/bundles/import', bundleImportAnswerSchema, file);
  workspace.sync.syncNow();
  return result;
}
