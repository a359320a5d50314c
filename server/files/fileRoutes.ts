import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FILE_ERROR_CODES, FILES_PATH, isSha256Hex, parseUploadId, uploadUrlFor } from '../../shared/files/limits';
import { actor, recordAudit } from '../audit/auditLog';
import type { TokenKeys } from '../auth/tokenKeys';
import { authenticate, type Caller } from '../auth/caller';
import type { Database } from '../db/database';
import { HttpError } from '../http/errors';
import { fileBelongsToArea, findFileInScope } from './fileRecords';
import type { FileStorage } from './fileStorage';
import { finishUpload } from './finishUpload';
import { createTusServer } from './tusServer';
import { checkUploadClaim, requireAreaInScope } from './uploadChecks';
import { storeUploadId, storeUploadIdFor } from './uploadIds';

const TUS_VERSION = '1.0.0';
const DAY_MS = 24 * 60 * 60 * 1000;
/** A laptop may be out of reach for weeks; past a month its half-sent file is started again. */
export const UNFINISHED_UPLOAD_DAYS = 30;

export interface FileRouteDeps {
  db: Database;
  tokenKeys: TokenKeys;
  storage: FileStorage;
  /** Origins allowed to call the API, as in the server's CORS settings. */
  allowedOrigin: (origin: string) => boolean;
}

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const notFound = () => new HttpError(404, FILE_ERROR_CODES.notFound, '服务器上没有这个文件');

/**
 * Attachments (sync-protocol.md, "Files"): tus uploads at `/api/v1/files/` and the stored blobs
 * at `/api/v1/files/sha256/HEX`. Every request is authenticated and scope-checked here, before
 * tus reads a byte; tus then gets the raw request and answer, untouched by Fastify's body
 * parsers and compression.
 */
export async function registerFileRoutes(app: FastifyInstance, deps: FileRouteDeps): Promise<void> {
  const { db, tokenKeys, storage } = deps;
  const tus = createTusServer({
    db,
    storage,
    allowedOrigin: deps.allowedOrigin,
    onFailure: (error) =>
      app.log.error({ code: (error as { code?: string }).code, name: error instanceof Error ? error.name : 'unknown' }, 'file upload failed'),
  });

  // Unfinished uploads older than this go, at start and once a day after.
  const sweep = () => {
    storage
      .sweepUnfinished?.(new Date(Date.now() - UNFINISHED_UPLOAD_DAYS * DAY_MS))
      .then((removed) => removed > 0 && app.log.info({ removed }, 'unfinished uploads swept'))
      .catch((error: unknown) => app.log.error({ name: error instanceof Error ? error.name : 'unknown' }, 'sweeping uploads failed'));
  };
  sweep();
  const sweeper = setInterval(sweep, DAY_MS);
  sweeper.unref();
  app.addHook('onClose', async () => clearInterval(sweeper));

  const handOver = async (request: FastifyRequest, reply: FastifyReply, caller: Caller) => {
    reply.hijack();
    // Headers our hooks set (security, CORS) would be lost with the hijack: carry them over.
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) reply.raw.setHeader(name, value as string | number | string[]);
    }
    await tus.handle(request.raw, reply.raw, caller);
  };

  await app.register(async (files) => {
    // PATCH bodies go to tus as they arrive; no parser may read (or limit, or inflate) them first.
    files.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));

    const create = async (request: FastifyRequest, reply: FastifyReply) => {
      const caller = await authenticate(request, db, tokenKeys);
      const claim = checkUploadClaim(caller, {
        uploadLength: header(request, 'upload-length'),
        uploadMetadata: header(request, 'upload-metadata'),
      });
      if (await storage.hasUpload(storeUploadIdFor(caller, claim.sha256, claim.areaCode))) {
        // tus would start this device's upload afresh; send the client to the one it has begun.
        return reply
          .status(201)
          .header('tus-resumable', TUS_VERSION)
          .header('location', uploadUrlFor(claim.sha256, claim.areaCode))
          .send();
      }
      return handOver(request, reply, caller);
    };
    files.post(FILES_PATH, create);
    files.post(FILES_PATH.replace(/\/$/, ''), create);

    const uploadOf = async (request: FastifyRequest<{ Params: { uploadId: string } }>) => {
      const caller = await authenticate(request, db, tokenKeys);
      const ids = parseUploadId(request.params.uploadId);
      if (!ids) throw notFound();
      requireAreaInScope(caller, ids.areaCode);
      return { caller, ids, storeId: storeUploadId(caller, request.params.uploadId) };
    };

    files.head<{ Params: { uploadId: string } }>(`${FILES_PATH}:uploadId`, async (request, reply) => {
      const { caller, ids, storeId } = await uploadOf(request);
      const pending = await storage.uploads.getUpload(storeId).catch(() => null);
      if (pending && pending.offset === pending.size) {
        // Every byte arrived but the check did not finish (the server stopped, or its answer
        // was lost): finish it now, so "complete" is only ever said of a kept, checked file.
        await finishUpload({ db, storage }, caller, pending);
      } else if (pending) {
        return handOver(request, reply, caller);
      }
      // Finished (by this device or any other) for this very area: nothing left to send.
      const kept = await fileBelongsToArea(db, ids.sha256, ids.areaCode);
      if (!kept) return reply.status(404).header('tus-resumable', TUS_VERSION).send();
      return reply
        .status(200)
        .header('tus-resumable', TUS_VERSION)
        .header('upload-offset', String(kept.size))
        .header('upload-length', String(kept.size))
        .header('cache-control', 'no-store')
        .send();
    });

    files.patch<{ Params: { uploadId: string } }>(`${FILES_PATH}:uploadId`, async (request, reply) => {
      const { caller } = await uploadOf(request);
      return handOver(request, reply, caller);
    });

    const blobOf = async (request: FastifyRequest<{ Params: { hex: string } }>) => {
      const caller = await authenticate(request, db, tokenKeys);
      const { hex } = request.params;
      if (!isSha256Hex(hex)) throw notFound();
      // Held only for areas outside the caller's scope looks the same as not held at all.
      const file = await findFileInScope(db, hex, caller.scope);
      if (!file) throw notFound();
      return { caller, file };
    };
    const blobPath = `${FILES_PATH}sha256/:hex`;

    files.get<{ Params: { hex: string } }>(blobPath, { exposeHeadRoute: false }, async (request, reply) => {
      const { caller, file } = await blobOf(request);
      await recordAudit(db, [
        { ...actor(caller), action: 'download_file', collection: 'files', documentId: file.sha256, areaCode: file.areaCode, details: { size: file.size } },
      ]);
      const bytes = await storage.readBlob(file.sha256);
      return reply
        .type(file.contentType)
        .header('content-length', String(file.size))
        .header('content-disposition', 'attachment')
        .send(bytes);
    });

    files.head<{ Params: { hex: string } }>(blobPath, async (request, reply) => {
      const { file } = await blobOf(request);
      return reply.type(file.contentType).header('content-length', String(file.size)).send();
    });
  });
}
