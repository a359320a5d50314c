/** Attachments (附件): photos, scanned certificates, bills and signatures kept with a record. */
export { useAttachmentsOf, useUploadProgress, useFileHeld, useSaveAttachment, useRemoveAttachment, useAttachmentUrl, type AttachmentView } from '../hooks/attachments';
export { FileRefusedError, type NewAttachment } from './attachmentRecords';
export { checkPickedFile, imageScaling, isPicture, scaledSize, type FileProblem } from './limits';
export type { UploadProgress, UploadPhase } from '../core/files/uploadQueue';
