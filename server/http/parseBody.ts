import type { z } from 'zod';
import { HttpError } from './errors';

/** Parses a request body with zod; a failure is a 400 naming each bad field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const fields = result.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
    throw new HttpError(400, 'bad_request', `请求格式错误：${fields.map((f) => f.field || '(body)').join(', ')}`, {
      fields,
    });
  }
  return result.data;
}
