/**
 * What the server and the app agree on for attachments (附件: photos of the home, scanned
 * certificates, hospital bills, signatures). The HTTP side is in sync-protocol.md, "Files".
 *
 * Upload: tus 1.0.0 at `FILES_PATH` (`POST` to create, `HEAD` for the offset, `PATCH` to send).
 * The upload's URL is `FILES_PATH + areaCode + '-' + sha256` (see `uploadUrlFor`), the same for
 * one device, area and hash, so a client that lost its connection (or restarted) sends `HEAD`
 * there and goes on from `Upload-Offset`; give tus-js-client both `endpoint: FILES_PATH` and
 * `uploadUrl: uploadUrlFor(…)`: it asks `HEAD` first, creates (`POST`) only on 404, and sends
 * nothing when the answer is `Upload-Offset` = `Upload-Length` (the server already has the
 * file for that area). `Upload-Metadata` carries the keys in `UPLOAD_METADATA`.
 *
 * When the upload completes the server hashes the bytes: a mismatch discards them (422
 * `hash_mismatch`), and so do bytes that are not what `contentType` says (415). A file the
 * server has only for other areas is sent once more for the new area (proof that the caller
 * holds the bytes), then kept once.
 *
 * Download: `GET FILES_PATH + 'sha256/' + hex` (see `blobUrlFor`); `HEAD` there answers 200
 * when the caller may read the bytes — they were sent for an area in the caller's scope, or a
 * live attachment record in the caller's scope names them — and 404 otherwise.
 */
export const FILES_PATH = '/api/v1/files/';

/** Largest attachment, in bytes: a phone photo or a multi-page scan, not a video. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** The kinds of file an attachment may be (anything else is refused with 415). */
export const ALLOWED_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type AttachmentContentType = (typeof ALLOWED_CONTENT_TYPES)[number];

export function isAllowedContentType(value: string): value is AttachmentContentType {
  return (ALLOWED_CONTENT_TYPES as readonly string[]).includes(value);
}

/** Names of the `Upload-Metadata` keys (tus sends each as `key base64(value)`). */
export const UPLOAD_METADATA = {
  /** Lower-case hex SHA-256 of the whole file: the file's name on the server. */
  sha256: 'sha256',
  /** One of `ALLOWED_CONTENT_TYPES`. */
  contentType: 'contentType',
  /** The 12-digit area code of the document the file belongs to (must be in the caller's scope). */
  areaCode: 'areaCode',
} as const;

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
}

/** The tus upload of this file for a document of this area; relative to the server's base URL. */
export function uploadUrlFor(sha256: string, areaCode: string): string {
  return `${FILES_PATH}${uploadIdFor(sha256, areaCode)}`;
}

/** The last path segment of `uploadUrlFor`. */
export function uploadIdFor(sha256: string, areaCode: string): string {
  return `${areaCode}-${sha256}`;
}

const UPLOAD_ID = /^(\d{12})-([0-9a-f]{64})$/;

/** Reads `uploadIdFor`'s output back; null for anything else. */
export function parseUploadId(id: string): { areaCode: string; sha256: string } | null {
  const match = UPLOAD_ID.exec(id);
  return match ? { areaCode: match[1]!, sha256: match[2]! } : null;
}

/** Where to read the stored bytes of the file with this hash; relative to the server's base URL. */
export function blobUrlFor(sha256: string): string {
  return `${FILES_PATH}sha256/${sha256}`;
}

/** Error codes the file endpoints answer with (in the contract's error shape). */
export const FILE_ERROR_CODES = {
  tooLarge: 'file_too_large', // 413
  badType: 'unsupported_file_type', // 415
  badMetadata: 'bad_upload_metadata', // 400
  outOfScope: 'out_of_scope', // 403
  hashMismatch: 'hash_mismatch', // 422: the bytes received do not hash to the announced sha256
  notFound: 'not_found', // 404
} as const;
