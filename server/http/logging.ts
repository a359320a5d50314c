import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify';

/**
 * The logs must hold no personal data: no bodies (households, passwords), no query strings
 * (checkpoints today, who knows tomorrow), no headers (bearer tokens). Requests are logged as
 * method, route pattern, status and time by our own hook; Fastify's request logging, which
 * prints the raw URL and the address, is switched off; and the serializers are replaced so that
 * a `req`, `res` or `err` object logged anywhere comes out just as small.
 */
export const safeSerializers = {
  req: (request: FastifyRequest) => ({ method: request.method, route: request.routeOptions?.url ?? '(no route)' }),
  res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
  // An error's message can quote the body (JSON.parse names the text it choked on): keep its
  // kind and code, and the stack's frames without the first line, which repeats the message.
  err: (error: Error & { code?: unknown; statusCode?: unknown }) => ({
    type: error.name,
    message: '[withheld]',
    code: error.code,
    statusCode: error.statusCode,
    stack: error.stack?.split('\n').slice(1).join('\n') ?? '',
  }),
};

export type LoggerSetting = FastifyServerOptions['logger'];

export function safeLoggerOptions(logger: LoggerSetting | undefined): LoggerSetting {
  if (!logger) return false;
  return { ...(logger === true ? {} : logger), serializers: safeSerializers };
}

/** One line per answered request: `{method, route, status, ms}`. */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    const log: FastifyBaseLogger = request.log;
    log.info(
      { method: request.method, route: request.routeOptions?.url ?? '(no route)', status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  });
}
