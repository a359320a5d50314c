import { z } from 'zod';
import type { IpcMethod } from './contract';
import { TEXT_LIMIT } from '../diagnostics/scrub';

/** A batch of log lines: the page sends what gathered in a few seconds, never a flood. */
export const MAX_LOG_LINES = 200;
const logLine = z
  .object({
    at: z.iso.datetime({ offset: true }),
    kind: z.enum(['start', 'page', 'sync', 'error', 'session']),
    text: z.string().max(TEXT_LIMIT),
  })
  .strict();

/** Generous for a database key or token; a bound keeps a runaway caller from sealing megabytes. */
export const MAX_SECRET_LENGTH = 4096;
/** Sealed output of the largest secret (UTF-8 up to 3 bytes a char, plus header), as base64. */
export const MAX_SEALED_LENGTH = 32768;

/** A plain file name ending in the type the call writes: no folders, no characters Windows refuses. */
const fileName = (...extensions: ('xlsx' | 'jzb' | 'txt' | 'pdf')[]) =>
  z
    .string()
    .max(120)
    .regex(
      new RegExp(`^[^\\\\/:*?"<>|\\u0000-\\u001f]+\\.(${extensions.join('|')})$`),
      `a file name ending in ${extensions.map((extension) => `.${extension}`).join(' or ')}`,
    );

/** A township's whole roster is a few megabytes; the bound stops a runaway page, not a real export. */
export const MAX_SAVED_FILE_BASE64 = 64 * 1024 * 1024;

/**
 * Arguments of each call, named in the order the renderer passes them: the host zips the
 * positional arguments onto these keys, so an error can name the field.
 */
export const ipcArgSchemas = {
  getAppInfo: z.object({}).strict(),
  protectSecret: z.object({ plain: z.string().min(1).max(MAX_SECRET_LENGTH) }).strict(),
  unprotectSecret: z.object({ sealed: z.base64().min(4).max(MAX_SEALED_LENGTH) }).strict(),
  // An Excel export, the USB file (.jzb) a village takes to the township, or the diagnostics file (导出诊断信息, .txt).
  saveFile: z.object({ suggestedName: fileName('xlsx', 'jzb', 'txt'), base64: z.base64().min(4).max(MAX_SAVED_FILE_BASE64) }).strict(),
  printToPdf: z.object({ suggestedName: fileName('pdf') }).strict(),
  appendLog: z.object({ lines: z.array(logLine).min(1).max(MAX_LOG_LINES) }).strict(),
  readLog: z.object({}).strict(),
  readProvisioning: z.object({}).strict(),
  // The server the person signed in to; only http(s), so the updater is never pointed at a file.
  checkForUpdates: z.object({ serverUrl: z.string().max(300).regex(/^https?:\/\/[^\s]+$/, 'an http(s) server address') }).strict(),
} as const satisfies { [M in IpcMethod]: z.ZodObject };

export type IpcArgs<M extends IpcMethod> = z.infer<(typeof ipcArgSchemas)[M]>;

/** Argument names of `method`, in call order. */
export function ipcArgNames(method: IpcMethod): string[] {
  return Object.keys(ipcArgSchemas[method].shape);
}
