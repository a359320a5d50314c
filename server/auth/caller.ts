import type { FastifyRequest } from 'fastify';
import { scopePrefix, type Role } from '../../shared/auth/roles';
import { roleTerms } from '../../shared/vocabulary/roles';
import type { Database } from '../db/database';
import { HttpError } from '../http/errors';
import { verifyAccessToken } from './accessTokens';
import type { TokenKeys } from './tokenKeys';

/** Who is asking, as established from a verified token and the current user and device records. */
export interface Caller {
  userId: string;
  deviceId: string;
  role: Role;
  /** Area-code prefix bounding what the caller may read and write. */
  scope: string;
  /** The user's own 12-digit area code, which the audit log files the caller's actions under. */
  areaCode: string;
  /** The user's name as the server knows it: what an application's history says signed a step. */
  displayName?: string;
}

/**
 * Verifies the bearer token and re-checks the user and device against the database, so a
 * deactivated user or revoked device is refused at its next request, not when its token expires;
 * so is a token issued before the device's session ended (signed out, or its refresh token replayed).
 */
export async function authenticate(request: FastifyRequest, db: Database, tokenKeys: TokenKeys): Promise<Caller> {
  const header = request.headers.authorization;
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
  if (!token) throw new HttpError(401, 'unauthorized', '未登录或登录已过期');
  const claims = verifyAccessToken(token, tokenKeys.publicKey);
  if (!claims) throw new HttpError(401, 'unauthorized', '未登录或登录已过期');
  const rows = await db.query<{ role: Role; area_code: string; session_epoch: number; display_name: string }>(
    `SELECT u.role, u.area_code, u.display_name, d.session_epoch FROM users u JOIN devices d ON d.user_id = u.id
      WHERE u.id = $1 AND d.device_id = $2 AND u.active AND d.revoked_at IS NULL`,
    [claims.sub, claims.dev],
  );
  const row = rows[0];
  // Told apart from an expired session: a stopped laptop must not be sent to sign in again and again.
  if (!row) throw new HttpError(401, 'device_revoked', '此电脑或账号已被停用，请联系乡镇或县民政管理员');
  // The session ended since this token was issued: a new one needs the refresh token (gone after a
  // sign-out) or the password.
  if (row.session_epoch !== claims.ses) throw new HttpError(401, 'unauthorized', '登录已失效，请重新登录');
  return {
    userId: claims.sub,
    deviceId: claims.dev,
    role: row.role,
    scope: scopePrefix(row.role, row.area_code),
    areaCode: row.area_code,
    displayName: row.display_name,
  };
}

/** Refuses a caller whose role is not among those named (403: signed in, but not allowed). */
export function requireRole(caller: Caller, allowed: readonly Role[]): void {
  if (!allowed.includes(caller.role)) throw new HttpError(403, 'forbidden', '您的角色无权使用此功能');
}

/**
 * Refuses a township relay's account (403) where only people act — a push, an export, the
 * county's tools: a relay reads its township and forwards its villages' signed batches, nothing more.
 */
export function requirePerson(caller: Caller, message = `${roleTerms.relay.zh}账号不能使用此功能`): void {
  if (caller.role === 'relay') throw new HttpError(403, 'forbidden', message);
}
