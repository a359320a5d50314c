import type { Queryable } from '../db/database';

/**
 * Distinct documents each village's assistants stored in [from, to), by collection, read from
 * the audit log (every stored write is audited in its push's transaction, with the document's
 * village as area; a USB import is recorded under its author). Edits by the township or county
 * in a village are not "sent by the village" and are left out.
 */
export function receivedByVillage(
  db: Queryable,
  pattern: string,
  from: Date,
  to: Date,
): Promise<{ code: string; collection: string; documents: number; lastAt: number | null }[]> {
  return db.query(
    `SELECT area_code AS code, collection, count(DISTINCT document_id)::int AS documents,
            (extract(epoch FROM max(at)) * 1000)::float8 AS "lastAt"
       FROM audit_log
      WHERE action IN ('create', 'change') AND role = 'assistant' AND area_code LIKE $1
        AND at >= $2::timestamptz AND at < $3::timestamptz
      GROUP BY 1, 2`,
    [pattern, from.toISOString(), to.toISOString()],
  );
}

/** Active village assistants of the area with the last time any of their active devices was seen. */
export function assistantsLastSeen(
  db: Queryable,
  pattern: string,
): Promise<{ userId: string; displayName: string; villageCode: string; lastSeenAt: number | null }[]> {
  return db.query(
    `SELECT u.id AS "userId", u.display_name AS "displayName", u.area_code AS "villageCode",
            (extract(epoch FROM max(d.last_seen_at)) * 1000)::float8 AS "lastSeenAt"
       FROM users u LEFT JOIN devices d ON d.user_id = u.id AND d.revoked_at IS NULL
      WHERE u.role = 'assistant' AND u.active AND u.area_code LIKE $1
      GROUP BY u.id, u.display_name, u.area_code
      ORDER BY u.area_code, u.display_name, u.id`,
    [pattern],
  );
}
