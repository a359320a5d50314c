import type { FastifyInstance } from 'fastify';
import { APP_TOO_OLD, APP_VERSION_HEADER, appTooOldMessage, isOlderThan, versionParts, type AppTooOldDetails } from '../../shared/wire/appVersion';
import { errorBody } from './errors';

/**
 * `JIUZHU_MIN_APP_VERSION`: the oldest app version this server accepts (`0.3.0`); unset, any.
 * Read here, not in config.ts, so that buildServer's callers (tests, the CLI) need not pass it.
 */
export function readMinAppVersion(env: NodeJS.ProcessEnv): string | null {
  const given = env['JIUZHU_MIN_APP_VERSION']?.trim();
  if (!given) return null;
  if (!versionParts(given)) throw new Error(`JIUZHU_MIN_APP_VERSION must be a version such as 0.3.0, got ${given}`);
  return given;
}

/** Passed whatever the app's version: health tells the minimum, and sign-in is how an old laptop reaches its update check. */
const ALWAYS_OPEN = ['/api/v1/health', '/api/v1/auth/'];

/**
 * Refuses an app older than the minimum on every API call but health and sign-in, with
 * `426 app_too_old` and the version needed in words. A request without the header — another
 * program using the contract — passes as before; so do `/updates/` (an old app must be able to
 * fetch its update) and the web page. Sign-in stays open so that an old laptop signs in online,
 * opens its records, is told in its sync status to update, and looks for the update (which only
 * an online sign-in starts). The app keeps what it has not sent: nothing of a refused request is
 * stored, and it sends it again once updated.
 */
export function registerAppVersionGate(app: FastifyInstance, minVersion: string | null): void {
  if (!minVersion) return;
  app.addHook('onRequest', async (request, reply) => {
    const sent = request.headers[APP_VERSION_HEADER];
    if (typeof sent !== 'string' || !request.url.startsWith('/api/') || ALWAYS_OPEN.some((open) => request.url.startsWith(open))) return;
    if (request.method === 'OPTIONS') return;
    if (!versionParts(sent)) {
      return reply.status(400).send(errorBody('bad_request', `请求头 ${APP_VERSION_HEADER} 不是版本号`));
    }
    if (!isOlderThan(sent, minVersion)) return;
    const details: AppTooOldDetails = { minVersion, appVersion: sent };
    return reply.status(426).send(errorBody(APP_TOO_OLD, appTooOldMessage(minVersion), details));
  });
}
