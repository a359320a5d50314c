import type { AttachmentContentType } from './limits';

/** How many leading bytes `looksLike` needs at most. */
export const SNIFF_BYTES = 12;

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** Leading bytes ("magic numbers") of each allowed kind; null matches any byte. */
const SIGNATURES: Record<AttachmentContentType, (number | null)[][]> = {
  'image/jpeg': [[0xff, 0xd8, 0xff]],
  'image/png': [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  'image/webp': [[...ascii('RIFF'), null, null, null, null, ...ascii('WEBP')]],
  'application/pdf': [ascii('%PDF-')],
};

/**
 * Whether a file's first bytes fit the kind it claims to be, so a page or script sent as
 * "image/png" is never stored and later served under that name.
 */
export function looksLike(contentType: AttachmentContentType, head: Uint8Array): boolean {
  return SIGNATURES[contentType].some(
    (signature) => head.length >= signature.length && signature.every((byte, i) => byte === null || head[i] === byte),
  );
}
