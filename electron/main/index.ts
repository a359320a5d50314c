// The entry: the only main-process file that loads Electron itself. Everything it wires is a
// plain module with Electron passed in, tested under Node (tests/electron).
import fs, { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, safeStorage, session } from 'electron';
import updatePublicKeyPem from '../../resources/update-public-key.pem?raw';
import { AppUpdates, type UpdaterLike } from './appUpdates';
import { updateDialogFor } from './updateDialogs';
import { readUpdatePublicKey } from './updateSignature';
import { registerAppProtocol, registerAppScheme } from './appProtocol';
import { registerIpcHandlers } from './ipc';
import { LaptopLog } from './laptopLog';
import { aboutText, buildMenuTemplate } from './menu';
import { APP_ENTRY_URL, trustedOrigins } from './origins';
import { findProvisioning } from './provisioning';
import { APP_PERMISSIONS, hardenSession, hardenWebContents } from './security';
import { APP_TITLE, mainWindowOptions, unsavedFormQuestion } from './window';

const mainDir = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(mainDir, '../preload/index.cjs');
const rendererDir = path.join(mainDir, '../renderer');

// A packaged app ignores the variable: it must not be able to point the window, and the IPC
// rights that come with it, at another site.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined;
const origins = trustedOrigins(devServerUrl);

const appInfo = () => ({
  name: app.getName(),
  version: app.getVersion(),
  platform: process.platform,
  electron: process.versions.electron ?? '',
});

let mainWindow: BrowserWindow | null = null;

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  // The title stays the product name whatever <title> each page sets.
  window.on('page-title-updated', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  // A form with unsaved changes asks before the window closes or reloads; 关闭 lets it go.
  window.webContents.on('will-prevent-unload', (event) => {
    if (dialog.showMessageBoxSync(window, unsavedFormQuestion) === 0) event.preventDefault();
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  window.loadURL(devServerUrl ?? APP_ENTRY_URL).catch((error: unknown) => {
    console.error('[main] could not load the renderer:', error instanceof Error ? error.message : error);
  });
  return window;
}

function showAbout(): void {
  const options = {
    type: 'info' as const,
    title: `关于${APP_TITLE}`,
    message: APP_TITLE,
    detail: aboutText(appInfo()),
    buttons: ['确定'],
  };
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

/**
 * The app's updates from the county server (appUpdates.ts), in a packaged app only: electron-updater
 * needs Electron itself, so it is loaded here and nowhere a Node test goes. Null when it cannot load.
 */
async function startUpdates(log: (message: string) => void): Promise<AppUpdates | null> {
  if (!app.isPackaged) return null;
  let updater: UpdaterLike;
  try {
    const loaded = (await import('electron-updater')) as unknown as { autoUpdater?: UpdaterLike; default?: { autoUpdater: UpdaterLike } };
    updater = (loaded.autoUpdater ?? loaded.default?.autoUpdater)!;
  } catch (error) {
    log(`updates unavailable: ${error instanceof Error ? error.name : 'error'}`);
    return null;
  }
  const updates: AppUpdates = new AppUpdates({
    updater,
    publicKey: readUpdatePublicKey(updatePublicKeyPem),
    readFile: (file) => fs.readFile(file),
    fetchText: async (url) => {
      const response = await net.fetch(url).catch(() => null);
      return response?.ok ? response.text() : null;
    },
    log,
    onState: (state) => {
      const options = updateDialogFor(state);
      if (!options) return;
      void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options)).then(({ response }) => {
        if (state.state !== 'ready') return;
        if (response === 0) updates.installNow();
        else updates.installAtQuit();
      });
    },
  });
  return updates;
}

function start(): void {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // Every webContents, not just the main window's, so nothing created later escapes the rules.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, origins));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession, { trustedOrigins: origins, allowedPermissions: APP_PERMISSIONS });
    registerAppProtocol(protocol, rendererDir);
    // The laptop's log file, in the OS's place for an app's logs (…/救助通/logs).
    const laptopLog = new LaptopLog(app.getPath('logs'), fs);
    const logHostProblem = (message: string) => {
      console.warn(message);
      void laptopLog.append([{ at: new Date().toISOString(), kind: 'error', text: message }]).catch(() => undefined);
    };
    void laptopLog.append([{ at: new Date().toISOString(), kind: 'start', text: `host ${app.getVersion()} on ${process.platform}` }]).catch(() => undefined);
    const updates = startUpdates((message) => {
      const kind = /refused|failed|unavailable/.test(message) ? 'error' : 'start';
      void laptopLog.append([{ at: new Date().toISOString(), kind, text: message }]).catch(() => undefined);
    });
    registerIpcHandlers(ipcMain, {
      updates: { checkAt: async (serverUrl) => (await updates)?.checkAt(serverUrl) },
      appInfo,
      safeStorage,
      platform: process.platform,
      trustedOrigins: origins,
      log: logHostProblem,
      laptopLog,
      // The county's provisioning file: beside the executable (copied there after installing), else in resources/.
      provisioning: () => findProvisioning(fs, [path.dirname(app.getPath('exe')), process.resourcesPath]),
      files: {
        dialog: {
          // Modal to the app's window, so the dialog cannot get lost behind it.
          showSaveDialog: (options) => (mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options)),
        },
        writeFile: (filePath, data) => writeFile(filePath, data),
        defaultDir: () => app.getPath('documents'),
        log: (message) => console.warn(message),
      },
    });
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(buildMenuTemplate({ isDev: devServerUrl !== undefined, onAbout: showAbout })),
    );
    mainWindow = createMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
    });
  });
}

app.enableSandbox();
if (process.platform === 'win32') app.setAppUserModelId('cn.gov.binzhou.jiuzhu');
// Privileged schemes must be declared before 'ready'.
registerAppScheme(protocol);

if (app.requestSingleInstanceLock()) {
  start();
} else {
  app.quit();
}
