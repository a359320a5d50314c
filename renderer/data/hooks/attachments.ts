import { useCallback, useEffect, useState } from 'react';
import { map } from 'rxjs';
import type { Attachment } from '../../../shared/schemas/attachment';
import { useWorkspace } from './AppDataProvider';
import { useObservable } from './useObservable';
import { loadAttachmentBytes, NotYetUploadedError, removeAttachment, saveAttachment, type NewAttachment } from '../attachments/attachmentRecords';
import type { UploadProgress } from '../core/files/uploadQueue';

/** The files of one record, oldest first (the order they were added in). */
export function useAttachmentsOf(collection: Attachment['owner']['collection'], id: string): Attachment[] {
  const { db } = useWorkspace();
  return useObservable<Attachment[]>(
    () =>
      db.attachments
        .find({ selector: { 'owner.collection': collection, 'owner.id': id } as never, sort: [{ updatedAt: 'asc' }] })
        .$.pipe(map((docs) => docs.map((d) => d.toJSON() as Attachment).sort((a, b) => a.createdAt - b.createdAt))),
    [],
    [db, collection, id],
  );
}

/** Files on this laptop the server may not have yet, with their progress. */
export function useUploadProgress(): ReadonlyMap<string, UploadProgress> {
  const { attachmentQueue } = useWorkspace();
  return useObservable(() => attachmentQueue.progress$, attachmentQueue.progress$.value, [attachmentQueue]);
}

/** Whether this laptop holds the bytes, and whether the server has confirmed them. */
export function useFileHeld(sha256: string): { held: boolean; uploaded: boolean } | undefined {
  const { db } = useWorkspace();
  return useObservable<{ held: boolean; uploaded: boolean } | undefined>(
    () => db.attachmentFiles.findOne(sha256).$.pipe(map((doc) => (doc ? { held: true, uploaded: doc.uploaded } : { held: false, uploaded: true }))),
    undefined,
    [db, sha256],
  );
}

export function useSaveAttachment(): (input: NewAttachment) => Promise<Attachment> {
  const workspace = useWorkspace();
  return useCallback(
    async (input) => {
      const saved = await saveAttachment(workspace, input);
      workspace.attachmentQueue.kick();
      return saved;
    },
    [workspace],
  );
}

export function useRemoveAttachment(): (id: string) => Promise<void> {
  const workspace = useWorkspace();
  return useCallback((id) => removeAttachment(workspace, id), [workspace]);
}

export type AttachmentView =
  | { state: 'idle' | 'loading' | 'notYetUploaded' | 'failed' }
  | { state: 'ready'; url: string };

/**
 * An object URL for the file's bytes while the component shows it: read from this laptop, or
 * (only when `wanted`) downloaded from the server and kept.
 */
export function useAttachmentUrl(attachment: Attachment, wanted: boolean): { view: AttachmentView; retry: () => void } {
  const workspace = useWorkspace();
  const [view, setView] = useState<AttachmentView>({ state: 'idle' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!wanted) return;
    let url: string | null = null;
    let cancelled = false;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a new file (or a retry) shows 'loading' until its bytes are read or fetched.
    setView({ state: 'loading' });
    loadAttachmentBytes(workspace, attachment)
      .then((bytes) => {
        if (cancelled) return;
        url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: attachment.contentType }));
        setView({ state: 'ready', url });
      })
      .catch((error: unknown) => {
        if (!cancelled) setView({ state: error instanceof NotYetUploadedError ? 'notYetUploaded' : 'failed' });
      });
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
    // The bytes are keyed by their hash: a new record object for the same file must not read them again.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- attachment.sha256 stands for the attachment.
  }, [workspace, attachment.sha256, wanted, attempt]);
  return { view, retry: useCallback(() => setAttempt((n) => n + 1), []) };
}
