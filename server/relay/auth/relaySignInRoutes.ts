import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Caller } from '../../auth/caller';
import { LoginThrottle, type ThrottleKey } from '../../auth/loginThrottle';
import { hashPassword, verifyPassword } from '../../auth/passwords';
import type { Database } from '../../db/database';
import { BODY_LIMITS } from '../../http/bodyLimits';
import { HttpError } from '../../http/errors';
import { parseBody } from '../../http/parseBody';
import { roles } from '../../../shared/vocabulary/roles';
import { UpstreamUnreachable, type UpstreamLink } from '../upstreamLink';
import { findAccount, mayUseDevice, recordSignIn } from './relayAccounts';
import { bearerToken } from './relayCaller';
import { loginBody, refreshBody } from '../../auth/signInBodies';
import { claimRelaySession, continueRelaySession, endRelaySessions, startRelaySession } from './relaySessions';
import type { RelayTokens } from './relayTokens';


/** What the relay reads of the central server's sign-in answer; the rest goes to the laptop untouched. */
const centralAnswer = z.looseObject({
  accessToken: z.string(),
  refreshToken: z.string(),
  user: z.object({ id: z.string(), username: z.string(), displayName: z.string(), role: z.enum(roles), areaCode: z.string() }),
});

// A fixed hash to verify against when the username is unknown here, so timing does not tell which accounts signed in here.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

const OFFLINE_REFUSAL = '用户名或密码错误。县级服务器暂时连不上，只有在本站登录过的账号和电脑可以登录';
const SESSION_ENDED = '登录已失效，请重新登录';

export interface RelaySignInDeps {
  db: Database;
  upstream: UpstreamLink;
  township: string;
  tokens: RelayTokens;
  authenticate: (request: FastifyRequest) => Promise<Caller>;
}

/** The central server's answer, passed to the laptop as it came (a refusal, or an error of the county's). */
async function passThrough(reply: FastifyReply, response: Response): Promise<FastifyReply> {
  const text = await response.text();
  const type = response.headers.get('content-type');
  if (type) reply.header('content-type', type);
  return reply.status(response.status).send(text);
}

const upstreamInvalid = () => new HttpError(502, 'upstream_invalid', '县级服务器的登录答复无法核验，请稍后重试');

/**
 * POST /api/v1/auth/login, /refresh and /logout at the relay. With the county reachable, sign-in
 * and refresh go to it and the relay stands in between: it keeps what lets the laptop sign in here
 * later (a password check, the account, the device's session epoch) and hands out its own refresh
 * token for the county's. With the county away, the relay signs in the accounts that signed in
 * through it before, with access tokens of its own and no keys.
 */
