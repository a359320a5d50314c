import type { FastifyReply } from 'fastify';
import type { ErrorBody } from '../../shared/wire/errors';

/** An error meant for the client: its status, code and message go out as the contract's error shape. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

export function sendError(reply: FastifyReply, error: HttpError): FastifyReply {
  return reply.status(error.status).send(errorBody(error.code, error.message, error.details));
}
