import type { FastifyInstance } from 'fastify';
import { findArea } from '../../shared/areas';
import { countySettingsBodySchema, type CountySettingsAnswer } from '../../shared/wire/countySettings';
import { actor, recordAudit } from '../audit/auditLog';
import type { TokenKeys } from '../auth/tokenKeys';
import { authenticate, requireRole } from '../auth/caller';
import type { Database } from '../db/database';
import { BODY_LIMITS } from '../http/bodyLimits';
import { HttpError } from '../http/errors';
import { idleMinutesFor, setCountyIdleMinutes } from './countySettings';

/**
 * `POST /api/v1/county-settings` `{county, idleMinutes}`: a county's rollout settings (the idle-lock
 * time) from the county's own staff, or the city's and admins' for any county; the same as
 * `county set` on the command line. Out of bounds is a 422 naming the field in words; laptops take
 * the new value at their next sign-in or token refresh.
 */
export function registerCountySettingsRoutes(app: FastifyInstance, deps: { db: Database; tokenKeys: TokenKeys }): void {
  const { db, tokenKeys } = deps;
  app.post('/api/v1/county-settings', { bodyLimit: BODY_LIMITS.auth }, async (request): Promise<CountySettingsAnswer> => {
    const caller = await authenticate(request, db, tokenKeys);
    requireRole(caller, ['county', 'city', 'admin']);
    const parsed = countySettingsBodySchema.safeParse(request.body);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
      throw new HttpError(422, 'invalid_setting', fields.map((f) => (f.field ? `${f.field}：${f.message}` : f.message)).join('；'), { fields });
    }
    const { county, idleMinutes } = parsed.data;
    if (findArea(county)?.level !== 'county') throw new HttpError(422, 'invalid_setting', 'county：不是滨州市的县区代码', { fields: [{ field: 'county', message: '不是滨州市的县区代码' }] });
    if (!county.startsWith(caller.scope)) throw new HttpError(403, 'out_of_scope', '该县区不在您的管理范围内', { county });
    await db.transaction(async (tx) => {
      await setCountyIdleMinutes(tx, county, idleMinutes);
      await recordAudit(tx, [{ ...actor(caller), action: 'change_setting', details: { county, setting: 'idleMinutes', value: idleMinutes } }]);
    });
    return { county, idleMinutes: await idleMinutesFor(db, county) };
  });
}
