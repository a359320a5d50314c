import type { FastifyInstance } from 'fastify';
import type { TokenResponse } from '../../shared/sync/wire';
import { actor, recordAudit, type AuditEntry } from '../audit/auditLog';
import { ACCESS_TOKEN_SECONDS, signAccessToken } from '../auth/accessTokens';
import { authenticate } from '../auth/caller';
import type { TokenKeys } from '../auth/tokenKeys';
import { LoginThrottle, type ThrottleKey } from '../auth/loginThrottle';
import { verifyPassword } from '../auth/passwords';
import { endDeviceSession, isKnownDevice, recordDevice, startRefreshChain, touchDevice, useRefreshToken } from '../auth/refreshTokens';
import { deviceBundleKey, deviceDataKey } from '../bundles/bundleKeys';
import type { Database } from '../db/database';
import { BODY_LIMITS } from '../http/bodyLimits';
import { HttpError } from '../http/errors';
import { parseBody } from '../http/parseBody';
import { loginBody, refreshBody } from '../auth/signInBodies';
import { searchKeysOfUser } from '../search/searchKeys';
import { idleMinutesFor } from '../settings/countySettings';
import { findUserById, findUserByUsername, publicUser, type StoredUser } from '../users/userStore';

// A fixed hash to verify against when the username is unknown, so timing does not reveal which usernames exist.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export interface AuthSecrets {
  /** Signs access tokens (and checks them at sign-out). */
  tokenKeys: TokenKeys;
  /** Derives each device's data and bundle keys (never the token secret). */
  deviceKey: string;
  /** Derives the refresh token that follows a used one. */
  refreshChild: string;
  /** Root of the townships' ID-number search keys (never sent: each user gets their townships' keys). */
  searchKeyRoot: string;
  bundlePublicKey: JsonWebKey;
}

export function registerAuthRoutes(
  app: FastifyInstance,
  db: Database,
  secrets: AuthSecrets,
  hooks: {
    /** Told after a device's session ended (sign-out, replayed refresh token), e.g. to end its open streams. */
    sessionEnded?: (end: { userId: string; deviceId: string }) => Promise<void>;
  } = {},
): void {
  const { tokenKeys } = secrets;
  const throttle = new LoginThrottle(db);
  const sessionEnded = (userId: string, deviceId: string) => hooks.sessionEnded?.({ userId, deviceId }).catch(() => undefined);

  // The search keys are read afresh each time: a rotated township's new key reaches the laptop at its next refresh.
  const tokensFor = async (user: StoredUser, deviceId: string, refreshToken: string, sessionEpoch: number): Promise<TokenResponse> => ({
    accessToken: signAccessToken({ sub: user.id, dev: deviceId, role: user.role, area: user.areaCode, ses: sessionEpoch }, tokenKeys.privateKey),
    refreshToken,
    expiresIn: ACCESS_TOKEN_SECONDS,
    user: publicUser(user),
    searchKeys: await searchKeysOfUser(db, secrets.searchKeyRoot, user),
    bundleKey: deviceBundleKey(secrets.deviceKey, user.id, deviceId),
    bundlePublicKey: secrets.bundlePublicKey,
    deviceDataKey: deviceDataKey(secrets.deviceKey, user.id, deviceId),
    // Read afresh too: a county's new idle time reaches its laptops at their next refresh.
    idleMinutes: await idleMinutesFor(db, user.areaCode),
  });

  // Who tried, from where, and why it failed; never the password or the tokens.
  const audit = (action: AuditEntry['action'], user: StoredUser | null, deviceId: string | null, details: Record<string, unknown>) =>
    recordAudit(db, [
      { userId: user?.id ?? null, deviceId, role: user?.role ?? null, areaCode: user?.areaCode ?? null, action, details },
    ]);

  app.post('/api/v1/auth/login', { bodyLimit: BODY_LIMITS.auth }, async (request) => {
    const body = parseBody(loginBody, request.body);
    const user = await findUserByUsername(db, body.username);
    // Asked for unknown names too, so the time taken does not tell which usernames exist.
    const knownDevice = await isKnownDevice(db, user?.id ?? null, body.deviceId);
    const keys: ThrottleKey[] = [
      { kind: 'address', address: request.ip },
      user && knownDevice ? { kind: 'device', userId: user.id, deviceId: body.deviceId } : { kind: 'user', username: body.username },
    ];
    const failed = async (status: 401 | 429, code: string, message: string, reason: string, extra: Record<string, unknown> = {}) => {
      await audit('login_failed', user, body.deviceId, { reason, ip: request.ip, ...extra });
      app.metrics.loginFailed(reason);
      return new HttpError(status, code, message);
    };
    const attempt = await throttle.reserve(keys);
    if (attempt.blocked !== null) {
      throw await failed(429, 'too_many_attempts', '登录失败次数过多，请15分钟后再试', 'too_many_attempts', { lockedBy: attempt.blocked });
    }
    const passwordOk = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !passwordOk || !user.active) {
      // The reserved attempt stays: it is this failure.
      const reason = !user ? 'unknown_user' : !passwordOk ? 'wrong_password' : 'user_inactive';
      throw await failed(401, 'invalid_credentials', '用户名或密码错误', reason);
    }
    await throttle.succeeded(attempt);
    const device = await recordDevice(db, user.id, body.deviceId, body.deviceName);
    if (!device.allowed) throw await failed(401, 'device_revoked', '此设备已被停用，请联系乡镇或县民政管理员', 'device_revoked');
    await audit('login', user, body.deviceId, { ip: request.ip });
    return tokensFor(user, body.deviceId, await startRefreshChain(db, user.id, body.deviceId), device.sessionEpoch);
  });

  app.post('/api/v1/auth/refresh', { bodyLimit: BODY_LIMITS.auth }, async (request) => {
    const body = parseBody(refreshBody, request.body);
    const outcome = await useRefreshToken(db, body.refreshToken, secrets.refreshChild);
    const user = outcome.userId ? await findUserById(db, outcome.userId) : null;
    if (outcome.kind === 'replayed') {
      // Two holders of one token: one of them stole it. The device signs in again with its password.
      await audit('refresh_replay', user, outcome.deviceId, { reason: outcome.reason, ip: request.ip });
      await sessionEnded(outcome.userId, outcome.deviceId);
      throw new HttpError(401, 'invalid_refresh_token', '登录已失效，请重新登录');
    }
    if (outcome.kind === 'refused' || !user) {
      await audit('refresh_failed', user, outcome.deviceId, { reason: outcome.kind === 'refused' ? outcome.reason : 'unknown', ip: request.ip });
      throw new HttpError(401, 'invalid_refresh_token', '登录已失效，请重新登录');
    }
    await touchDevice(db, outcome.userId, outcome.deviceId);
    await audit('refresh', user, outcome.deviceId, { ip: request.ip, ...(outcome.retry ? { retry: true } : {}) });
    return tokensFor(user, outcome.deviceId, outcome.refreshToken, outcome.sessionEpoch);
  });

  // Signing out: the device's refresh tokens go and its access tokens stop working.
  app.post('/api/v1/auth/logout', { bodyLimit: BODY_LIMITS.auth }, async (request, reply) => {
    const caller = await authenticate(request, db, tokenKeys);
    await db.transaction((tx) => endDeviceSession(tx, caller.userId, caller.deviceId));
    await recordAudit(db, [{ ...actor(caller), action: 'logout', details: { ip: request.ip } }]);
    await sessionEnded(caller.userId, caller.deviceId);
    return reply.status(204).send();
  });
}
