import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../db/databaseUnavailable';
import { errorBody, HttpError, sendError } from './errors';

/**
 * Every server's error answer (the central server's and a township relay's): an HttpError as it
 * says, a framework refusal as 4xx in words, the database away as 503 "try again", anything else
 * as 500 with nothing of the error in the answer and only its name and code in the log.
 */
export function answerErrors(error: unknown, _request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof HttpError) return sendError(reply, error);
  const status = typeof (error as { statusCode?: unknown }).statusCode === 'number' ? (error as { statusCode: number }).statusCode : 500;
  if (status === 413) return reply.status(413).send(errorBody('too_large', '请求内容过大'));
  if (status === 415) return reply.status(415).send(errorBody('unsupported_media_type', '请求格式不支持，应为 JSON'));
  if (status >= 400 && status < 500) return reply.status(400).send(errorBody('bad_request', '请求格式错误'));
  // The database is away (stopped, failing over): "try again", the laptop keeps its data and re-sends.
  if (isDatabaseUnavailable(error)) return reply.status(503).header('retry-after', '5').send(errorBody('database_unavailable', '数据库暂时无法访问，请稍后重试'));
  reply.log.error({ code: (error as { code?: string }).code, name: error instanceof Error ? error.name : 'unknown' }, 'request failed');
  return reply.status(500).send(errorBody('internal', '服务器内部错误，请稍后重试'));
}
