import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { FILE_ERROR_CODES, isAllowedContentType, UPLOAD_METADATA } from '../../shared/files/limits';
import { looksLike, SNIFF_BYTES } from '../../shared/files/sniff';
import type { Caller } from '../auth/caller';
import { actor, recordAudit } from '../audit/auditLog';
import type { Database } from '../db/database';
import { HttpError } from '../http/errors';
import type { FileStorage } from './fileStorage';
import { recordFile } from './fileRecords';

async function digest(stream: Readable): Promise<{ sha256: string; head: Uint8Array; size: number }> {
  const hash = createHash('sha256');
  let head = Buffer.alloc(0);
  let size = 0;
  for await (const chunk of stream) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    size += bytes.length;
    if (head.length < SNIFF_BYTES) head = Buffer.concat([head, bytes.subarray(0, SNIFF_BYTES - head.length)]);
  }
  return { sha256: hash.digest('hex'), head, size };
}

/**
 * Runs when the last byte of an upload has arrived: the bytes must hash to the announced
 * SHA-256 and look like the announced kind, else they are thrown away and the client told why.
 * Good bytes become the blob `sha256/HEX` (unless the server has it already: then this copy
 * goes) and are recorded for the area, with an audit entry naming the hash, never the content.
 */
export function finishUpload(
  deps: { db: Database; storage: FileStorage },
  caller: Caller,
  upload: { id: string; metadata?: Record<string, string | null> | undefined },
): Promise<void> {
  // The last PATCH and a HEAD after a lost answer may both get here: one check, both wait on it.
  const running = finishing.get(upload.id);
  if (running) return running;
  const done = checkAndKeep(deps, caller, upload).finally(() => finishing.delete(upload.id));
  finishing.set(upload.id, done);
  return done;
}

const finishing = new Map<string, Promise<void>>();

async function checkAndKeep(
  deps: { db: Database; storage: FileStorage },
  caller: Caller,
  upload: { id: string; metadata?: Record<string, string | null> | undefined },
): Promise<void> {
  const { db, storage } = deps;
  const claimed = upload.metadata?.[UPLOAD_METADATA.sha256] ?? '';
  const contentType = upload.metadata?.[UPLOAD_METADATA.contentType] ?? '';
  const areaCode = upload.metadata?.[UPLOAD_METADATA.areaCode] ?? '';
  const got = await digest(await storage.readUpload(upload.id));
  if (got.sha256 !== claimed) {
    await storage.discardUpload(upload.id);
    throw new HttpError(422, FILE_ERROR_CODES.hashMismatch, '文件在传输中损坏（校验值不符），请重新上传', { field: 'sha256' });
  }
  if (!isAllowedContentType(contentType) || !looksLike(contentType, got.head)) {
    await storage.discardUpload(upload.id);
    throw new HttpError(415, FILE_ERROR_CODES.badType, '文件内容与所说的类型不符：只能上传照片（JPEG、PNG、WebP）或 PDF 文件', {
      field: 'contentType',
    });
  }
  // The blob goes in place before the row that points at it, so a row never names missing bytes.
  if (await storage.hasBlob(got.sha256)) await storage.discardUpload(upload.id);
  else await storage.keepUpload(upload.id, got.sha256);
  await db.transaction(async (tx) => {
    const stored = await recordFile(tx, { sha256: got.sha256, contentType, size: got.size, areaCode, createdBy: caller.userId });
    await recordAudit(tx, [
      {
        ...actor(caller),
        action: 'upload_file',
        collection: 'files',
        documentId: got.sha256,
        areaCode,
        details: { size: got.size, contentType, newBlob: stored.newBlob, newArea: stored.newArea },
      },
    ]);
  });
}
