import { sign, verify, type KeyObject } from 'node:crypto';
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
  /** Who issued it: the central server, or a township relay while the county was away (server/relay/). */
  iss: 'central' | 'relay';
  /** Issued at, seconds since the epoch (for the log and for people reading a token). */
  iat: number;
  exp: number;
}

export const ACCESS_TOKEN_SECONDS = 15 * 60;

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** `base64url(claims).base64url(Ed25519 signature of the first part)`; see TokenKeys. */
export function signAccessToken(
  claims: Omit<AccessClaims, 'exp' | 'iat' | 'iss'> & { iss?: AccessClaims['iss'] },
  privateKey: KeyObject,
  now = Date.now(),
): string {
  const iat = Math.floor(now / 1000);
  const payload = encode({ iss: 'central', ...claims, iat, exp: iat + ACCESS_TOKEN_SECONDS });
  return `${payload}.${sign(null, Buffer.from(payload), privateKey).toString('base64url')}`;
}

/** Returns the claims of a genuine, unexpired token signed by one of the keys, or null. */
export function verifyAccessToken(token: string, publicKeys: KeyObject | readonly KeyObject[], now = Date.now()): AccessClaims | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const given = Buffer.from(signature, 'base64url');
  const keys = Array.isArray(publicKeys) ? publicKeys : [publicKeys as KeyObject];
  if (!keys.some((key) => verify(null, Buffer.from(payload), key, given))) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as AccessClaims;
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now) return null;
    if (!Number.isSafeInteger(claims.ses)) return null;
    return claims;
  } catch {
    return null;
  }
}
