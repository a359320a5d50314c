import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../shared/ipc/contract';

/**
 * Loads the real entry (electron/main/index.ts) against a fake 'electron' module, to check the
 * wiring that the unit tests of each part cannot see: order, what is registered, what loads.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fake Electron listeners take whatever Electron would pass
type Listener = (...args: any[]) => unknown;

function fakeElectron(options: { isPackaged?: boolean; gotLock?: boolean } = {}) {
  const calls: string[] = [];
  const osFolder = mkdtempSync(join(tmpdir(), 'jiuzhu-entry-'));
  const appListeners = new Map<string, Listener[]>();
  const windows: FakeWindow[] = [];
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  class FakeWindow {
    readonly listeners = new Map<string, Listener[]>();
    loadedUrl: string | undefined;
    constructor(readonly options: { webPreferences: { preload?: string } } & Record<string, unknown>) {
      windows.push(this);
      calls.push('new BrowserWindow');
      emitApp('web-contents-created', {}, this.webContents);
    }
    readonly webContents = {
      hardened: [] as string[],
      listeners: new Map<string, Listener[]>(),
      on: (event: string, listener?: Listener) => {
        this.webContents.hardened.push(event);
        if (listener) this.webContents.listeners.set(event, [...(this.webContents.listeners.get(event) ?? []), listener]);
        return this.webContents;
      },
      setWindowOpenHandler: () => this.webContents.hardened.push('setWindowOpenHandler'),
    };
    on(event: string, listener: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: Listener) {
      return this.on(event, listener);
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    static getAllWindows = () => windows;
  }

  function emitApp(event: string, ...args: unknown[]) {
    for (const listener of appListeners.get(event) ?? []) listener(...args);
  }

  const ipcChannels: string[] = [];
  const permissionHandlers: string[] = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Electron's handler signature, as the entry wires it
  const handlers: { request?: (...args: any[]) => void } = {};
  const module = {
    app: {
      isPackaged: options.isPackaged ?? false,
      enableSandbox: () => calls.push('enableSandbox'),
      setAppUserModelId: () => {},
      requestSingleInstanceLock: () => options.gotLock ?? true,
      quit: vi.fn(() => calls.push('quit')),
      whenReady: () => ready,
      on: (event: string, listener: Listener) => {
        appListeners.set(event, [...(appListeners.get(event) ?? []), listener]);
      },
      getName: () => '救助通',
      getVersion: () => '0.1.0',
      // The OS's folders: a throwaway one here (the laptop's log file is written under 'logs').
      getPath: (name: string) => join(osFolder, name),
    },
    BrowserWindow: FakeWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => calls.push(`privileged ${JSON.stringify(schemes)}`),
      handle: (scheme: string) => calls.push(`handle ${scheme}`),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: (...args: unknown[]) => void) => {
          handlers.request = handler;
          permissionHandlers.push('request');
        },
        setPermissionCheckHandler: () => permissionHandlers.push('check'),
        webRequest: { onHeadersReceived: () => permissionHandlers.push('headers') },
      },
    },
    ipcMain: { handle: (channel: string) => ipcChannels.push(channel), removeHandler: () => {} },
    safeStorage: {},
    Menu: {
      buildFromTemplate: (template: { label: string }[]) => template,
      setApplicationMenu: (menu: { label: string }[]) => calls.push(`menu ${menu.map((m) => m.label).join(',')}`),
    },
    dialog: { showMessageBox: vi.fn(), showMessageBoxSync: vi.fn(() => 1) },
  };
  // electron-updater's autoUpdater (it loads the real Electron, so it is faked like it).
  const updater = { autoDownload: false, autoInstallOnAppQuit: true, allowDowngrade: true, setFeedURL: vi.fn(), checkForUpdates: vi.fn(), quitAndInstall: vi.fn(), on: vi.fn() };
  return { module, calls, windows, ipcChannels, permissionHandlers, handlers, markReady, emitApp, ready, osFolder, updater };
}

let fake: ReturnType<typeof fakeElectron>;

async function loadEntry(options: Parameters<typeof fakeElectron>[0] = {}) {
  fake = fakeElectron(options);
  vi.doMock('electron', () => fake.module);
  vi.doMock('electron-updater', () => ({ autoUpdater: fake.updater }));
  await import('../../electron/main/index');
  return fake;
}

async function becomeReady() {
  fake.markReady();
  await fake.ready;
  await new Promise((resolve) => setTimeout(resolve, 0));
}

beforeEach(() => {
  vi.resetModules();
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
});

afterEach(() => {
  if (fake) rmSync(fake.osFolder, { recursive: true, force: true });
  vi.doUnmock('electron');
  vi.doUnmock('electron-updater');
  vi.unstubAllEnvs();
});

describe('electron/main/index.ts', () => {
  it('declares app:// privileged and turns on the sandbox before ready', async () => {
    await loadEntry();
    expect(fake.calls).toContain('enableSandbox');
    expect(fake.calls.some((call) => call.startsWith('privileged') && call.includes('"app"'))).toBe(true);
    expect(fake.windows).toHaveLength(0);
  });

  it('on ready hardens the session, serves app://, registers IPC and opens one hardened window', async () => {
    await loadEntry();
    await becomeReady();
    expect(fake.permissionHandlers).toEqual(['request', 'check', 'headers']);
    // The real app's session: the camera for its own page, nothing else.
    const ask = (permission: string, mediaTypes?: string[]) => {
      let granted: boolean | undefined;
      fake.handlers.request?.({ getURL: () => 'app://jiuzhu/index.html' }, permission, (answer: boolean) => (granted = answer), {
        requestingUrl: 'app://jiuzhu/index.html',
        mediaTypes,
      });
      return granted;
    };
    expect(ask('media', ['video'])).toBe(true);
    expect(ask('media', ['audio'])).toBe(false);
    expect(ask('geolocation')).toBe(false);
    expect(fake.calls).toContain('handle app');
    expect(fake.ipcChannels.sort()).toEqual(Object.values(IPC_CHANNELS).sort());
    expect(fake.calls).toContain('menu 文件,视图,帮助');
    // The laptop's log file says the host started.
    await expect.poll(() => (existsSync(join(fake.osFolder, 'logs', 'jiuzhu.log')) ? readFileSync(join(fake.osFolder, 'logs', 'jiuzhu.log'), 'utf8') : '')).toMatch(
      /\tstart\thost 0\.1\.0 on /,
    );

    expect(fake.windows).toHaveLength(1);
    const [window] = fake.windows;
    expect(window?.options).toMatchObject({ width: 1280, height: 800, title: '救助通' });
    expect(window?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(window?.options.webPreferences.preload).toMatch(/preload[/\\]index\.cjs$/);
    expect(window?.webContents.hardened).toEqual(
      expect.arrayContaining(['will-navigate', 'will-attach-webview', 'setWindowOpenHandler']),
    );
    expect(window?.loadedUrl).toBe('app://jiuzhu/index.html');
  });

  it('asks before a page with an unsaved form is closed or reloaded, and lets it go only on 关闭', async () => {
    await loadEntry();
    await becomeReady();
    const [onPreventUnload] = fake.windows[0]?.webContents.listeners.get('will-prevent-unload') ?? [];
    expect(onPreventUnload).toBeDefined();
    const stay = { preventDefault: vi.fn() };
    onPreventUnload?.(stay);
    expect(fake.module.dialog.showMessageBoxSync).toHaveBeenCalledWith(fake.windows[0], expect.objectContaining({ message: '还有表格没有保存，确定关闭吗？', buttons: ['关闭', '留下继续填写'] }));
    expect(stay.preventDefault).not.toHaveBeenCalled();
    fake.module.dialog.showMessageBoxSync.mockReturnValueOnce(0);
    const leave = { preventDefault: vi.fn() };
    onPreventUnload?.(leave);
    expect(leave.preventDefault).toHaveBeenCalled();
  });

  it('loads the dev server while developing', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    await loadEntry({ isPackaged: false });
    await becomeReady();
    expect(fake.windows[0]?.loadedUrl).toBe('http://localhost:5173');
    expect(fake.calls).toContain('menu 文件,视图,帮助');
    // Development has no feed to update from: the updater is never loaded.
    expect(fake.updater.on).not.toHaveBeenCalled();
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'https://example.com/');
    await loadEntry({ isPackaged: true });
    await becomeReady();
    expect(fake.windows[0]?.loadedUrl).toBe('app://jiuzhu/index.html');
    expect(fake.calls).toContain('menu 文件,视图,帮助');
    // A packaged app takes its updates from the server, and never installs one by itself (appUpdates.ts).
    await expect.poll(() => fake.updater.on.mock.calls.length).toBeGreaterThan(0);
    expect(fake.updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: false, allowDowngrade: false });
  });

  it('quits at once when another instance holds the lock', async () => {
    await loadEntry({ gotLock: false });
    await becomeReady();
    expect(fake.module.app.quit).toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
  });

  it('quits when the last window closes, except on macOS', async () => {
    await loadEntry();
    await becomeReady();
    fake.emitApp('window-all-closed');
    expect(fake.module.app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1);
  });
});
