import type { FastifyInstance, FastifyReply } from 'fastify';
import { normalizeTrackingCode } from '../../shared/domain/trackingCode';
import type { StatusCheckSettingsAnswer } from '../../shared/wire/statusCheck';
import type { TokenKeys } from '../auth/tokenKeys';
import { authenticate } from '../auth/caller';
import type { Database } from '../db/database';
import type { StatusCheckSettings } from './statusCheckSettings';
import { lookUpStatus } from './statusLookup';
import { askPage, lockedPage, notFoundPage, statusPage, tooManyPage } from './statusPage';

/**
 * 码上查 (sync-protocol.md): `GET /q/:code` asks for the check characters, `POST /q/:code` answers
 * with the status — no sign-in, suitable for exposing through the county's reverse proxy alone.
 * `GET /api/v1/status-check/settings` (signed in) tells the laptop the public address receipts print.
 */
export function registerStatusCheckRoutes(app: FastifyInstance, deps: { db: Database; tokenKeys: TokenKeys; addressSecret: string; settings: StatusCheckSettings }): void {
  const { db, settings } = deps;

  const send = (reply: FastifyReply, status: number, html: string) =>
    reply
      .status(status)
      // A status page holds a resident's case: no browser or proxy may keep it, no search engine list it.
      .header('cache-control', 'no-store')
      .header('x-robots-tag', 'noindex, nofollow')
      .type('text/html; charset=utf-8')
      .send(html);

  app.register(async (scope) => {
    // The form's body: a few characters, form-encoded (the page has no script to send JSON).
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });

    scope.get<{ Params: { code: string } }>('/q/:code', async (request, reply) => {
      const code = normalizeTrackingCode(request.params.code);
      // An unknown code gets the same form as a known one: the page says nothing until the check characters.
      return send(reply, 200, askPage(code ?? request.params.code.slice(0, 24)));
    });

    scope.post<{ Params: { code: string }; Body: { check?: unknown } | undefined }>('/q/:code', async (request, reply) => {
      const code = normalizeTrackingCode(request.params.code);
      const check = typeof request.body?.check === 'string' ? request.body.check.trim() : '';
      if (!/^[0-9Xx]{4}$/.test(check)) {
        return send(reply, 400, askPage(code ?? request.params.code.slice(0, 24), '请输入身份证号码的最后四位：四个数字，或三个数字加字母 X。'));
      }
      if (code === null) return send(reply, 404, notFoundPage());
      const found = await lookUpStatus(db, settings, { code, check, address: request.ip, now: Date.now(), secret: deps.addressSecret });
      switch (found.result) {
        case 'shown':
          return send(reply, 200, statusPage(code, found.summary));
        case 'wrong':
          return send(reply, 200, askPage(code, '身份证号后四位不对，请核对后重新输入。连续输错10次将暂停查询。'));
        case 'locked':
          return send(reply, 429, lockedPage(found.minutes));
        case 'rate_limited':
          return send(reply, 429, tooManyPage());
        default:
          return send(reply, 404, notFoundPage());
      }
    });
  });

  app.get('/api/v1/status-check/settings', async (request): Promise<StatusCheckSettingsAnswer> => {
    await authenticate(request, db, deps.tokenKeys);
    return { publicUrl: settings.publicUrl };
  });
}
