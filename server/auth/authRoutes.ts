import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { TokenResponse } from '../../shared/sync/wire';
import { recordAudit, type AuditEntry } from '../audit/auditLog';
import { deviceBundleKey, deviceDataKey } from '../bundles/bundleKeys';
import type { Database } from '../db/database';
import { storableString } from '../db/storableText';
import { BODY_LIMITS } from '../http/bodyLimits';
import { HttpError } from '../http/errors';
import { parseBody } from '../http/parseBody';
import { findUserById, findUserByUsername, publicUser, type StoredUser } from '../users/userStore';
import { ACCESS_TOKEN_SECONDS, signAccessToken } from './accessTokens';
import { LoginThrottle } from './loginThrottle';
import { verifyPassword } from './passwords';
import { consumeRefreshToken, issueRefreshToken, recordDevice, touchDevice } from './refreshTokens';

// Fields that reach a query must be text PostgreSQL can hold. The password only meets scrypt, but
// is held to the same rule as a password being set: scrypt's HMAC pads a short key with zero
// bytes, so "secret" followed by NUL would otherwise open the account of "secret".
const loginBody = z.strictObject({
  username: storableString().min(1).max(80),
  password: storableString().min(1).max(200),
  deviceId: storableString().min(8).max(80),
  deviceName: storableString().max(120).optional(),
});

const refreshBody = z.strictObject({ refreshToken: z.string().min(20).max(200) });

// A fixed hash to verify against when the username is unknown, so timing does not reveal which usernames exist.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export function registerAuthRoutes(
  app: FastifyInstance,
  db: Database,
  secrets: { token: string; searchKey: string; bundlePublicKey: JsonWebKey },
): void {
  const secret = secrets.token;
  const throttle = new LoginThrottle();

  const tokensFor = async (user: StoredUser, deviceId: string, usedRefreshToken?: string): Promise<TokenResponse> => ({
    accessToken: signAccessToken({ sub: user.id, dev: deviceId, role: user.role, area: user.areaCode }, secret),
    refreshToken: await issueRefreshToken(db, user.id, deviceId, usedRefreshToken),
    expiresIn: ACCESS_TOKEN_SECONDS,
    user: publicUser(user),
    searchKey: secrets.searchKey,
    bundleKey: deviceBundleKey(secrets.token, user.id, deviceId),
    bundlePublicKey: secrets.bundlePublicKey,
    deviceDataKey: deviceDataKey(secrets.token, user.id, deviceId),
  });

  // Who tried, from where, and why it failed; never the password or the tokens.
  const audit = (action: AuditEntry['action'], user: StoredUser | null, deviceId: string | null, details: Record<string, unknown>) =>
    recordAudit(db, [
      { userId: user?.id ?? null, deviceId, role: user?.role ?? null, areaCode: user?.areaCode ?? null, action, details },
    ]);

  app.post('/api/v1/auth/login', { bodyLimit: BODY_LIMITS.auth }, async (request) => {
    const body = parseBody(loginBody, request.body);
    const keys = [`user:${body.username}`, `addr:${request.ip}`];
    const user = await findUserByUsername(db, body.username);
    const failed = async (status: 401 | 429, code: string, message: string, reason: string) => {
      await audit('login_failed', user, body.deviceId, { reason, ip: request.ip });
      return new HttpError(status, code, message);
    };
    if (throttle.isBlocked(keys)) {
      throw await failed(429, 'too_many_attempts', '登录失败次数过多，请15分钟后再试', 'too_many_attempts');
    }
    const passwordOk = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !passwordOk || !user.active) {
      throttle.recordFailure(keys);
      const reason = !user ? 'unknown_user' : !passwordOk ? 'wrong_password' : 'user_inactive';
      throw await failed(401, 'invalid_credentials', '用户名或密码错误', reason);
    }
    throttle.clear(keys);
    const deviceAllowed = await recordDevice(db, user.id, body.deviceId, body.deviceName);
    if (!deviceAllowed) throw await failed(401, 'device_revoked', '此设备已被停用，请联系乡镇或县民政管理员', 'device_revoked');
    await audit('login', user, body.deviceId, { ip: request.ip });
    return tokensFor(user, body.deviceId);
  });

  app.post('/api/v1/auth/refresh', { bodyLimit: BODY_LIMITS.auth }, async (request) => {
    const body = parseBody(refreshBody, request.body);
    const owner = await consumeRefreshToken(db, body.refreshToken);
    const user = owner ? await findUserById(db, owner.userId) : null;
    if (!owner || !user) {
      await audit('refresh_failed', null, null, { ip: request.ip });
      throw new HttpError(401, 'invalid_refresh_token', '登录已失效，请重新登录');
    }
    await touchDevice(db, owner.userId, owner.deviceId);
    await audit('refresh', user, owner.deviceId, { ip: request.ip });
    return tokensFor(user, owner.deviceId, body.refreshToken);
  });
}
