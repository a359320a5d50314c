/**
 * `GET /metrics` (sync-protocol.md): the Prometheus text format. It names no person, but it does
 * show how a county's offices work, so it is not public: with `JIUZHU_METRICS_TOKEN` set a scraper
 * sends `Authorization: Bearer <token>`; without it only this machine (loopback) may read it.
 * Every answered request is counted here too, by its route template (never the raw URL).
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FILES_PATH } from '../../shared/files/limits';
import { HttpError } from '../http/errors';
import type { ServerMetrics } from './serverMetrics';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: ServerMetrics;
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function mayScrape(request: FastifyRequest, token: string | undefined): boolean {
  if (!token) return LOOPBACK.has(request.ip);
  const header = request.headers.authorization ?? '';
  return header.startsWith('Bearer ') && sameSecret(header.slice('Bearer '.length), token);
}

/** First, before any route: every route is counted, and `app.metrics` is there for the routes to count their work. */
export function countRequests(app: FastifyInstance, metrics: ServerMetrics): void {
  app.decorate('metrics', metrics);
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.requestAnswered(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    // A tus PATCH body is the upload's next bytes.
    if (request.method === 'PATCH' && route.startsWith(FILES_PATH) && reply.statusCode < 300) {
      metrics.uploaded(Number(request.headers['content-length'] ?? 0));
    }
  });
}

/** After the error handler is set, so a refusal has the contract's error body. */
export function registerMetricsRoute(app: FastifyInstance, token: string | undefined): void {
  const metrics = app.metrics;
  app.get('/metrics', async (request, reply) => {
    if (!mayScrape(request, token)) {
      throw new HttpError(403, 'forbidden', token ? '需要有效的监控令牌（JIUZHU_METRICS_TOKEN）' : '监控指标只对本机开放；远程采集请设置 JIUZHU_METRICS_TOKEN');
    }
    return reply.type(metrics.registry.contentType).header('cache-control', 'no-store').send(await metrics.registry.metrics());
  });
}
