import type { SavedFile } from '../../../../shared/ipc/contract';
import { platform } from '../platform';

export { SaveFailedError } from '../platform';

/**
 * Hands a finished file to the person: in the desktop app through the system's save dialog
 * (the host writes it), in a browser as a download (core/platform/).
 */
export function offerFile(bytes: Uint8Array, fileName: string, mimeType: string): Promise<SavedFile> {
  return platform().saveFile(bytes, fileName, mimeType);
}
