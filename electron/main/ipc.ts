import {
  IPC_CHANNELS,
  type AppInfo,
  type IpcError,
  type IpcMethod,
  type IpcResult,
  type IpcValue,
  type ProvisioningLookup,
} from '../../shared/ipc/contract';
import { ipcArgNames, ipcArgSchemas, type IpcArgs } from '../../shared/ipc/schemas';
import { createFileExportHandlers, type FileExportDeps, type PdfSourceLike } from './fileExports';
import type { LaptopLog } from './laptopLog';
import { isTrustedUrl } from './origins';

/** The part of an `IpcMainInvokeEvent` the handlers read. */
export interface IpcInvokeEventLike {
  readonly senderFrame: { readonly url: string } | null;
  /** The calling page's webContents: printToPdf prints it. */
  readonly sender?: PdfSourceLike;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** Electron 45's safeStorage; the synchronous calls are deprecated there. */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Uint8Array>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only: which OS key store backs the encryption. */
  getSelectedStorageBackend?(): string;
}

export interface IpcDeps {
  appInfo: () => AppInfo;
  safeStorage: SafeStorageLike;
  platform: string;
  /** Origins whose top frame may call the host: the app's, and the dev server's in development. */
  trustedOrigins: readonly string[];
  /** Receives the channel and the error's class only: arguments may hold personal data. */
  log?: (message: string) => void;
  /** Save dialog and file writing for exports and PDFs; without it those calls answer `unavailable`. */
  files?: FileExportDeps;
  /** The laptop's rotating log file (laptopLog.ts); without it the log calls answer `unavailable`. */
  laptopLog?: Pick<LaptopLog, 'append' | 'read'>;
  /** Finds the provisioning file beside the app (provisioning.ts); without it, there is none. */
  provisioning?: () => Promise<ProvisioningLookup | null>;
  /** The app's updates (appUpdates.ts); without it (development, a browser) the call answers `unavailable`. */
  updates?: { checkAt(serverUrl: string): Promise<void> };
}

type Handlers = {
  [M in IpcMethod]: (args: IpcArgs<M>, event: IpcInvokeEventLike) => Promise<IpcResult<IpcValue<M>>>;
};

const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });
const fail = (code: IpcError['code'], message: string): { ok: false; error: IpcError } => ({
  ok: false,
  error: { code, message },
});

/** Registers every channel of the contract; returns a function that removes them again. */
export function registerIpcHandlers(ipcMain: IpcMainLike, deps: IpcDeps): () => void {
  const handlers = createHandlers(deps);
  const methods = Object.keys(IPC_CHANNELS) as IpcMethod[];
  for (const method of methods) {
    ipcMain.handle(IPC_CHANNELS[method], guarded(method, handlers[method], deps));
  }
  return () => methods.forEach((method) => ipcMain.removeHandler(IPC_CHANNELS[method]));
}

/**
 * Checks who is calling and with what before the handler runs, and turns every outcome, a
 * thrown error included, into an IpcResult: a rejected invoke() would carry the error's text
 * into the renderer and leave the caller without a code to act on.
 */
function guarded<M extends IpcMethod>(
  method: M,
  handler: Handlers[M],
  deps: IpcDeps,
): (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<IpcResult<IpcValue<M>>> {
  return async (event, ...args) => {
    try {
      const frameUrl = event.senderFrame?.url;
      if (frameUrl === undefined || !isTrustedUrl(frameUrl, deps.trustedOrigins)) {
        return fail('forbidden', 'Only the app’s own page may call the host.');
      }
      const names = ipcArgNames(method);
      if (args.length > names.length) {
        return fail('invalid_argument', `${method} takes ${names.length} argument(s), got ${args.length}.`);
      }
      const parsed = ipcArgSchemas[method].safeParse(
        Object.fromEntries(names.map((name, index) => [name, args[index]])),
      );
      if (!parsed.success) {
        const issues = parsed.error.issues.map(
          (issue) => `${issue.path.join('.') || 'arguments'}: ${issue.message}`,
        );
        return fail('invalid_argument', issues.join('; '));
      }
      return await handler(parsed.data as IpcArgs<M>, event);
    } catch (error) {
      deps.log?.(`[ipc] ${IPC_CHANNELS[method]} failed: ${errorName(error)}`);
      return fail('internal', 'The host could not complete the call.');
    }
  };
}

function createHandlers(deps: IpcDeps): Handlers {
  const { safeStorage } = deps;

  async function keyStoreProblem(): Promise<IpcError | null> {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) {
      return { code: 'unavailable', message: 'The operating system offers no key store to protect secrets.' };
    }
    // Without libsecret or KWallet, Chromium "encrypts" with a password built into every copy.
    if (deps.platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
      return { code: 'unavailable', message: 'No OS keyring is running, so secrets cannot be protected.' };
    }
    return null;
  }

  const files = deps.files ? createFileExportHandlers(deps.files) : null;
  const noFiles = fail('unavailable', 'This host cannot save files.');

  return {
    getAppInfo: async () => ok(deps.appInfo()),

    saveFile: async (args) => (files ? files.saveFile(args) : noFiles),

    printToPdf: async (args, event) => (files ? files.printToPdf(args, event.sender) : noFiles),

    appendLog: async ({ lines }) => {
      if (!deps.laptopLog) return fail('unavailable', 'This host keeps no log file.');
      await deps.laptopLog.append(lines);
      return ok(null);
    },

    readLog: async () => (deps.laptopLog ? ok(await deps.laptopLog.read()) : fail('unavailable', 'This host keeps no log file.')),

    readProvisioning: async () => ok((await deps.provisioning?.()) ?? null),
    checkForUpdates: async ({ serverUrl }) => {
      if (!deps.updates) return fail('unavailable', 'This host does not update itself.');
      // Not awaited: the download may take minutes; the host asks the person once it is verified.
      void deps.updates.checkAt(serverUrl);
      return ok(null);
    },

    protectSecret: async ({ plain }) => {
      const problem = await keyStoreProblem();
      if (problem) return { ok: false, error: problem };
      try {
        const sealed = await safeStorage.encryptStringAsync(plain);
        return ok(Buffer.from(sealed).toString('base64'));
      } catch (error) {
        deps.log?.(`[ipc] protectSecret: key store refused: ${errorName(error)}`);
        return fail('failed', 'The key store could not seal the secret.');
      }
    },

    unprotectSecret: async ({ sealed }) => {
      const problem = await keyStoreProblem();
      if (problem) return { ok: false, error: problem };
      try {
        const { result } = await safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'));
        return ok(result);
      } catch (error) {
        deps.log?.(`[ipc] unprotectSecret: key store refused: ${errorName(error)}`);
        return fail('failed', 'The secret was sealed on another machine or for another user, or is damaged.');
      }
    },
  };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
