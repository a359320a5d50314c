import type { AuditEntryView } from '../../shared/wire/audit';
import type { Queryable } from '../db/database';

export interface AuditFilter {
  /** Digits only (checked by the caller); '' means every row, including those with no area (admin). */
  areaPrefix: string;
  userId?: string | undefined;
  documentId?: string | undefined;
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Paging: only entries older than this id. */
  beforeId?: number | undefined;
  limit: number;
}

interface AuditRow {
  id: number;
  at: Date | string;
  user_id: string | null;
  device_id: string | null;
  role: string | null;
  action: string;
  collection: string | null;
  document_id: string | null;
  area_code: string | null;
  details: Record<string, unknown> | null;
}

/**
 * Newest first. A `documentId` filter finds the entries about that document (create, change,
 * export…) and the view entries whose `details.documentIds` list it (who saw it, by pull or stream);
 * the partial GIN index of migration 5 serves the second half.
 */
export async function queryAudit(db: Queryable, filter: AuditFilter): Promise<AuditEntryView[]> {
  const rows = await db.query<AuditRow>(
    `SELECT id, at, user_id, device_id, role, action, collection, document_id, area_code, details
       FROM audit_log
      WHERE ($1::text = '' OR area_code LIKE $1::text || '%')
        AND ($2::text IS NULL OR user_id = $2::text)
        AND ($3::text IS NULL OR document_id = $3::text
             OR (action = 'view' AND details->'documentIds' @> jsonb_build_array($3::text)))
        AND ($4::timestamptz IS NULL OR at >= $4::timestamptz)
        AND ($5::timestamptz IS NULL OR at <= $5::timestamptz)
        AND ($6::bigint IS NULL OR id < $6::bigint)
        AND ($7::text IS NULL OR action = $7::text)
      ORDER BY id DESC
      LIMIT $8`,
    [
      filter.areaPrefix,
      filter.userId ?? null,
      filter.documentId ?? null,
      filter.from?.toISOString() ?? null,
      filter.to?.toISOString() ?? null,
      filter.beforeId ?? null,
      filter.action ?? null,
      filter.limit,
    ],
  );
  return rows.map((r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    userId: r.user_id,
    deviceId: r.device_id,
    role: r.role,
    action: r.action,
    collection: r.collection,
    documentId: r.document_id,
    areaCode: r.area_code,
    details: r.details,
  }));
}
