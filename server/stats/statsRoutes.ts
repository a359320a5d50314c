import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Role } from '../../shared/auth/roles';
import { chinaToday } from '../../shared/domain/chinaTime';
import type { DashboardAnswer } from '../../shared/wire/dashboard';
import { actor, recordAudit } from '../audit/auditLog';
import type { TokenKeys } from '../auth/tokenKeys';
import { authenticate, requireRole } from '../auth/caller';
import { narrowScope } from '../auth/scopeFilter';
import type { Database } from '../db/database';
import { HttpError } from '../http/errors';
import { serverFigures } from './serverFigures';

const statsQuery = z.strictObject({ areaPrefix: z.string().max(12).optional() });

/**
 * Who may ask the server for figures. Counties and the city need it (their scope is too large to
 * hold on a laptop); a township or its social worker may compare its local figures with the
 * server's (the dashboard's 改看服务器汇总 switch). A village assistant always counts locally.
 */
const statsRoles: readonly Role[] = ['township', 'social_worker', 'county', 'city', 'admin'];

/**
 * `GET /api/v1/stats/dashboard?areaPrefix=` — `{figures: DashboardFigures}` for the caller's scope,
 * or a narrower area in it (403 outside it), scoped exactly like a pull.
 */
export function registerStatsRoutes(app: FastifyInstance, deps: { db: Database; tokenKeys: TokenKeys }): void {
  const { db, tokenKeys } = deps;
  app.get('/api/v1/stats/dashboard', async (request): Promise<DashboardAnswer> => {
    const caller = await authenticate(request, db, tokenKeys);
    requireRole(caller, statsRoles);
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
