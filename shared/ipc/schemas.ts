import { z } from 'zod';
import type { IpcMethod } from './contract';

/** Generous for a database key or token; a bound keeps a runaway caller from sealing megabytes. */
export const MAX_SECRET_LENGTH = 4096;
/** Sealed output of the largest secret (UTF-8 up to 3 bytes a char, plus header), as base64. */
export const MAX_SEALED_LENGTH = 32768;

/**
 * Arguments of each call, named in the order the renderer passes them: the host zips the
 * positional arguments onto these keys, so an error can name the field.
 */
export const ipcArgSchemas = {
  getAppInfo: z.object({}).strict(),
  protectSecret: z.object({ plain: z.string().min(1).max(MAX_SECRET_LENGTH) }).strict(),
  unprotectSecret: z.object({ sealed: z.base64().min(4).max(MAX_SEALED_LENGTH) }).strict(),
} as const satisfies { [M in IpcMethod]: z.ZodObject };

export type IpcArgs<M extends IpcMethod> = z.infer<(typeof ipcArgSchemas)[M]>;

/** Argument names of `method`, in call order. */
export function ipcArgNames(method: IpcMethod): string[] {
  return Object.keys(ipcArgSchemas[method].shape);
}
