import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AuditAnswer } from '../../shared/wire/audit';
import type { TokenKeys } from '../auth/tokenKeys';
import { authenticate, requireRole } from '../auth/caller';
import { narrowScope } from '../auth/scopeFilter';
import type { Database } from '../db/database';
import { storableString } from '../db/storableText';
import { HttpError } from '../http/errors';
import { actor, recordAudit } from './auditLog';
import { queryAudit } from './auditQuery';
import { registerExportAuditRoute } from './exportAuditRoutes';

/** Roles that oversee others' work; a township or village reads no one's trail. */
const AUDIT_READERS = ['county', 'city', 'admin'] as const;

// Years 1970–9999: what both JavaScript and PostgreSQL timestamps can hold without overflow.
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

// Date.parse alone also accepts loose forms ("-5" is the year 2001), so ISO 8601 is checked first.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A time as milliseconds since the epoch or an ISO 8601 string. */
const timeParam = z
  .string()
  .max(40)
  .transform((text, ctx) => {
    const ms = /^\d{1,16}$/.test(text) ? Number(text) : ISO_TIME.test(text) ? Date.parse(text) : NaN;
    if (!Number.isFinite(ms) || ms < 0 || ms > MAX_TIME) {
      ctx.addIssue({ code: 'custom', message: 'a time: milliseconds since 1970 or ISO 8601' });
      return z.NEVER;
    }
    return new Date(ms);
  });

// Strict: a misspelt filter must not quietly return the unfiltered trail.
const auditQuery = z.strictObject({
  areaPrefix: z.string().max(12).optional(),
  userId: storableString().min(1).max(80).optional(),
  documentId: storableString().min(1).max(80).optional(),
  action: storableString().min(1).max(40).optional(),
  from: timeParam.optional(),
  to: timeParam.optional(),
  beforeId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** `GET /api/v1/audit` — the trail of the caller's area, newest first: `{entries:[…]}`. */
export function registerAuditRoutes(app: FastifyInstance, deps: { db: Database; tokenKeys: TokenKeys }): void {
  const { db, tokenKeys } = deps;
  app.get('/api/v1/audit', async (request): Promise<AuditAnswer> => {
    const caller = await authenticate(request, db, tokenKeys);
    requireRole(caller, AUDIT_READERS);
    const query = auditQuery.safeParse(request.query);
    if (!query.success) {
      const fields = query.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
      throw new HttpError(400, 'bad_request', `查询参数无效：${fields.map((f) => f.field).join(', ')}`, { fields });
    }
    const { areaPrefix, ...filter } = query.data;
    const entries = await queryAudit(db, { ...filter, areaPrefix: narrowScope(caller, areaPrefix) });
    // Reading the trail is itself an event worth keeping.
    await recordAudit(db, [{ ...actor(caller), action: 'view', collection: 'audit_log', details: { count: entries.length } }]);
    return { entries };
  });
  registerExportAuditRoute(app, deps);
}
