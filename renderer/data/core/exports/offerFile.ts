import type { SavedFile } from '../../../../shared/ipc/contract';

/** base64 of bytes, in chunks: a spread of a few megabytes into fromCharCode overflows the stack. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let start = 0; start < bytes.length; start += chunk) {
    binary += String.fromCharCode(...bytes.subarray(start, start + chunk));
  }
  return btoa(binary);
}

/** Thrown when the desktop host refuses or fails to save; `code` is the host's IPC error code. */
export class SaveFailedError extends Error {
  constructor(readonly code: string) {
    super(`save failed: ${code}`);
  }
}

/**
 * Hands a finished file to the person: in the desktop app through the system's save dialog
 * (the host writes it), in a browser as a download. A browser gives no word on where or
 * whether the file was kept, so a download counts as saved.
 */
export async function offerFile(bytes: Uint8Array, fileName: string, mimeType: string): Promise<SavedFile> {
  const host = window.jiuzhu;
  if (host) {
    const answer = await host.saveFile(fileName, toBase64(bytes));
    if (!answer.ok) throw new SaveFailedError(answer.error.code);
    return answer.value;
  }
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL; keep it a while for slow machines, then let it go.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { saved: true, fileName };
}
