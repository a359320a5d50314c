import { z } from 'zod';
import { isCollectionName, isSyncedCollection, type CollectionName, type SyncedCollection } from '../../shared/sync/collections';
import type { SyncCheckpoint } from '../../shared/sync/wire';
import { HttpError } from '../http/errors';

/** The sync routes' request parts, read the same way by the central server and a township relay. */
export const pullQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  checkpoint: z.string().max(200).optional(),
});

const checkpointSchema = z.strictObject({ seq: z.number().int().min(0) }).nullable();

export function parseCheckpoint(raw: string | undefined): SyncCheckpoint | null {
  if (raw === undefined || raw === '') return null;
  try {
    return checkpointSchema.parse(JSON.parse(raw));
  } catch {
    throw new HttpError(400, 'bad_checkpoint', 'checkpoint 参数无效', { field: 'checkpoint' });
  }
}

export function collectionParam(params: unknown): CollectionName {
  const name = (params as { collection?: unknown }).collection;
  if (typeof name !== 'string' || !isCollectionName(name)) throw new HttpError(404, 'not_found', '没有这个数据集合');
  return name;
}

export function syncedParam(params: unknown): SyncedCollection {
  const name = collectionParam(params);
  if (!isSyncedCollection(name)) throw new HttpError(405, 'read_only', '此数据只读，不能推送');
  return name;
}
