import type { FastifyInstance } from 'fastify';
import { exportAuditSchema } from '../../shared/exports/exportAudit';
import type { TokenKeys } from '../auth/tokenKeys';
import { authenticate, requirePerson } from '../auth/caller';
import { narrowScope } from '../auth/scopeFilter';
import type { Database } from '../db/database';
import { parseBody } from '../http/parseBody';
import { actor, recordAudit } from './auditLog';

/**
 * `POST /api/v1/audit/exports` — the app reports an Excel export or a printed form: kind,
 * filter summary, row count and area, never the data. Any signed-in person (not a township
 * relay's account) may export what they can read; the area must lie inside the caller's scope.
 * Exports made offline arrive later and may be re-sent: the app's `exportId` makes a second copy
 * store nothing.
 */
export function registerExportAuditRoute(app: FastifyInstance, deps: { db: Database; tokenKeys: TokenKeys }): void {
  const { db, tokenKeys } = deps;
  app.post('/api/v1/audit/exports', async (request, reply) => {
    const caller = await authenticate(request, db, tokenKeys);
    // A relay exports nothing: it has no screen to export from.
    requirePerson(caller);
    const record = parseBody(exportAuditSchema, request.body);
    const areaPrefix = narrowScope(caller, record.areaPrefix);
    const stored = await db.transaction(async (tx) => {
      // Two copies of one record sent at once (a retry racing its original) wait for each other.
      await tx.query('SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext($1))) AS locked', [`export:${record.exportId}`]);
      const seen = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_log
          WHERE user_id = $1 AND action = 'export' AND details->>'exportId' = $2`,
        [caller.userId, record.exportId],
      );
      if ((seen[0]?.n ?? 0) > 0) return false;
      await recordAudit(tx, [
        {
          ...actor(caller),
          action: 'export',
          collection: record.kind,
          documentId: record.documentId ?? null,
          details: {
            exportId: record.exportId,
            kind: record.kind,
            areaPrefix,
            rowCount: record.rowCount,
            filter: record.filter,
            exportedAt: record.at,
          },
        },
      ]);
      return true;
    });
    return reply.code(stored ? 201 : 200).send({ recorded: stored });
  });
}
