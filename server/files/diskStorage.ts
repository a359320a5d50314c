import { createReadStream } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';
import { isSha256Hex } from '../../shared/files/limits';
import type { FileStorage } from './fileStorage';

/**
 * Files on the server's own disk: unfinished uploads under `uploads/` (bytes plus a `.json`
 * record each, so they survive a restart), finished blobs under `sha256/HEX`.
 */
export function diskStorage(directory: string): FileStorage {
  const uploadDir = path.join(directory, 'uploads');
  const blobDir = path.join(directory, 'sha256');
  const uploads = new FileStore({ directory: uploadDir });
  const blobPath = (sha256: string) => {
    // The hash is checked by every caller already; this keeps a path out of the name regardless.
    if (!isSha256Hex(sha256)) throw new Error('not a sha256 hex digest');
    return path.join(blobDir, sha256);
  };
  const exists = async (file: string) => {
    try {
      return (await stat(file)).isFile();
    } catch {
      return false;
    }
  };
  return {
    kind: 'disk',
    uploads,
    async hasUpload(uploadId) {
      try {
        await uploads.getUpload(uploadId);
        return true;
      } catch {
        return false;
      }
    },
    async readUpload(uploadId) {
      return uploads.read(uploadId) as Readable;
    },
    async discardUpload(uploadId) {
      await uploads.remove(uploadId).catch(() => undefined);
    },
    async keepUpload(uploadId, sha256) {
      await mkdir(blobDir, { recursive: true });
      // Same file system: the rename is atomic, so a blob is either whole or absent.
      await rename(path.join(uploadDir, uploadId), blobPath(sha256));
      await uploads.configstore.delete(uploadId);
    },
    async sweepUnfinished(before) {
      let removed = 0;
      for (const id of (await uploads.configstore.list?.().catch(() => [])) ?? []) {
        const begun = Date.parse((await uploads.configstore.get(id))?.creation_date ?? '');
        if (Number.isFinite(begun) && begun < before.getTime()) {
          await uploads.remove(id).catch(() => undefined);
          removed++;
        }
      }
      return removed;
    },
    hasBlob: async (sha256) => exists(blobPath(sha256)),
    async readBlob(sha256) {
      return createReadStream(blobPath(sha256));
    },
  };
}
