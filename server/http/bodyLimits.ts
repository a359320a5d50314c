/**
 * Largest request bodies, per kind of route (after decompression: Fastify counts the inflated
 * bytes, so a small gzip bomb is refused too). Anything larger is answered 413 `too_large`.
 */
export const BODY_LIMITS = {
  /** Default for routes that name no limit of their own. */
  default: 1024 * 1024,
  /** Sign-in and refresh carry a few short strings. */
  auth: 4 * 1024,
  /** Admin actions carry no body at all. */
  admin: 1024,
  /** An account sheet from 账号管理: up to 200 rows of short cells. */
  accountImport: 256 * 1024,
  /** A new period of policy figures: some thirty numbers and their sources. */
  policies: 32 * 1024,
  /** A push holds up to 1000 documents. */
  push: 10 * 1024 * 1024,
} as const;
