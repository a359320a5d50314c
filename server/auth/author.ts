import { scopePrefix, type Role } from '../../shared/auth/roles';
import type { Queryable } from '../db/database';
import type { Caller } from './caller';

/**
 * The author of a batch that someone else hands in — a USB bundle a township imports, a push a
 * township relay forwards — as the push path needs them: the user and device the batch names, if
 * the user is still active and the device known and not revoked (null otherwise). The batch is then
 * stored as that author's own push: their scope, their write policy, their name in the audit log.
 */
export async function activeAuthor(db: Queryable, userId: string, deviceId: string): Promise<Caller | null> {
  const rows = await db.query<{ role: Role; area_code: string; display_name: string }>(
    `SELECT u.role, u.area_code, u.display_name FROM users u JOIN devices d ON d.user_id = u.id
      WHERE u.id = $1 AND d.device_id = $2 AND u.active AND d.revoked_at IS NULL`,
    [userId, deviceId],
  );
  const row = rows[0];
  if (!row) return null;
  return { userId, deviceId, role: row.role, scope: scopePrefix(row.role, row.area_code), areaCode: row.area_code, displayName: row.display_name };
}
