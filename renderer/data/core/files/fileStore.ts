import { addRxPlugin, type RxCollection, type RxJsonSchema } from 'rxdb/plugins/core';
import { RxDBAttachmentsPlugin } from 'rxdb/plugins/attachments';

addRxPlugin(RxDBAttachmentsPlugin);

/**
 * The bytes of an attachment on this laptop, keyed by SHA-256 (so a file attached twice is
 * kept once). Local only, never replicated: RxDB's replication would carry `_attachments` in
 * pushes and blank them on every pull, so the bytes live beside the synced `attachments`
 * description instead of on it, and travel by tus (see uploadQueue.ts).
 */
export interface AttachmentFile {
  sha256: string;
  contentType: string;
  size: number;
  /** Of the owning record: the upload's scope check on the server uses it. */
  areaCode: string;
  /** False until the server has said it holds these bytes (upload finished or HEAD found them). */
  uploaded: boolean;
  createdAt: number;
}

/** The RxDB attachment (inside the file document) that holds the bytes. */
export const BYTES_ID = 'bytes';

export type AttachmentFileCollection = RxCollection<AttachmentFile>;

export const attachmentFileJsonSchema: RxJsonSchema<AttachmentFile> = {
  version: 0,
  primaryKey: 'sha256',
  type: 'object',
  properties: {
    sha256: { type: 'string', maxLength: 64 },
    contentType: { type: 'string', maxLength: 40 },
    size: { type: 'number', minimum: 0, maximum: 9_999_999_999_999, multipleOf: 1 },
    areaCode: { type: 'string', maxLength: 12 },
    uploaded: { type: 'boolean' },
    createdAt: { type: 'number', minimum: 0, maximum: 9_999_999_999_999, multipleOf: 1 },
  },
  required: ['sha256', 'contentType', 'size', 'areaCode', 'uploaded', 'createdAt'],
  // Photos of homes and scanned certificates are personal data: encrypted at rest like the fields.
  attachments: { encrypted: true },
};

/** Stores bytes under their hash; a second store of the same bytes changes nothing. */
export async function storeFileBytes(
  files: AttachmentFileCollection,
  entry: Omit<AttachmentFile, 'createdAt'>,
  bytes: Uint8Array,
): Promise<void> {
  const existing = await files.findOne(entry.sha256).exec();
  if (existing?.getAttachment(BYTES_ID)) {
    if (entry.uploaded && !existing.uploaded) await existing.incrementalPatch({ uploaded: true });
    return;
  }
  const doc = existing ?? (await files.insert({ ...entry, createdAt: Date.now() }));
  await doc.putAttachment({ id: BYTES_ID, data: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: entry.contentType }), type: entry.contentType });
}

/** The bytes kept on this laptop, or null when they have not been downloaded. */
export async function readFileBytes(files: AttachmentFileCollection, sha256: string): Promise<Uint8Array | null> {
  const doc = await files.findOne(sha256).exec();
  const attachment = doc?.getAttachment(BYTES_ID);
  if (!attachment) return null;
  return new Uint8Array(await (await attachment.getData()).arrayBuffer());
}
