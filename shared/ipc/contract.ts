/**
 * The one IPC contract between the renderer and the Electron host. The renderer reaches it as
 * `window.jiuzhu` (absent in a plain browser, where the renderer uses web fallbacks).
 *
 * This file stays free of runtime imports: the sandboxed preload bundles it and may only
 * `require('electron')`. Argument schemas live beside it in ./schemas.ts.
 */
import type { Provisioning } from '../wire/provisioning';

/** Codes the host replies with; the renderer maps them to its own (translated) messages. */
export type IpcErrorCode =
  /** An argument failed its schema; the message names the field, never its value. */
  | 'invalid_argument'
  /** The call came from a frame that is not the app's own page. */
  | 'forbidden'
  /** The operating system cannot protect secrets (no keyring), so the host refuses to pretend. */
  | 'unavailable'
  /** The operation itself failed (e.g. data sealed on another machine or by another user). */
  | 'failed'
  /** A file could not be written: the disk (USB stick) is full. */
  | 'no_space'
  /** A file could not be written: the folder is gone (a USB stick pulled out) or the device fails. */
  | 'gone'
  /** A file could not be written: the disk is read-only (a write-protected stick) or not ours to write. */
  | 'read_only'
  /** A bug in the host; details stay in the main process. */
  | 'internal';

export interface IpcError {
  code: IpcErrorCode;
  message: string;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  electron: string;
}

/**
 * The county's provisioning file found beside the installed app (issue 16): its settings, or what
 * is wrong with it in words; `file` says where it was, for the helpdesk.
 */
export type ProvisioningLookup =
  | { ok: true; provisioning: Provisioning; file: string }
  | { ok: false; problems: string[]; file: string };

/** What kind of thing a line of the app's log says happened. */
export type AppEventKind = 'start' | 'page' | 'sync' | 'error' | 'session';

/**
 * A line of the app's log (renderer/data/core/diagnostics/appLog.ts): what happened, never to whom
 * (its text is scrubbed of anything personal by the page, and again by the host).
 */
export interface LogLine {
  /** ISO time of the event. */
  at: string;
  kind: AppEventKind;
  text: string;
}

/** The answer of a save dialog: `saved: false` when the person cancelled. */
export interface SavedFile {
  saved: boolean;
  /** The name chosen, without its folder. */
  fileName?: string;
}

export interface JiuzhuHostApi {
  getAppInfo(): Promise<IpcResult<AppInfo>>;
  /** Seals `plain` with the OS keyring (Electron safeStorage); the reply is base64. */
  protectSecret(plain: string): Promise<IpcResult<string>>;
  /** Opens a value returned by `protectSecret` on this machine for this OS user. */
  unprotectSecret(sealed: string): Promise<IpcResult<string>>;
  /** Saves an export (.xlsx) or a USB file (.jzb), as base64, where the person chooses in the save dialog. */
  saveFile(suggestedName: string, base64: string): Promise<IpcResult<SavedFile>>;
  /** Prints the calling page (a print view) to an A4 PDF and saves it where the person chooses. */
  printToPdf(suggestedName: string): Promise<IpcResult<SavedFile>>;
  /** Adds lines to the laptop's rotating log file, for the helpdesk (导出诊断信息 bundles it). */
  appendLog(lines: LogLine[]): Promise<IpcResult<null>>;
  /** The log file's recent lines, oldest first, for 导出诊断信息. */
  readLog(): Promise<IpcResult<string>>;
  /** The provisioning file shipped beside the app (server address, county); null when there is none. */
  readProvisioning(): Promise<IpcResult<ProvisioningLookup | null>>;
  /** Looks for an app update at this server's `/updates/` (after an online sign-in); the host asks the person before installing. */
  checkForUpdates(serverUrl: string): Promise<IpcResult<null>>;
}

export type IpcMethod = keyof JiuzhuHostApi;

/** What a successful call of `M` carries in `value`. */
export type IpcValue<M extends IpcMethod> =
  Awaited<ReturnType<JiuzhuHostApi[M]>> extends IpcResult<infer T> ? T : never;

export const IPC_CHANNELS = {
  getAppInfo: 'jiuzhu:getAppInfo',
  protectSecret: 'jiuzhu:protectSecret',
  unprotectSecret: 'jiuzhu:unprotectSecret',
  saveFile: 'jiuzhu:saveFile',
  printToPdf: 'jiuzhu:printToPdf',
  appendLog: 'jiuzhu:appendLog',
  readLog: 'jiuzhu:readLog',
  readProvisioning: 'jiuzhu:readProvisioning',
  checkForUpdates: 'jiuzhu:checkForUpdates',
} as const satisfies { [M in IpcMethod]: `jiuzhu:${M}` };

export type IpcChannel = (typeof IPC_CHANNELS)[IpcMethod];
