import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './errors';
import { securityHeaders } from './securityHeaders';

/**
 * Errors Fastify's router raises before any route or hook runs — a path with an invalid
 * escape (`%FF`), a path parameter over the length limit — would otherwise be answered in
 * Fastify's own shape, without our headers, quoting the path. Answered here in the contract's.
 */
export function frameworkErrorAnswer(options: { hsts: boolean }) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    reply.headers(securityHeaders(request.raw.url ?? '', options));
    if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
      void reply.status(414).send(errorBody('uri_too_long', '请求地址过长'));
    } else if (error.code === 'FST_ERR_BAD_URL') {
      void reply.status(400).send(errorBody('bad_request', '请求地址无效'));
    } else {
      void reply.status(500).send(errorBody('internal', '服务器内部错误，请稍后重试'));
    }
  };
}
