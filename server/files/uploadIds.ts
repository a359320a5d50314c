import { createHash } from 'node:crypto';
import { parseUploadId, uploadIdFor } from '../../shared/files/limits';
import type { Caller } from '../auth/caller';

/**
 * The upload's id in the store: the public id (`AREA-SHA256`, the last segment of its URL)
 * behind a short key of the device, so the same URL names a different upload on each device and
 * one device's cut upload is never resumed, or overwritten, by another's.
 */
export function storeUploadId(caller: Caller, publicId: string): string {
  const device = createHash('sha256').update(`${caller.userId}\u0000${caller.deviceId}`).digest('hex').slice(0, 16);
  return `${device}-${publicId}`;
}

/** The public id (`AREA-SHA256`) inside a store id. */
export function publicUploadId(storeId: string): string {
  return storeId.slice(storeId.indexOf('-') + 1);
}

export function storeUploadIdFor(caller: Caller, sha256: string, areaCode: string): string {
  return storeUploadId(caller, uploadIdFor(sha256, areaCode));
}

export { parseUploadId };
