import type { z } from 'zod';
import { errorBodySchema } from '../../../shared/wire/errors';
import { APP_TOO_OLD, appTooOldDetailsSchema } from '../../../shared/wire/appVersion';

/** Why a request to the server failed, in the terms the sync indicator shows (i18n keys sync.error.*). */
export type SyncErrorKind = 'network' | 'unauthorized' | 'revoked' | 'forbidden' | 'invalid' | 'server' | 'tooOld';

export class SyncHttpError extends Error {
  constructor(
    readonly kind: SyncErrorKind,
    readonly status: number,
    readonly code: string,
    /** For `tooOld`: the oldest app version the server accepts. */
    readonly minVersion?: string,
  ) {
    super(`${kind}: ${status} ${code}`);
  }
}

export function kindForStatus(status: number): SyncErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 400 || status === 409 || status === 413 || status === 422) return 'invalid';
  return 'server';
}

export async function errorFromResponse(response: Response): Promise<SyncHttpError> {
  let code = 'unknown';
  let details: unknown;
  try {
    const body = errorBodySchema.safeParse(await response.json());
    if (body.success) ({ code, details } = body.data.error);
  } catch {
    // A proxy's HTML error page has no code: the status says enough.
  }
  // This app is older than the server accepts: only an update helps, and the person must be told which.
  const tooOld = response.status === 426 && code === APP_TOO_OLD ? appTooOldDetailsSchema.safeParse(details) : null;
  if (tooOld?.success) return new SyncHttpError('tooOld', 426, code, tooOld.data.minVersion);
  // A stopped laptop or account: no new token will help, and the person must be told so.
  const kind = response.status === 401 && code === 'device_revoked' ? 'revoked' : kindForStatus(response.status);
  return new SyncHttpError(kind, response.status, code);
}

/**
 * A successful answer's body, checked against the contract's schema (shared/sync/wireSchemas.ts,
 * shared/wire/): anything else at the server's address (a proxy's page, a cut body, another
 * program) is a server error in words, never a value cast into the app.
 */
export async function readAnswer<S extends z.ZodType>(response: Response, schema: S): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new SyncHttpError('server', response.status, 'invalid_answer');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new SyncHttpError('server', response.status, 'invalid_answer');
  return parsed.data;
}
