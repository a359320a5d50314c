import { z } from 'zod';
import { ALLOWED_CONTENT_TYPES, MAX_FILE_BYTES } from '../files/limits';
import { systemFields } from './common';
import { toDocumentJsonSchema } from './rxSchema';
import { attachmentKinds, type AttachmentKind } from '../vocabulary/attachmentKinds';

// 照片, 证明材料, 票据, 签名, with their words: shared/vocabulary/attachmentKinds.ts.
export { attachmentKinds, type AttachmentKind };

/** The records a file can belong to (附件所属记录). */
export const attachmentOwnerCollections = ['households', 'visits', 'applications', 'careNeeds'] as const;

/** What the server's file endpoint accepts (shared/files/limits.ts). */
export const attachmentContentTypes = ALLOWED_CONTENT_TYPES;

/** Lower-case hex SHA-256 of the bytes: the file's name on the server and on this laptop. */
export const sha256Field = z.string().length(64).regex(/^[0-9a-f]{64}$/, '文件校验值无效');

/** The largest file the app stores (after images are scaled down): the server's limit. */
export const MAX_ATTACHMENT_BYTES = MAX_FILE_BYTES;

/**
 * An attachment's description (附件): which record it belongs to and the SHA-256 of its bytes.
 * The record syncs like any other; the bytes travel separately (tus upload, download on demand).
 */
export const attachmentSchema = z.strictObject({
  ...systemFields,
  owner: z.strictObject({
    collection: z.enum(attachmentOwnerCollections),
    id: systemFields.id,
  }),
  kind: z.enum(attachmentKinds, { message: '请选择附件类别' }),
  sha256: sha256Field,
  contentType: z.enum(attachmentContentTypes, { message: '只能上传照片（JPG、PNG、WebP）或 PDF 文件' }),
  size: z.number().int().min(1, '文件是空的').max(MAX_ATTACHMENT_BYTES, '文件太大'),
  caption: z.string().trim().max(200, '说明不超过200个字').optional(),
});

export type Attachment = z.output<typeof attachmentSchema>;

/** v1 encrypts the caption on the laptop (free text about a person, bound to its record). */
export const ATTACHMENT_SCHEMA_VERSION = 1;

export const attachmentJsonSchema = toDocumentJsonSchema(attachmentSchema, {
  version: ATTACHMENT_SCHEMA_VERSION,
  indexes: ['sha256', 'areaCode', 'updatedAt'],
  encrypted: ['caption'],
});
