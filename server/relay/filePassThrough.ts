import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FILES_PATH } from '../../shared/files/limits';
import { APP_VERSION_HEADER } from '../../shared/wire/appVersion';
import { errorBody } from '../http/errors';
import { UpstreamUnreachable, type UpstreamLink } from './upstreamLink';

/** What a laptop's file request carries that the county needs (its own token among them). */
const SENT = ['authorization', 'tus-resumable', 'upload-length', 'upload-offset', 'upload-metadata', 'upload-defer-length', 'content-type', 'content-length', APP_VERSION_HEADER];
/** What the county's answer carries that the laptop needs. */
const RETURNED = ['tus-resumable', 'upload-offset', 'upload-length', 'upload-metadata', 'location', 'content-type', 'content-length', 'cache-control', 'etag', 'tus-version', 'tus-max-size', 'retry-after'];

/**
 * Attachments at a township station go straight through to the county, under the laptop's own
 * token (the county checks who sends and fetches each file, exactly as for a laptop it sees
 * directly); the station keeps no file. While the county is away the answer is 503 and the laptop's
 * upload queue keeps the file and tries again later — a photo is never lost, only late.
 */
export function registerFilePassThrough(app: FastifyInstance, link: UpstreamLink): void {
  app.register(async (files) => {
    // Bodies (tus PATCH chunks) go on as they arrive, unread and unlimited here: the county limits them.
    files.removeAllContentTypeParsers();
    files.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    const passOn = async (request: FastifyRequest, reply: FastifyReply) => {
      const headers: Record<string, string> = {};
      for (const name of SENT) {
        const value = request.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const hasBody = request.method === 'PATCH' || (request.method === 'POST' && Number(headers['content-length'] ?? 0) > 0);
      let answer: Response;
      try {
        answer = await link.fetch(request.url, {
          method: request.method,
          headers,
          ...(hasBody ? { body: Readable.toWeb(request.raw) as ReadableStream, duplex: 'half' } : {}),
          // A chunk on a slow station line may take its time; the link's own limit is for small requests.
          signal: AbortSignal.timeout(10 * 60_000),
        } as RequestInit);
      } catch (error) {
        if (!(error instanceof UpstreamUnreachable)) throw error;
        return reply.status(503).header('retry-after', '30').send(errorBody('upstream_unavailable', '县级服务器暂时连不上，附件先保存在本机，连上后自动上传'));
      }
      reply.status(answer.status);
      for (const name of RETURNED) {
        const value = answer.headers.get(name);
        if (value !== null) reply.header(name, value);
      }
      if (!answer.body || request.method === 'HEAD') {
        await answer.body?.cancel().catch(() => undefined);
        return reply.send();
      }
      return reply.send(Readable.fromWeb(answer.body as WebReadableStream));
    };
    for (const method of ['GET', 'HEAD', 'POST', 'PATCH'] as const) {
      files.route({ method, url: `${FILES_PATH}*`, handler: passOn, exposeHeadRoute: false });
    }
    files.route({ method: 'POST', url: FILES_PATH.replace(/\/$/, ''), handler: passOn });
  });
}
