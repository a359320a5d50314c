import type { IncomingMessage, ServerResponse } from 'node:http';
import { Server, type ServerOptions } from '@tus/server';
import { FILES_PATH, MAX_FILE_BYTES, UPLOAD_METADATA } from '../../shared/files/limits';
import type { Caller } from '../auth/caller';
import type { Database } from '../db/database';
import { errorBody, HttpError } from '../http/errors';
import type { FileStorage } from './fileStorage';
import { finishUpload } from './finishUpload';
import { publicUploadId, storeUploadId, storeUploadIdFor } from './uploadIds';

/** tus's request type (srvx's), named without depending on srvx. */
type ServerRequest = Parameters<NonNullable<ServerOptions['namingFunction']>>[0];

/** Codes for tus's own refusals (its bodies are plain text), in the contract's error shape. */
const TUS_CODES: Record<number, [string, string]> = {
  400: ['bad_request', '上传请求格式错误'],
  403: ['forbidden', '不允许此操作'],
  404: ['not_found', '找不到这次上传，请重新开始'],
  409: ['offset_conflict', '上传位置不一致，请先查询已上传的位置'],
  410: ['not_found', '这次上传已过期，请重新开始'],
  412: ['bad_request', '需要 Tus-Resumable 请求头'],
  413: ['file_too_large', '文件太大'],
  423: ['locked', '这次上传正在进行中，请稍后再试'],
};

/**
 * The tus 1.0.0 server behind `/api/v1/files/`. It never sees a request that has not been
 * authenticated and checked (fileRoutes.ts does that and lends it the caller); it names each
 * upload after the caller's device, area and hash so a cut upload is found again after a
 * restart, and hashes the bytes when the last one arrives.
 */
export function createTusServer(deps: {
  db: Database;
  storage: FileStorage;
  allowedOrigin: (origin: string) => boolean;
  /** Told of unexpected failures (names and codes only). */
  onFailure: (error: unknown) => void;
}) {
  const callers = new WeakMap<IncomingMessage, Caller>();
  const callerOf = (req: ServerRequest): Caller => {
    const raw = (req as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
    const caller = raw ? callers.get(raw) : undefined;
    // Unreachable through fileRoutes; refusing beats acting for nobody.
    if (!caller) throw new HttpError(401, 'unauthorized', '未登录或登录已过期');
    return caller;
  };
  const server = new Server({
    path: FILES_PATH.replace(/\/$/, ''),
    datastore: deps.storage.uploads,
    maxSize: MAX_FILE_BYTES,
    allowedOrigins: deps.allowedOrigin,
    namingFunction: (req, metadata) =>
      storeUploadIdFor(callerOf(req), metadata?.[UPLOAD_METADATA.sha256] ?? '', metadata?.[UPLOAD_METADATA.areaCode] ?? ''),
    getFileIdFromRequest: (req, lastPath) => (lastPath ? storeUploadId(callerOf(req), lastPath) : undefined),
    // Relative, and without the device part: the client resolves it against the address it used.
    generateUrl: (_req, { id }) => `${FILES_PATH}${publicUploadId(id)}`,
    onUploadFinish: async (req, upload) => {
      await finishUpload(deps, callerOf(req), upload);
      return {};
    },
    onResponseError: (_req, error) => {
      if (error instanceof HttpError) {
        return { status_code: error.status, body: JSON.stringify(errorBody(error.code, error.message, error.details)) };
      }
      const status = 'status_code' in error && typeof error.status_code === 'number' ? error.status_code : 500;
      const known = TUS_CODES[status];
      if (known) return { status_code: status, body: JSON.stringify(errorBody(known[0], known[1])) };
      // tus would put the error's own message in the body; it stays on the server.
      deps.onFailure(error);
      return { status_code: 500, body: JSON.stringify(errorBody('internal', '服务器内部错误，请稍后重试')) };
    },
  });
  return {
    /** Lets tus answer this request on behalf of the authenticated caller. */
    async handle(raw: IncomingMessage, res: ServerResponse, caller: Caller): Promise<void> {
      callers.set(raw, caller);
      await server.handle(raw, res);
    },
  };
}
