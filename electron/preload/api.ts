import { IPC_CHANNELS, type JiuzhuHostApi, type LogLine } from '../../shared/ipc/contract';

/** `ipcRenderer.invoke`, passed in so this file loads in tests without Electron. */
export type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>;

/**
 * Each method forwards its arguments untouched: the main process validates them, since a
 * compromised page could call invoke() directly anyway. No raw ipcRenderer leaves this file.
 */
export function createHostApi(invoke: Invoke): JiuzhuHostApi {
  const api = {
    getAppInfo: () => invoke(IPC_CHANNELS.getAppInfo) as ReturnType<JiuzhuHostApi['getAppInfo']>,
    protectSecret: (plain: string) =>
      invoke(IPC_CHANNELS.protectSecret, plain) as ReturnType<JiuzhuHostApi['protectSecret']>,
    unprotectSecret: (sealed: string) =>
      invoke(IPC_CHANNELS.unprotectSecret, sealed) as ReturnType<JiuzhuHostApi['unprotectSecret']>,
    saveFile: (suggestedName: string, base64: string) =>
      invoke(IPC_CHANNELS.saveFile, suggestedName, base64) as ReturnType<JiuzhuHostApi['saveFile']>,
    printToPdf: (suggestedName: string) =>
      invoke(IPC_CHANNELS.printToPdf, suggestedName) as ReturnType<JiuzhuHostApi['printToPdf']>,
    appendLog: (lines: LogLine[]) => invoke(IPC_CHANNELS.appendLog, lines) as ReturnType<JiuzhuHostApi['appendLog']>,
    readLog: () => invoke(IPC_CHANNELS.readLog) as ReturnType<JiuzhuHostApi['readLog']>,
    readProvisioning: () => invoke(IPC_CHANNELS.readProvisioning) as ReturnType<JiuzhuHostApi['readProvisioning']>,
    checkForUpdates: (serverUrl: string) => invoke(IPC_CHANNELS.checkForUpdates, serverUrl) as ReturnType<JiuzhuHostApi['checkForUpdates']>,
  } satisfies JiuzhuHostApi;
  return Object.freeze(api);
}
