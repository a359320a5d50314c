import type { JiuzhuHostApi, ProvisioningLookup, SavedFile } from '../../../../shared/ipc/contract';

/**
 * What differs between the desktop app and a plain browser, in one place: the renderer asks the
 * platform chosen at start (`./index.ts`) and never looks for `window.jiuzhu` itself — as Actual
 * Budget's `index.electron.ts` / `index.web.ts`.
 */
export interface Platform {
  readonly kind: 'desktop' | 'browser';
  /** Hands a finished file to the person: the system's save dialog, or a download. */
  saveFile(bytes: Uint8Array, fileName: string, mimeType: string): Promise<SavedFile>;
  /**
   * Prints the page showing: to an A4 PDF the person keeps (desktop), or through the browser's
   * print dialog (`saved: true` once the dialog has been shown; the browser tells nothing more).
   */
  print(fileName: string): Promise<SavedFile>;
  /** The laptop's log file kept by the desktop host; null in a browser (the in-memory log only). */
  readonly hostLog: Pick<JiuzhuHostApi, 'appendLog' | 'readLog'> | null;
  /** The OS keyring that seals the open session's key for a reload; null where there is none (a browser). */
  readonly keyring: Pick<JiuzhuHostApi, 'protectSecret' | 'unprotectSecret'> | null;
  /** The county's provisioning file shipped beside the desktop app; null in a browser (imported on the sign-in page instead). */
  shippedProvisioning(): Promise<ProvisioningLookup | null>;
  /** The desktop host's updates from the county server; null in a browser (the server's page is always current). */
  readonly updates: Pick<JiuzhuHostApi, 'checkForUpdates'> | null;
}

/** Thrown when the desktop host refuses or fails to save or print; `code` is the host's IPC error code. */
export class SaveFailedError extends Error {
  constructor(readonly code: string) {
    super(`save failed: ${code}`);
  }
}
