import type { FastifyInstance } from 'fastify';
import type { Role } from '../../shared/auth/roles';
import type { RelayAccount, RelayAccountsAnswer } from '../../shared/wire/relay';
import { authenticate, requireRole } from '../auth/caller';
import type { TokenKeys } from '../auth/tokenKeys';
import type { Database } from '../db/database';

interface AccountRow {
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
  revoked: boolean;
  session_epoch: number;
}

/**
 * `GET /api/v1/relay/accounts`: the accounts of the relay's township with their laptops — who is
 * active, which device is revoked, each device's session epoch — so the relay signs in the people
 * it has seen while the county is away, and stops a laptop the county stopped. Other relays'
 * accounts are left out, and no password hash ever leaves (the relay keeps its own check of a
 * password it saw go through). Not audited per call: the relay asks on every round of its sync.
 */
export function registerRelayAccountsRoute(app: FastifyInstance, deps: { db: Database; tokenKeys: TokenKeys }): void {
  const { db, tokenKeys } = deps;
  app.get('/api/v1/relay/accounts', async (request): Promise<RelayAccountsAnswer> => {
    const relay = await authenticate(request, db, tokenKeys);
    requireRole(relay, ['relay']);
    const users = await db.query<AccountRow>(
      `SELECT id, username, display_name, role, area_code, active FROM users
        WHERE area_code LIKE $1 || '%' AND role <> 'relay' ORDER BY area_code, username`,
      [relay.scope],
    );
    const devices = await db.query<DeviceRow>(
      `SELECT user_id, device_id, revoked_at IS NOT NULL AS revoked, session_epoch FROM devices
        WHERE user_id = ANY($1::text[]) ORDER BY user_id, device_id`,
      [users.map((u) => u.id)],
    );
    const accounts = users.map(
      (u): RelayAccount => ({
        userId: u.id,
        username: u.username,
        displayName: u.display_name,
        role: u.role,
        areaCode: u.area_code,
        active: u.active,
        devices: devices
          .filter((d) => d.user_id === u.id)
          .map((d) => ({ deviceId: d.device_id, revoked: d.revoked, sessionEpoch: Number(d.session_epoch) })),
      }),
    );
    return { accounts };
  });
}
