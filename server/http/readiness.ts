import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { errorBody } from './errors';

/**
 * `GET /api/v1/ready` (sync-protocol.md): 200 only when the database answers and its schema is the
 * one this server migrates to, else 503 — what a load balancer asks before sending laptops here.
 * `/api/v1/health` stays a liveness answer that touches nothing.
 */
export function registerReadiness(app: FastifyInstance, db: Database): void {
  app.get('/api/v1/ready', async (_request, reply) => {
    let version: number | null;
    try {
      const rows = await db.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
      version = rows[0]?.version ?? null;
    } catch {
      return reply.status(503).send(errorBody('database_unreachable', '数据库暂时无法访问'));
    }
    if (version !== LATEST_SCHEMA_VERSION) {
      return reply.status(503).send(errorBody('migrations_pending', '数据库结构版本与服务器不一致', { found: version, expected: LATEST_SCHEMA_VERSION }));
    }
    return { status: 'ready', db: db.kind, schemaVersion: version };
  });
}
