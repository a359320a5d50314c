import { attachmentSchema, type Attachment, type AttachmentKind } from '../../../shared/schemas/attachment';
import type { SyncedCollection } from '../../../shared/sync/collections';
import { newDocumentId, plainJson } from '../core/documents';
import type { Workspace } from '../core/workspace';
import { WriteRefusedError } from '../core/refusals';
import { writeDocument } from '../core/writeDocument';
import { checkWrite } from '../../../shared/sync/writeCheck';
import { sha256Hex } from './hash';
import { checkStoredFile, type FileProblem } from './limits';
import { readFileBytes, storeFileBytes } from '../core/files/fileStore';

export interface NewAttachment {
  owner: { collection: Attachment['owner']['collection']; id: string };
  kind: AttachmentKind;
  /** The bytes to keep: pictures already scaled down (renderer/ui/attachments/imageFile.ts). */
  bytes: Uint8Array;
  contentType: string;
  /** Shown in messages about this file (the picked file's name, or 签名). */
  name: string;
  caption?: string;
}

/** A file the limits refuse: nothing is stored, and the message names the file. */
export class FileRefusedError extends Error {
  constructor(readonly problem: FileProblem) {
    super(problem.key);
  }
}

/**
 * Keeps a file with its record on this laptop at once: the bytes under their SHA-256 (local
 * only) and a description that syncs like any record. The upload queue sends the bytes later.
 */
export async function saveAttachment(workspace: Workspace, input: NewAttachment): Promise<Attachment> {
  const problem = checkStoredFile({ name: input.name, type: input.contentType, size: input.bytes.byteLength, head: input.bytes.subarray(0, 16) });
  if (problem) throw new FileRefusedError(problem);
  const owner = await (workspace.db[input.owner.collection as SyncedCollection] as unknown as {
    findOne(id: string): { exec(): Promise<{ areaCode: string } | null> };
  })
    .findOne(input.owner.id)
    .exec();
  if (!owner) throw new Error(`${input.owner.collection} ${input.owner.id} not found`);
  const sha256 = await sha256Hex(input.bytes);
  const now = Date.now();
  const { user } = workspace.session;
  const doc = attachmentSchema.parse(
    plainJson({
      id: newDocumentId('att'),
      areaCode: owner.areaCode,
      owner: input.owner,
      kind: input.kind,
      sha256,
      contentType: input.contentType,
      size: input.bytes.byteLength,
      ...(input.caption?.trim() ? { caption: input.caption.trim() } : {}),
      createdAt: now,
      createdBy: user.id,
      updatedAt: now,
      updatedBy: user.id,
    }),
  );
  await storeFileBytes(
    workspace.db.attachmentFiles,
    { sha256, contentType: doc.contentType, size: doc.size, areaCode: doc.areaCode, uploaded: false },
    input.bytes,
  );
  return writeDocument(workspace, 'attachments', doc);
}

/** Takes a file off its record (the description is deleted everywhere; the bytes stay on the server). */
export async function removeAttachment(workspace: Workspace, id: string): Promise<void> {
  const doc = await workspace.db.attachments.findOne(id).exec();
  if (!doc) return;
  const { user } = workspace.session;
  const problems = checkWrite({
    collection: 'attachments',
    previous: { doc: doc.toJSON() as Record<string, unknown>, deleted: false },
    next: doc.toJSON() as Record<string, unknown>,
    deleted: true,
    writer: { role: user.role, userId: user.id },
  });
  if (problems.length > 0) throw new WriteRefusedError(problems);
  workspace.pending.mark('attachments', id, doc.updatedAt);
  await doc.remove();
}

/** Not on this laptop and the server does not have it (yet): the laptop that took it has not sent it. */
export class NotYetUploadedError extends Error {}

/**
 * The bytes of an attachment: from this laptop, or downloaded from the server on demand and
 * kept (after checking they hash to the recorded SHA-256).
 */
export async function loadAttachmentBytes(workspace: Workspace, attachment: Pick<Attachment, 'sha256' | 'contentType' | 'size' | 'areaCode'>): Promise<Uint8Array> {
  const local = await readFileBytes(workspace.db.attachmentFiles, attachment.sha256);
  if (local) return local;
  const downloaded = await workspace.attachmentQueue.files.download(attachment.sha256);
  if (!downloaded) throw new NotYetUploadedError(attachment.sha256);
  if ((await sha256Hex(downloaded)) !== attachment.sha256) throw new Error('downloaded bytes do not match their hash');
  await storeFileBytes(
    workspace.db.attachmentFiles,
    { sha256: attachment.sha256, contentType: attachment.contentType, size: attachment.size, areaCode: attachment.areaCode, uploaded: true },
    downloaded,
  );
  return downloaded;
}
