import type { Role } from '../../shared/auth/roles';
import type { UserRef } from '../../shared/schemas/reference';
import type { AdminDevice, AdminUser } from '../../shared/wire/adminUsers';
import { hashPassword } from '../auth/passwords';
import type { Queryable } from '../db/database';
import { storeDocuments } from '../storage/documentStore';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  area_code: string;
  active: boolean;
}

interface DeviceRow {
  user_id: string;
  device_id: string;
  device_name: string | null;
  revoked_at: Date | string | null;
  last_seen_at: Date | string;
}

const iso = (value: Date | string) => new Date(value).toISOString();

const toDevice = (row: DeviceRow): AdminDevice => ({
  deviceId: row.device_id,
  deviceName: row.device_name,
  revokedAt: row.revoked_at === null ? null : iso(row.revoked_at),
  lastSeenAt: iso(row.last_seen_at),
});

/** Users whose area starts with the prefix, with their devices; ordered by area, then username. */
export async function listUsers(db: Queryable, areaPrefix: string): Promise<AdminUser[]> {
  const users = await db.query<UserRow>(
    `SELECT id, username, display_name, role, area_code, active FROM users
      WHERE area_code LIKE $1 || '%' ORDER BY area_code, username`,
    [areaPrefix],
  );
  return withDevices(db, users);
}

export async function findAdminUser(db: Queryable, id: string): Promise<AdminUser | null> {
  const users = await db.query<UserRow>('SELECT id, username, display_name, role, area_code, active FROM users WHERE id = $1', [id]);
  return (await withDevices(db, users))[0] ?? null;
}

async function withDevices(db: Queryable, users: UserRow[]): Promise<AdminUser[]> {
  const devices = await db.query<DeviceRow>(
    `SELECT user_id, device_id, device_name, revoked_at, last_seen_at FROM devices
      WHERE user_id = ANY($1::text[]) ORDER BY last_seen_at DESC, device_id`,
    [users.map((u) => u.id)],
  );
  return users.map((u) => {
    const own = devices.filter((d) => d.user_id === u.id).map(toDevice);
    return {
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      role: u.role,
      areaCode: u.area_code,
      active: u.active,
      lastSeenAt: own[0]?.lastSeenAt ?? null,
      devices: own,
    };
  });
}

/**
 * Deactivates a user: sign-in, refresh and every request of every device stop at once. The
 * user's reference record says so too, so colleagues' apps show the account as inactive.
 * Returns whether the user was active before.
 */
export async function deactivateUser(tx: Queryable, id: string): Promise<boolean> {
  const rows = await tx.query<UserRow & { was_active: boolean }>(
    `UPDATE users u SET active = false FROM users old WHERE u.id = $1 AND old.id = u.id
     RETURNING u.id, u.display_name, u.role, u.area_code, old.active AS was_active`,
    [id],
  );
  const row = rows[0];
  if (!row) return false;
  await tx.query('DELETE FROM refresh_tokens WHERE user_id = $1', [id]);
  // A relay has no reference record (userStore.ts `addUser`): nothing to mark.
  if (row.was_active && row.role !== 'relay') {
    const ref: UserRef = { id, areaCode: row.area_code, displayName: row.display_name, role: row.role, active: false, updatedAt: Date.now() };
    await storeDocuments(tx, 'users', [{ doc: { ...ref }, deleted: false }]);
  }
  return row.was_active;
}

/** Sets a new password; every refresh token of the user ends, so each device signs in again. */
export async function resetPassword(tx: Queryable, id: string, password: string): Promise<void> {
  await tx.query('UPDATE users SET password_hash = $2 WHERE id = $1', [id, await hashPassword(password)]);
  await tx.query('DELETE FROM refresh_tokens WHERE user_id = $1', [id]);
}

/** Revokes one device of a user. Null when the user has no such device; else whether it was still active. */
export async function revokeDevice(tx: Queryable, userId: string, deviceId: string): Promise<boolean | null> {
  const rows = await tx.query<{ was_active: boolean }>(
    `UPDATE devices d SET revoked_at = COALESCE(d.revoked_at, now()) FROM devices old
      WHERE d.user_id = $1 AND d.device_id = $2 AND old.user_id = d.user_id AND old.device_id = d.device_id
      RETURNING old.revoked_at IS NULL AS was_active`,
    [userId, deviceId],
  );
  const row = rows[0];
  if (!row) return null;
  await tx.query('DELETE FROM refresh_tokens WHERE user_id = $1 AND device_id = $2', [userId, deviceId]);
  return row.was_active;
}
