import { existsSync } from 'node:fs';
import fastifyCompress from '@fastify/compress';
import fastifyCors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { PUSH_SIGNATURE_HEADER } from '../shared/sync/pushSignature';
import { APP_VERSION_HEADER } from '../shared/wire/appVersion';
import type { TrustProxySetting } from './config';
import { FILE_CORS } from './files/fileCors';
import { countRequests } from './metrics/metricsRoute';
import { ServerMetrics } from './metrics/serverMetrics';
import { appFileOptions } from './http/appFiles';
import { BODY_LIMITS } from './http/bodyLimits';
import { answerErrors } from './http/errorHandler';
import { errorBody, HttpError } from './http/errors';
import { frameworkErrorAnswer } from './http/frameworkErrors';
import { registerRequestLog, safeLoggerOptions, type LoggerSetting } from './http/logging';
import { registerSecurityHeaders } from './http/securityHeaders';

/**
 * What the central server (server/app.ts) and a township relay (server/relay/relayApp.ts) set up
 * alike, so the two programs laptops talk to answer in the same way: headers, logs without
 * personal data, CORS, gzip both ways, the error shape, and the web app's files.
 */

const APP_ORIGINS = ['app://jiuzhu'];

/** Fastify with the security headers first (so that even early answers carry them), the request log and request counts. */
export function createWebServer(settings: { logger?: LoggerSetting; hsts: boolean; trustProxy?: TrustProxySetting }): FastifyInstance {
  const app = Fastify({
    logger: safeLoggerOptions(settings.logger),
    // Fastify's own request lines print the raw URL and the client's address; ours (logging.ts) do not.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMITS.default,
    frameworkErrors: frameworkErrorAnswer({ hsts: settings.hsts }),
    trustProxy: settings.trustProxy ?? false,
  });
  registerSecurityHeaders(app, { hsts: settings.hsts });
  registerRequestLog(app);
  countRequests(app, new ServerMetrics());
  return app;
}

/**
 * CORS for the desktop app's origin (and `corsOrigins`), gzip responses and request bodies, and the
 * error shape for every answer. Returns whether an origin is allowed (the file routes ask it too).
 */
export async function registerBrowserAccess(app: FastifyInstance, corsOrigins: readonly string[] = []): Promise<(origin: string) => boolean> {
  const allowed = new Set([...APP_ORIGINS, ...corsOrigins]);
  await app.register(fastifyCors, {
    origin: (origin, cb) => cb(null, origin === undefined || allowed.has(origin)),
    allowedHeaders: ['authorization', 'content-type', 'content-encoding', APP_VERSION_HEADER, PUSH_SIGNATURE_HEADER, ...FILE_CORS.allowedHeaders],
    methods: ['GET', 'POST', 'HEAD', 'OPTIONS', ...FILE_CORS.methods],
    exposedHeaders: [...FILE_CORS.exposedHeaders],
  });
  // Responses and request bodies in gzip: a village's push over a slow link is a third of its size.
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    encodings: ['gzip', 'deflate'],
    requestEncodings: ['gzip'],
    onUnsupportedRequestEncoding: () => new HttpError(415, 'unsupported_encoding', '只支持 gzip 压缩的请求'),
    onInvalidRequestPayload: () => new HttpError(400, 'bad_request', '压缩的请求内容已损坏'),
  });
  app.setErrorHandler(answerErrors);
  return (origin) => allowed.has(origin);
}

/**
 * The web app's built files (when `staticDir` exists): any other GET outside `apiPrefixes` opens
 * the app's index.html (its router shows the page); anything else is a 404 in the error shape.
 */
export async function serveWebApp(app: FastifyInstance, staticDir: string | null | undefined, apiPrefixes: readonly string[]): Promise<void> {
  if (staticDir && existsSync(staticDir)) await app.register(fastifyStatic, appFileOptions(staticDir));
  app.setNotFoundHandler((request, reply) => {
    if (!apiPrefixes.some((prefix) => request.url.startsWith(prefix)) && staticDir && existsSync(staticDir) && request.method === 'GET') {
      return reply.sendFile('index.html');
    }
    return reply.status(404).send(errorBody('not_found', '找不到该地址'));
  });
}
