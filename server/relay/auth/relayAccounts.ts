import { scopePrefix, type Role } from '../../../shared/auth/roles';
import type { Database, Queryable } from '../../db/database';

/**
 * One account of the township as the central server lists it (`GET /api/v1/relay/accounts`), with
 * its devices: declared once in shared/wire/relay.ts. The relay keeps them in relay_accounts and
 * relay_devices: they decide who may sign in at the relay while the county is away, and a device
 * revoked at the county is refused here once the relay has the new list.
 */
export { relayAccountsAnswerSchema, type RelayAccount, type RelayAccountsAnswer } from '../../../shared/wire/relay';
import type { RelayAccount } from '../../../shared/wire/relay';

/**
 * Replaces the relay's copy with the central server's list, in one transaction. The relay holds
 * its own township only: an account outside it (there should be none) is not taken. The password
 * check of an account no longer listed goes with it, and so does every relay session of a device
 * that may no longer sign in (revoked, its user inactive or gone): its next refresh is refused.
 */
export async function replaceAccounts(db: Database, township: string, accounts: readonly RelayAccount[], listedAt = Date.now()): Promise<void> {
  const ours = accounts.filter((account) => account.areaCode.startsWith(township));
  await db.transaction(async (tx) => {
    const devices = ours.flatMap((account) => account.devices.map((device) => ({ userId: account.userId, ...device })));
    // A laptop that signed in through the relay after the county made this list is not in it yet:
    // its rows stay (the next list has it), or its new session would end at once.
    await tx.query(
      `DELETE FROM relay_devices r WHERE r.recorded_at < $1 AND NOT EXISTS (
         SELECT 1 FROM jsonb_array_elements($2::jsonb) AS d WHERE d->>'userId' = r.user_id AND d->>'deviceId' = r.device_id)`,
      [listedAt, JSON.stringify(devices)],
    );
    await tx.query('DELETE FROM relay_accounts a WHERE a.recorded_at < $1 AND NOT EXISTS (SELECT 1 FROM relay_devices d WHERE d.user_id = a.user_id)', [listedAt]);
    if (ours.length > 0) {
      await tx.query(
        `INSERT INTO relay_accounts (user_id, username, display_name, role, area_code, active)
         SELECT a->>'userId', a->>'username', a->>'displayName', a->>'role', a->>'areaCode', (a->>'active')::boolean
           FROM jsonb_array_elements($1::jsonb) AS a
         ON CONFLICT (user_id) DO UPDATE SET username = EXCLUDED.username, display_name = EXCLUDED.display_name,
           role = EXCLUDED.role, area_code = EXCLUDED.area_code, active = EXCLUDED.active
           WHERE relay_accounts.recorded_at < $2`,
        [JSON.stringify(ours), listedAt],
      );
      // A session ended here while the county was away (退出登录 at the station) stays ended: the
      // county's list still has the device's old epoch, and epochs only ever move on.
      await tx.query(
        `INSERT INTO relay_devices (user_id, device_id, revoked, session_epoch)
         SELECT d->>'userId', d->>'deviceId', (d->>'revoked')::boolean, (d->>'sessionEpoch')::integer
           FROM jsonb_array_elements($1::jsonb) AS d
         ON CONFLICT (user_id, device_id) DO UPDATE SET revoked = EXCLUDED.revoked,
           session_epoch = GREATEST(relay_devices.session_epoch, EXCLUDED.session_epoch)
           WHERE relay_devices.recorded_at < $2`,
        [JSON.stringify(devices), listedAt],
      );
    }
    await tx.query('DELETE FROM relay_passwords p WHERE NOT EXISTS (SELECT 1 FROM relay_accounts a WHERE a.user_id = p.user_id)');
    await tx.query(
      `DELETE FROM relay_sessions s WHERE NOT EXISTS (
         SELECT 1 FROM relay_accounts a JOIN relay_devices d ON d.user_id = a.user_id
          WHERE a.user_id = s.user_id AND d.device_id = s.device_id AND a.active AND NOT d.revoked)`,
    );
  });
}

/** An account as the relay's copy has it, with one of its devices (null when the device is not known here). */
export interface KnownAccount {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  areaCode: string;
  active: boolean;
  device: { revoked: boolean; sessionEpoch: number } | null;
}

export async function findAccount(db: Queryable, userId: string, deviceId: string): Promise<KnownAccount | null> {
  const rows = await db.query<{
    user_id: string;
    username: string;
    display_name: string;
    role: Role;
    area_code: string;
    active: boolean;
    revoked: boolean | null;
    session_epoch: number | null;
  }>(
    `SELECT a.user_id, a.username, a.display_name, a.role, a.area_code, a.active, d.revoked, d.session_epoch
       FROM relay_accounts a LEFT JOIN relay_devices d ON d.user_id = a.user_id AND d.device_id = $2
      WHERE a.user_id = $1`,
    [userId, deviceId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    areaCode: row.area_code,
    active: row.active,
    device: row.revoked === null || row.session_epoch === null ? null : { revoked: row.revoked, sessionEpoch: row.session_epoch },
  };
}

/** Whether the account may use the device now: active, the device known and not revoked. */
export const mayUseDevice = (account: KnownAccount | null): account is KnownAccount & { device: { revoked: false; sessionEpoch: number } } =>
  account !== null && account.active && account.device !== null && !account.device.revoked;

/**
 * Takes what a sign-in through the relay learnt from the central server: the user (active, since
 * the county let them in) and the device with the session epoch of its new token.
 */
export async function recordSignIn(
  db: Queryable,
  user: { id: string; username: string; displayName: string; role: Role; areaCode: string },
  deviceId: string,
  sessionEpoch: number,
): Promise<void> {
  await db.query(
    `INSERT INTO relay_accounts (user_id, username, display_name, role, area_code, active, recorded_at) VALUES ($1, $2, $3, $4, $5, true, $6)
     ON CONFLICT (user_id) DO UPDATE SET username = EXCLUDED.username, display_name = EXCLUDED.display_name,
       role = EXCLUDED.role, area_code = EXCLUDED.area_code, active = true, recorded_at = EXCLUDED.recorded_at`,
    [user.id, user.username, user.displayName, user.role, user.areaCode, Date.now()],
  );
  await db.query(
    `INSERT INTO relay_devices (user_id, device_id, revoked, session_epoch, recorded_at) VALUES ($1, $2, false, $3, $4)
     ON CONFLICT (user_id, device_id) DO UPDATE SET revoked = false, session_epoch = EXCLUDED.session_epoch, recorded_at = EXCLUDED.recorded_at`,
    [user.id, deviceId, sessionEpoch, Date.now()],
  );
}

/** The caller's scope from the relay's copy (the same rule as the central server's). */
export const scopeOf = (account: KnownAccount) => scopePrefix(account.role, account.areaCode);
