import type { FastifyRequest } from 'fastify';
import type { Caller } from '../../auth/caller';
import type { Database } from '../../db/database';
import { HttpError } from '../../http/errors';
import { findAccount, mayUseDevice, scopeOf } from './relayAccounts';
import type { RelayTokens } from './relayTokens';

export const bearerToken = (request: FastifyRequest): string | null => {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() || null : null;
};

/**
 * A caller at the relay, with the device's session epoch its token carries: a live stream at the
 * relay ends when that epoch is no longer the device's (signed out, or its session ended at the county).
 */
export interface RelayCaller extends Caller {
  sessionEpoch: number;
}

/**
 * Who is asking the relay: as server/auth/caller.ts, but the user and device are those of the
 * relay's copy of the township's accounts (the central server's list, and what sign-ins through
 * the relay taught it). A device revoked at the county is refused here once the copy says so.
 */
export async function authenticateAtRelay(request: FastifyRequest, db: Database, tokens: RelayTokens): Promise<RelayCaller> {
  const token = bearerToken(request);
  const verified = token ? await tokens.verify(token) : null;
  if (!verified) throw new HttpError(401, 'unauthorized', '未登录或登录已过期');
  const { claims } = verified;
  const account = await findAccount(db, claims.sub, claims.dev);
  // Not in the copy yet (signed in at the county after the relay's last list): signing in again
  // through the relay makes it known.
  if (!account?.device) throw new HttpError(401, 'unauthorized', '请重新登录');
  // Told apart from an expired session, as on the central server: the laptop is not sent to sign in again and again.
  if (!mayUseDevice(account)) throw new HttpError(401, 'device_revoked', '此电脑或账号已被停用，请联系乡镇或县民政管理员');
  if (account.device.sessionEpoch !== claims.ses) throw new HttpError(401, 'unauthorized', '登录已失效，请重新登录');
  return {
    userId: account.userId,
    deviceId: claims.dev,
    role: account.role,
    scope: scopeOf(account),
    areaCode: account.areaCode,
    displayName: account.displayName,
    sessionEpoch: claims.ses,
  };
}
