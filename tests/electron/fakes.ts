import { vi } from 'vitest';
import type { HardenableSession, HardenableWebContents } from '../../electron/main/security';
import type { IpcInvokeEventLike, IpcMainLike, SafeStorageLike } from '../../electron/main/ipc';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fake Electron listeners take whatever Electron would pass
type Listener = (...args: any[]) => unknown;

/** A webContents that records listeners so a test can emit events at them. */
export function fakeWebContents() {
  const listeners = new Map<string, Listener[]>();
  let windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents: HardenableWebContents = {
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler(handler) {
      windowOpenHandler = handler;
    },
  };
  return {
    contents,
    listenerCount: (event: string) => listeners.get(event)?.length ?? 0,
    /** Emits a navigation-like event; returns whether some listener prevented it. */
    emit(event: string, details: Record<string, unknown> = {}): boolean {
      const preventDefault = vi.fn();
      for (const listener of listeners.get(event) ?? []) listener({ ...details, preventDefault });
      return preventDefault.mock.calls.length > 0;
    },
    openWindow(url: string) {
      if (!windowOpenHandler) throw new Error('no window open handler set');
      return windowOpenHandler({ url });
    },
  };
}

type RequestHandler = Parameters<HardenableSession['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<HardenableSession['setPermissionCheckHandler']>[0];
type HeadersListener = Parameters<HardenableSession['webRequest']['onHeadersReceived']>[1];

export function fakeSession() {
  let requestHandler: RequestHandler | undefined;
  let checkHandler: CheckHandler | undefined;
  let headersFilter: { urls: string[] } | undefined;
  let headersListener: HeadersListener | undefined;
  const session: HardenableSession = {
    setPermissionRequestHandler: (handler) => void (requestHandler = handler),
    setPermissionCheckHandler: (handler) => void (checkHandler = handler),
    webRequest: {
      onHeadersReceived(filter, listener) {
        headersFilter = filter;
        headersListener = listener;
      },
    },
  };
  return {
    session,
    get headersFilter() {
      return headersFilter;
    },
    /** What the request handler answers for `permission` asked by a page at `pageUrl`. */
    request(permission: string, pageUrl: string, mediaTypes?: string[]): boolean {
      if (!requestHandler) throw new Error('no permission request handler set');
      let granted: boolean | undefined;
      requestHandler({ getURL: () => pageUrl }, permission, (answer) => (granted = answer), {
        requestingUrl: pageUrl,
        ...(mediaTypes ? { mediaTypes } : {}),
      });
      if (granted === undefined) throw new Error('permission request was never answered');
      return granted;
    },
    check(permission: string, origin: string, mediaType?: string): boolean {
      if (!checkHandler) throw new Error('no permission check handler set');
      return checkHandler(null, permission, origin, mediaType ? { mediaType } : undefined);
    },
    receiveHeaders(url: string, responseHeaders: Record<string, string[]>) {
      if (!headersListener) throw new Error('no onHeadersReceived listener set');
      let reply: { responseHeaders?: Record<string, string | string[]> } | undefined;
      headersListener({ url, responseHeaders }, (response) => (reply = response));
      if (!reply) throw new Error('onHeadersReceived callback was never called');
      return reply;
    },
  };
}

type Handler = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>;

export function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
  return {
    ipcMain,
    channels: () => [...handlers.keys()].sort(),
    /** Calls `channel` as the renderer would, from a frame showing `frameUrl` (null: frame gone). */
    invoke(channel: string, frameUrl: string | null, ...args: unknown[]): Promise<unknown> {
      const handler = handlers.get(channel);
      if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
      return handler({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, ...args);
    },
  };
}

/**
 * A key store that really transforms the data (XOR with a per-"machine" byte) so tests can tell
 * sealed from plain, and refuses data sealed under another key as the OS would.
 */
export function fakeSafeStorage(options: { available?: boolean; backend?: string; key?: number } = {}) {
  const key = options.key ?? 0x5a;
  const storage: SafeStorageLike = {
    isAsyncEncryptionAvailable: vi.fn(async () => options.available ?? true),
    encryptStringAsync: vi.fn(async (plain: string) => {
      const bytes = Buffer.from(`v10${plain}`, 'utf8');
      return Buffer.from(bytes.map((byte) => byte ^ key));
    }),
    decryptStringAsync: vi.fn(async (encrypted: Buffer) => {
      const text = Buffer.from(encrypted.map((byte) => byte ^ key)).toString('utf8');
      if (!text.startsWith('v10')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return { result: text.slice(3), shouldReEncrypt: false };
    }),
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
  };
  return storage;
}