export function registerRelaySignInRoutes(app: FastifyInstance, deps: RelaySignInDeps): void {
  const { db, upstream, township, tokens } = deps;
  const throttle = new LoginThrottle(db);
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    upstream.fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  /** Reads and checks a 200 answer of the central server for this device; null when it does not hold up. */
  const readCentral = async (response: Response, deviceId: string) => {
    const raw: unknown = await response.json().catch(() => null);
    const parsed = centralAnswer.safeParse(raw);
    if (!parsed.success) return null;
    const claims = await tokens.verifyCentral(parsed.data.accessToken);
    if (!claims || claims.sub !== parsed.data.user.id || claims.dev !== deviceId) return null;
    return { answer: parsed.data, sessionEpoch: claims.ses };
  };

  app.post('/api/v1/auth/login', { bodyLimit: BODY_LIMITS.auth }, async (request, reply) => {
    const body = parseBody(loginBody, request.body);
    let response: Response;
    try {
      // The laptop's address goes with it: a county that trusts its relays' addresses (JIUZHU_TRUST_PROXY)
      // counts failed sign-ins per laptop, not per station.
      response = await post('/api/v1/auth/login', request.body, { 'x-forwarded-for': request.ip });
    } catch (error) {
      if (error instanceof UpstreamUnreachable) return signInHere(request.ip, body);
      throw error;
    }
    if (response.status !== 200) return passThrough(reply, response);
    const central = await readCentral(response, body.deviceId);
    if (!central) throw upstreamInvalid();
    const { user } = central.answer;
    // The relay holds its own township only (its records, its accounts list): anyone else signs in at the county.
    if (!user.areaCode.startsWith(township)) {
      throw new HttpError(403, 'outside_township', '此账号不属于本乡镇，请直接连接县级服务器登录');
    }
    const passwordHash = await hashPassword(body.password);
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO relay_passwords (username, user_id, password_hash) VALUES ($1, $2, $3)
         ON CONFLICT (username) DO UPDATE SET user_id = EXCLUDED.user_id, password_hash = EXCLUDED.password_hash`,
        [user.username, user.id, passwordHash],
      );
      await tx.query('DELETE FROM relay_passwords WHERE user_id = $1 AND username <> $2', [user.id, user.username]);
      await recordSignIn(tx, user, body.deviceId, central.sessionEpoch);
    });
    const refreshToken = await startRelaySession(db, user.id, body.deviceId, central.answer.refreshToken);
    return { ...central.answer, refreshToken };
  });

  /** The county is away: only an account that signed in through this relay, on a device it knows. */
  async function signInHere(ip: string, body: z.output<typeof loginBody>) {
    const rows = await db.query<{ user_id: string; password_hash: string }>('SELECT user_id, password_hash FROM relay_passwords WHERE username = $1', [
      body.username,
    ]);
    const known = rows[0];
    const account = known ? await findAccount(db, known.user_id, body.deviceId) : null;
    const keys: ThrottleKey[] = [
      { kind: 'address', address: ip },
      mayUseDevice(account) ? { kind: 'device', userId: account.userId, deviceId: body.deviceId } : { kind: 'user', username: body.username },
    ];
    const attempt = await throttle.reserve(keys);
    if (attempt.blocked !== null) throw new HttpError(429, 'too_many_attempts', '登录失败次数过多，请15分钟后再试');
    const passwordOk = await verifyPassword(body.password, known?.password_hash ?? DUMMY_HASH);
    // The reserved attempt stays: it is this failure.
    if (!known || !passwordOk || !account?.active || !account.device) throw new HttpError(401, 'invalid_credentials_at_relay', OFFLINE_REFUSAL);
    await throttle.succeeded(attempt);
    if (account.device.revoked) throw new HttpError(401, 'device_revoked', '此设备已被停用，请联系乡镇或县民政管理员');
    const refreshToken = await startRelaySession(db, account.userId, body.deviceId, null);
    return tokens.answer(account, body.deviceId, account.device.sessionEpoch, refreshToken);
  }

  app.post('/api/v1/auth/refresh', { bodyLimit: BODY_LIMITS.auth }, async (request, reply) => {
    const body = parseBody(refreshBody, request.body);
    const claim = await claimRelaySession(db, body.refreshToken);
    if (claim.kind !== 'claimed') throw new HttpError(401, 'invalid_refresh_token', SESSION_ENDED);
    const { userId, deviceId } = claim;
    const account = await findAccount(db, userId, deviceId);
    if (!mayUseDevice(account)) {
      await endRelaySessions(db, userId, deviceId);
      throw new HttpError(401, 'device_revoked', '此电脑或账号已被停用，请联系乡镇或县民政管理员');
    }
    if (claim.centralRefresh !== null) {
      let response: Response | null = null;
      try {
        response = await post('/api/v1/auth/refresh', { refreshToken: claim.centralRefresh }, { 'x-forwarded-for': request.ip });
      } catch (error) {
        if (!(error instanceof UpstreamUnreachable)) {
          await claim.release();
          throw error;
        }
      }
      if (response?.status === 200) {
        const central = await readCentral(response, deviceId);
        if (!central) {
          await claim.release();
          throw upstreamInvalid();
        }
        await recordSignIn(db, central.answer.user, deviceId, central.sessionEpoch);
        const refreshToken = await continueRelaySession(db, userId, deviceId, central.answer.refreshToken);
        return { ...central.answer, refreshToken };
      }
      if (response?.status === 401) {
        // The county ended the session (signed out, token replayed, device stopped): so does the relay.
        await endRelaySessions(db, userId, deviceId);
        return passThrough(reply, response);
      }
      if (response) {
        // Neither yes nor no (too many attempts, an error of the county's): the laptop may try again with the same token.
        await claim.release();
        return passThrough(reply, response);
      }
    }
    // The county is away (or this session began while it was): a token of the relay's own; the
    // county's refresh token waits for the next refresh.
    const refreshToken = await continueRelaySession(db, userId, deviceId, claim.centralRefresh);
    return tokens.answer(account, deviceId, account.device.sessionEpoch, refreshToken);
  });

  // Signing out: the device's relay session ends and its access tokens stop working here; the
  // county is told too when the token is the county's (best effort: it may be away).
  app.post('/api/v1/auth/logout', { bodyLimit: BODY_LIMITS.auth }, async (request, reply) => {
    const caller = await deps.authenticate(request);
    await db.transaction(async (tx) => {
      await endRelaySessions(tx, caller.userId, caller.deviceId);
      await tx.query('UPDATE relay_devices SET session_epoch = session_epoch + 1 WHERE user_id = $1 AND device_id = $2', [caller.userId, caller.deviceId]);
    });
    const token = bearerToken(request);
    if (token && (await tokens.verify(token))?.signer === 'central') {
      await upstream
        .fetch('/api/v1/auth/logout', { method: 'POST', headers: { authorization: `Bearer ${token}` } })
        .then((response) => response.body?.cancel())
        .catch(() => undefined);
    }
    return reply.status(204).send();
  });
}
