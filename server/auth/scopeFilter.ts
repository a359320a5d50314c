import { HttpError } from '../http/errors';
import type { Caller } from './caller';

/**
 * The area prefix a listing is filtered by: the caller's scope, or a narrower prefix the caller
 * asked for. Asking for an area outside the scope is refused (403) rather than silently
 * narrowed, so a mistaken query never looks like "nothing happened there".
 */
export function narrowScope(caller: Caller, areaPrefix: string | undefined): string {
  if (areaPrefix === undefined || areaPrefix === '') return caller.scope;
  if (!/^\d{1,12}$/.test(areaPrefix)) {
    throw new HttpError(400, 'bad_request', 'areaPrefix 应为1–12位数字', { field: 'areaPrefix' });
  }
  if (!areaPrefix.startsWith(caller.scope)) {
    throw new HttpError(403, 'out_of_scope', '所查地区不在您的管辖范围内', { field: 'areaPrefix' });
  }
  return areaPrefix;
}
