import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FILES_PATH } from '../../shared/files/limits';
import { APP_VERSION_HEADER } from '../../shared/wire/appVersion';
import { errorBody } from '../http/errors';
import { UpstreamUnreachable, type UpstreamLink } from './upstreamLink';

/** What a laptop's request carries that the county needs (its own token among them). */
const SENT = ['authorization', 'tus-resumable', 'upload-length', 'upload-offset', 'upload-metadata', 'upload-defer-length', 'content-type', 'content-length', APP_VERSION_HEADER];

/**
 * The county's online-only routes a laptop at the station may use while the county answers: the
 * dashboard, 今日汇总's report, account administration, policy periods, the audit log and export
 * audit entries, USB bundle imports, county settings. The county checks the laptop's own token
 * and role for each as always; the station adds nothing and keeps nothing.
 */
const COUNTY_ROUTES = ['/api/v1/stats/', '/api/v1/reports/', '/api/v1/admin/', '/api/v1/policies', '/api/v1/audit', '/api/v1/bundles/', '/api/v1/county-settings'];
/** What the county's answer carries that the laptop needs. */
const RETURNED = ['tus-resumable', 'upload-offset', 'upload-length', 'upload-metadata', 'location', 'content-type', 'content-length', 'cache-control', 'etag', 'tus-version', 'tus-max-size', 'retry-after'];

/**
 * Attachments and the county's online-only routes at a township station go straight through to
 * the county, under the laptop's own token (the county checks who sends and fetches each file,
 * exactly as for a laptop it sees directly); the station keeps nothing. While the county is away the
 * answer is 503 in words: the laptop's upload queue keeps a file and tries again later — a photo is
 * never lost, only late — and an online-only page says the county cannot be reached.
 */
export function registerCountyPassThrough(app: FastifyInstance, link: UpstreamLink): void {
  app.register(async (scope) => {
    // Bodies (tus PATCH chunks) go on as they arrive, unread and unlimited here: the county limits them.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    const passOn = async (request: FastifyRequest, reply: FastifyReply) => {
      // Only the routes named here go on: a path that names another once its dots are resolved
      // (`/api/v1/files/../auth/login`) is refused, never sent to the county as it would resolve.
      const path = request.url.split('?', 1)[0]!;
      const resolved = new URL(request.url, 'http://relay.invalid').pathname;
      if (resolved !== path || !(resolved.startsWith(FILES_PATH) || COUNTY_ROUTES.some((prefix) => resolved === prefix || resolved.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)))) {
        return reply.status(404).send(errorBody('not_found', '找不到该地址'));
      }
      const headers: Record<string, string> = {};
      for (const name of SENT) {
        const value = request.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const hasBody = request.body instanceof Readable;
      // A gzip body was inflated on its way in (the compress plugin): it goes on inflated, its length unknown.
      if (typeof request.headers['content-encoding'] === 'string') delete headers['content-length'];
      let answer: Response;
      try {
        answer = await link.fetch(request.url, {
          method: request.method,
          headers,
          ...(hasBody ? { body: Readable.toWeb(request.body as Readable) as ReadableStream, duplex: 'half' } : {}),
          // A chunk on a slow station line may take its time; the link's own limit is for small requests.
          signal: AbortSignal.timeout(10 * 60_000),
        } as RequestInit);
      } catch (error) {
        if (!(error instanceof UpstreamUnreachable)) throw error;
        const words = request.url.startsWith(FILES_PATH) ? '县级服务器暂时连不上，附件先保存在本机，连上后自动上传' : '县级服务器暂时连不上，这项功能要连上县里才能用，请稍后再试';
        return reply.status(503).header('retry-after', '30').send(errorBody('upstream_unavailable', words));
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
      scope.route({ method, url: `${FILES_PATH}*`, handler: passOn, exposeHeadRoute: false });
    }
    scope.route({ method: 'POST', url: FILES_PATH.replace(/\/$/, ''), handler: passOn });
    for (const prefix of COUNTY_ROUTES) {
      for (const method of ['GET', 'POST'] as const) {
        scope.route({ method, url: prefix.endsWith('/') ? `${prefix}*` : prefix, handler: passOn });
        if (!prefix.endsWith('/')) scope.route({ method, url: `${prefix}/*`, handler: passOn });
      }
    }
  });
}
