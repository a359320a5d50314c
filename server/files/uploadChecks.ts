import { Metadata } from '@tus/server';
import {
  FILE_ERROR_CODES,
  isAllowedContentType,
  isSha256Hex,
  MAX_FILE_BYTES,
  UPLOAD_METADATA,
  type AttachmentContentType,
} from '../../shared/files/limits';
import type { Caller } from '../auth/caller';
import { HttpError } from '../http/errors';

/** What a tus creation request announces, once checked. */
export interface UploadClaim {
  sha256: string;
  contentType: AttachmentContentType;
  areaCode: string;
  size: number;
}

const megabytes = (bytes: number) => Math.round(bytes / (1024 * 1024));

/** Refused when the area is not one the caller may write: before any byte is stored. */
export function requireAreaInScope(caller: Caller, areaCode: string): void {
  if (!areaCode.startsWith(caller.scope)) {
    throw new HttpError(403, FILE_ERROR_CODES.outOfScope, '附件所属地区不在您的管辖范围内', { field: 'areaCode' });
  }
}

/**
 * Checks the headers of a tus `POST` (creation) in the order a person would fix them: what
 * the request is, then size, kind and area. Throws the error to answer; nothing is stored yet.
 */
export function checkUploadClaim(caller: Caller, headers: { uploadLength?: string | undefined; uploadMetadata?: string | undefined }): UploadClaim {
  let metadata: Record<string, string | null>;
  try {
    metadata = Metadata.parse(headers.uploadMetadata ?? '');
  } catch {
    throw new HttpError(400, FILE_ERROR_CODES.badMetadata, 'Upload-Metadata 格式错误', { field: 'Upload-Metadata' });
  }
  const sha256 = metadata[UPLOAD_METADATA.sha256] ?? '';
  const contentType = metadata[UPLOAD_METADATA.contentType] ?? '';
  const areaCode = metadata[UPLOAD_METADATA.areaCode] ?? '';
  if (!isSha256Hex(sha256)) {
    throw new HttpError(400, FILE_ERROR_CODES.badMetadata, '缺少文件的 SHA-256 校验值（64位小写十六进制）', { field: 'sha256' });
  }
  if (!/^\d{12}$/.test(areaCode)) {
    throw new HttpError(400, FILE_ERROR_CODES.badMetadata, '缺少附件所属地区代码（12位数字）', { field: 'areaCode' });
  }
  const lengthHeader = headers.uploadLength ?? '';
  if (!/^\d{1,15}$/.test(lengthHeader)) {
    // Deferred lengths are refused too: the limit must be checked before the first byte.
    throw new HttpError(400, FILE_ERROR_CODES.badMetadata, '缺少文件大小（Upload-Length）', { field: 'Upload-Length' });
  }
  const size = Number(lengthHeader);
  if (size === 0) throw new HttpError(400, FILE_ERROR_CODES.badMetadata, '文件是空的', { field: 'Upload-Length' });
  if (size > MAX_FILE_BYTES) {
    throw new HttpError(413, FILE_ERROR_CODES.tooLarge, `文件太大：最大 ${megabytes(MAX_FILE_BYTES)} MB`, {
      field: 'Upload-Length',
      maxBytes: MAX_FILE_BYTES,
    });
  }
  if (!isAllowedContentType(contentType)) {
    throw new HttpError(415, FILE_ERROR_CODES.badType, '只能上传照片（JPEG、PNG、WebP）或 PDF 文件', { field: 'contentType' });
  }
  requireAreaInScope(caller, areaCode);
  return { sha256, contentType, areaCode, size };
}
