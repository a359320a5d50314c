import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** For the app the server hands to browsers; API answers carry it too, where it costs nothing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'", // antd writes its theme's CSS variables at run time
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const COMMON = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': CONTENT_SECURITY_POLICY,
};

/** One year; only meaningful (and only sent) when the server is reached over HTTPS. */
const HSTS = 'max-age=31536000; includeSubDomains';

export function securityHeaders(url: string, options: { hsts: boolean }): Record<string, string> {
  return {
    ...COMMON,
    // API answers hold personal data: no browser or proxy cache may keep them.
    ...(url.startsWith('/api/') ? { 'cache-control': 'no-store' } : {}),
    ...(options.hsts ? { 'strict-transport-security': HSTS } : {}),
  };
}

/**
 * Sets the headers on every answer. onSend covers whatever goes through `reply.send` (routes,
 * errors, 404s, static files, CORS pre-flights); onRequest puts them on the reply early as well,
 * because the event stream takes over the raw response and never reaches onSend.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: { hsts: boolean }): void {
  const apply = (request: FastifyRequest, reply: FastifyReply) => {
    reply.headers(securityHeaders(request.url, options));
  };
  app.addHook('onRequest', async (request, reply) => apply(request, reply));
  app.addHook('onSend', async (request, reply, payload) => {
    apply(request, reply);
    return payload;
  });
}
