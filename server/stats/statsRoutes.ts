import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { chinaToday } from '../../shared/domain/chinaTime';
import type { Application } from '../../shared/schemas/application';
import type { CareNeed } from '../../shared/schemas/careNeed';
import type { Household } from '../../shared/schemas/household';
import type { Visit } from '../../shared/schemas/visit';
import { dashboardFigures, type DashboardFigures } from '../../shared/stats/figures';
import type { SyncedCollection } from '../../shared/sync/collections';
import { actor, recordAudit } from '../audit/auditLog';
import { authenticate } from '../auth/caller';
import { narrowScope } from '../auth/scopeFilter';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../http/errors';

const statsQuery = z.strictObject({ areaPrefix: z.string().max(12).optional() });

/** The non-deleted documents of one collection within an area prefix. */
async function documentsIn<T>(db: Queryable, collection: SyncedCollection, prefix: string): Promise<T[]> {
  const rows = await db.query<{ data: T }>(
    'SELECT data FROM documents WHERE collection = $1 AND NOT deleted AND area_code LIKE $2',
    [collection, `${prefix}%`],
  );
  return rows.map((row) => row.data);
}

/**
 * The dashboard's figures for an area, from the same function the app runs on its local data.
 * A first, simple version: it reads the scope's documents and computes in the process. A county
 * (a few thousand households) is fine; SQL aggregates can replace the read for the city later.
 */
export async function serverFigures(db: Queryable, prefix: string, today: string): Promise<DashboardFigures> {
  const [households, applications, visits, careNeeds] = await Promise.all([
    documentsIn<Household>(db, 'households', prefix),
    documentsIn<Application>(db, 'applications', prefix),
    documentsIn<Visit>(db, 'visits', prefix),
    documentsIn<CareNeed>(db, 'careNeeds', prefix),
  ]);
  return dashboardFigures({ households, applications, visits, careNeeds, today, scope: prefix });
}

/**
 * `GET /api/v1/stats/dashboard?areaPrefix=` — `{figures: DashboardFigures}` for the caller's scope,
 * or a narrower area in it (403 outside it), scoped exactly like a pull.
 */
export function registerStatsRoutes(app: FastifyInstance, deps: { db: Database; secret: string }): void {
  const { db, secret } = deps;
  app.get('/api/v1/stats/dashboard', async (request) => {
    const caller = await authenticate(request, db, secret);
    const query = statsQuery.safeParse(request.query);
    if (!query.success) throw new HttpError(400, 'bad_request', '查询参数无效', { field: 'areaPrefix' });
    const prefix = narrowScope(caller, query.data.areaPrefix);
    const figures = await serverFigures(db, prefix, chinaToday());
    await recordAudit(db, [
      { ...actor(caller), action: 'view', collection: 'stats', details: { areaPrefix: prefix, via: 'dashboard' } },
    ]);
    return { figures };
  });
}
