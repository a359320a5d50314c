import { z } from 'zod';
import { storableString } from '../db/storableText';

/**
 * `POST /api/v1/auth/login`'s body, at the central server and at a township relay alike. Fields that
 * reach a query must be text PostgreSQL can hold. The password only meets scrypt, but is held to the
 * same rule as a password being set: scrypt's HMAC pads a short key with zero bytes, so "secret"
 * followed by NUL would otherwise open the account of "secret".
 */
export const loginBody = z.strictObject({
  username: storableString().min(1).max(80),
  password: storableString().min(1).max(200),
  deviceId: storableString().min(8).max(80),
  deviceName: storableString().max(120).optional(),
});

export const refreshBody = z.strictObject({ refreshToken: z.string().min(20).max(200) });
