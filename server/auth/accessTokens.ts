import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Role } from '../../shared/auth/roles';

/** What an access token vouches for. Kept small: the scope is re-read from the database per request. */
export interface AccessClaims {
  sub: string;
  dev: string;
  role: Role;
  area: string;
  /**
   * The device's session epoch when the token was issued (`devices.session_epoch`). Signing out or
   * a replayed refresh token moves the epoch on, and every token issued before is refused. A
   * counter, not a time: no clock of any server process or of the database has to agree.
   */
  ses: number;
  /** Issued at, seconds since the epoch (for the log and for people reading a token). */
  iat: number;
  exp: number;
}

export const ACCESS_TOKEN_SECONDS = 15 * 60;

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function signAccessToken(claims: Omit<AccessClaims, 'exp' | 'iat'>, secret: string, now = Date.now()): string {
  const iat = Math.floor(now / 1000);
  const payload = encode({ ...claims, iat, exp: iat + ACCESS_TOKEN_SECONDS });
  return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
}

/** Returns the claims of a genuine, unexpired token, or null. */
export function verifyAccessToken(token: string, secret: string, now = Date.now()): AccessClaims | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = createHmac('sha256', secret).update(payload).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as AccessClaims;
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now) return null;
    if (!Number.isSafeInteger(claims.ses)) return null;
    return claims;
  } catch {
    return null;
  }
}
