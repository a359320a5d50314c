import type { Caller } from '../auth/caller';
import type { Queryable } from '../db/database';

/** What can happen to data or accounts; `export` covers Excel exports and printed forms. */
export type AuditAction =
  | 'create'
  | 'change'
  | 'view'
  | 'login'
  | 'login_failed'
  | 'refresh'
  | 'refresh_failed'
  // A used refresh token came back outside its one allowed retry: the device's session was ended.
  | 'refresh_replay'
  | 'logout'
  | 'deactivate_user'
  | 'revoke_device'
  | 'create_user'
  | 'reset_password'
  | 'import'
  | 'export'
  // Attachments: who sent or read which file (by its SHA-256), never the bytes.
  | 'upload_file'
  | 'download_file'
  // A township's ID-number search key was rotated (by the system: `search-keys rotate`, or the start after migration 7).
  | 'rotate_search_key'
  // A month of this log older than the retention was exported and dropped (`audit archive`): which month, how many entries, the file's SHA-256.
  | 'archive_audit_month'
  // A county's rollout setting (the idle-lock time) was changed: `POST /api/v1/county-settings`.
  | 'change_setting'
  // 码上查: a resident's lookup of a tracking code (its result; never the code or the ID characters).
  | 'status_check'
  // A township relay handed in a laptop's signed push batch that stored something (author, device, batch, count).
  | 'forward';

/**
 * One row of the audit log. `details` holds ids, field names, counts and reasons — never the
 * values of a document, a password or a token, so the log itself is not a copy of the data.
 */
export interface AuditEntry {
  userId: string | null;
  deviceId: string | null;
  role: string | null;
  action: AuditAction;
  collection?: string | null;
  documentId?: string | null;
  /** Where the event belongs: the document's village, or the user's own area for other events. */
  areaCode: string | null;
  details?: Record<string, unknown> | null;
}

/** The acting user's columns, for events a signed-in caller causes. */
export function actor(caller: Caller): Pick<AuditEntry, 'userId' | 'deviceId' | 'role' | 'areaCode'> {
  return { userId: caller.userId, deviceId: caller.deviceId, role: caller.role, areaCode: caller.areaCode };
}

/** Appends entries in one statement, in the order given. Pass a transaction to tie them to a write. */
export async function recordAudit(db: Queryable, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((e) => ({
    user_id: e.userId,
    device_id: e.deviceId,
    role: e.role,
    action: e.action,
    collection: e.collection ?? null,
    document_id: e.documentId ?? null,
    area_code: e.areaCode,
    details: e.details ?? null,
  }));
  await db.query(
    `INSERT INTO audit_log (user_id, device_id, role, action, collection, document_id, area_code, details)
     SELECT e.value->>'user_id', e.value->>'device_id', e.value->>'role', e.value->>'action',
            e.value->>'collection', e.value->>'document_id', e.value->>'area_code',
            NULLIF(e.value->'details', 'null'::jsonb)
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(value, n)
      ORDER BY e.n`,
    [JSON.stringify(rows)],
  );
}
