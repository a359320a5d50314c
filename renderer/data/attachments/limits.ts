import { looksLike } from '../../../shared/files/sniff';
import { attachmentContentTypes, MAX_ATTACHMENT_BYTES } from '../../../shared/schemas/attachment';

/**
 * The one place to tune how pictures are kept: scaled so the long side is at most
 * `maxLongSide` pixels and stored as JPEG of this quality. 1600 px keeps a certificate readable
 * at about 200–400 KB, which a village's mobile link sends in seconds.
 */
export const imageScaling = {
  maxLongSide: 1600,
  jpegQuality: 0.8,
} as const;

/** A picked file larger than this is refused before it is even read (a phone photo is 3–12 MB). */
export const MAX_PICKED_BYTES = 40 * 1024 * 1024;

export type FileProblem =
  | { key: 'attachments.problem.empty'; name: string }
  | { key: 'attachments.problem.badType'; name: string }
  | { key: 'attachments.problem.unreadable'; name: string }
  | { key: 'attachments.problem.tooLarge'; name: string; limitMb: number };

/** Pictures the browser can read and turn into JPEG; PDFs are kept as they are. */
export function isPicture(type: string): boolean {
  return /^image\/(jpeg|png|webp|gif|bmp)$/.test(type);
}

/** Checks a file a person picked, before reading it: kind and size, named in the message. */
export function checkPickedFile(file: { name: string; type: string; size: number }): FileProblem | null {
  if (file.size === 0) return { key: 'attachments.problem.empty', name: file.name };
  if (!isPicture(file.type) && file.type !== 'application/pdf') return { key: 'attachments.problem.badType', name: file.name };
  const limit = isPicture(file.type) ? MAX_PICKED_BYTES : MAX_ATTACHMENT_BYTES;
  if (file.size > limit) return { key: 'attachments.problem.tooLarge', name: file.name, limitMb: Math.floor(limit / 1024 / 1024) };
  return null;
}

/**
 * Checks what will be stored (after scaling): the server's types and size limit, and that the
 * bytes really are what the type says (the server refuses a mismatch, so it would never upload).
 */
export function checkStoredFile(file: { name: string; type: string; size: number; head?: Uint8Array }): FileProblem | null {
  if (file.size === 0) return { key: 'attachments.problem.empty', name: file.name };
  const type = attachmentContentTypes.find((allowed) => allowed === file.type);
  if (!type) return { key: 'attachments.problem.badType', name: file.name };
  if (file.head && !looksLike(type, file.head)) return { key: 'attachments.problem.unreadable', name: file.name };
  if (file.size > MAX_ATTACHMENT_BYTES) {
    return { key: 'attachments.problem.tooLarge', name: file.name, limitMb: Math.floor(MAX_ATTACHMENT_BYTES / 1024 / 1024) };
  }
  return null;
}

/** The size to draw a picture at: the long side at most `maxLongSide`, never enlarged. */
export function scaledSize(width: number, height: number, maxLongSide: number = imageScaling.maxLongSide): { width: number; height: number } {
  const longSide = Math.max(width, height);
  if (longSide <= maxLongSide || longSide === 0) return { width, height };
  const factor = maxLongSide / longSide;
  return { width: Math.max(1, Math.round(width * factor)), height: Math.max(1, Math.round(height * factor)) };
}
