import type { KeyObject } from 'node:crypto';
import { SIGNATURE_SUFFIX } from '../../shared/files/updateSignature';
import { sha512Of, verifyInstaller, type InstallerRefusal } from './updateSignature';

/** What the updater tells us about a release (electron-updater's UpdateInfo, the part we read). */
export interface ReleaseInfo {
  version: string;
  files: { url: string; sha512: string }[];
}

/**
 * The part of electron-updater's `autoUpdater` this module drives, so tests pass a fake and only
 * the entry (index.ts) loads the real one (it needs Electron).
 */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each event passes its own argument (UpdateInfo, an Error…)
  on(event: 'update-available' | 'update-not-available' | 'update-downloaded' | 'error', listener: (...args: any[]) => void): unknown;
}

export type UpdateState =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'none' }
  | { state: 'downloading'; version: string }
  /** Downloaded and signed by the county: it may run. */
  | { state: 'ready'; version: string }
  /** Downloaded, but not signed by the county's key: it is never run. */
  | { state: 'refused'; version: string; reason: InstallerRefusal }
  | { state: 'failed' };

export interface AppUpdatesDeps {
  updater: UpdaterLike;
  /** The county's key built into the app (`readUpdatePublicKey`); null: no update ever runs. */
  publicKey: KeyObject | null;
  readFile(file: string): Promise<Uint8Array>;
  /** The text at a URL, or null when the server has none (404) or cannot be reached. */
  fetchText(url: string): Promise<string | null>;
  /** The laptop's log (no personal data: versions and reasons only). */
  log(message: string): void;
  /** Each new state, for what the person is shown. */
  onState?(state: UpdateState): void;
}

/** The feed of the server the person signs in to: its `/updates/` folder (server/updates/). */
export function feedUrlOf(serverUrl: string): string {
  const url = new URL(serverUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('the server address must be http(s)');
  return new URL('updates/', url.href.endsWith('/') ? url.href : `${url.href}/`).href;
}

/**
 * The laptop's updates from its county server, through electron-updater's generic provider. It
 * downloads by itself but never installs by itself (`autoInstallOnAppQuit` off): only `installNow`
 * runs an installer, and only one whose bytes the county signed as the version the updater reports
 * (`FILE.sig` beside it in the feed, checked against the public key built into the app) — on
 * every platform, not only where electron-updater checks Authenticode.
 */
export class AppUpdates {
  private current: UpdateState = { state: 'idle' };
  private feedUrl: string | null = null;

  constructor(private readonly deps: AppUpdatesDeps) {
    const { updater } = deps;
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = false;
    updater.allowDowngrade = false;
    updater.on('update-available', (info: ReleaseInfo) => this.set({ state: 'downloading', version: info.version }));
    updater.on('update-not-available', () => this.set({ state: 'none' }));
    updater.on('update-downloaded', (event: ReleaseInfo & { downloadedFile: string }) => void this.verifyDownloaded(event));
    updater.on('error', (error: Error & { code?: string }) => {
      this.deps.log(`update failed: ${error?.code ?? error?.name ?? 'error'}`);
      this.set({ state: 'failed' });
    });
  }

  get state(): UpdateState {
    return this.current;
  }

  /** Looks for an update on this server (after each online sign-in); a failure is logged, never thrown. */
  async checkAt(serverUrl: string): Promise<void> {
    if (this.current.state === 'checking' || this.current.state === 'downloading' || this.current.state === 'ready') return;
    let feedUrl: string;
    try {
      feedUrl = feedUrlOf(serverUrl);
    } catch {
      this.deps.log('update check skipped: the server address is not http(s)');
      return;
    }
    if (feedUrl !== this.feedUrl) this.deps.updater.setFeedURL({ provider: 'generic', url: feedUrl });
    this.feedUrl = feedUrl;
    this.set({ state: 'checking' });
    try {
      await this.deps.updater.checkForUpdates();
    } catch (error) {
      // electron-updater also emits 'error', which logs it; the state must not stay "checking".
      if ((this.current as UpdateState).state === 'checking') this.set({ state: 'failed' });
      this.deps.log(`update check failed: ${(error as { code?: string })?.code ?? 'error'}`);
    }
  }

  /** Quits and runs the verified installer; false (and nothing runs) unless the download was verified. */
  installNow(): boolean {
    if (this.current.state !== 'ready') return false;
    this.deps.log(`installing update ${this.current.version}`);
    this.deps.updater.quitAndInstall(false, true);
    return true;
  }

  /** 稍后: the verified installer runs when the app is next closed (electron-updater's install on quit). */
  installAtQuit(): boolean {
    if (this.current.state !== 'ready') return false;
    this.deps.updater.autoInstallOnAppQuit = true;
    return true;
  }

  private async verifyDownloaded(event: ReleaseInfo & { downloadedFile: string }): Promise<void> {
    const { version } = event;
    let reason: InstallerRefusal | null;
    try {
      const bytes = await this.deps.readFile(event.downloadedFile);
      // The feed entry of these bytes (the updater checked them against its sha512) names the .sig beside it.
      const sha512 = sha512Of(bytes).toString('base64');
      const entry = event.files.find((file) => file.sha512 === sha512);
      const signature = entry && this.feedUrl ? await this.deps.fetchText(new URL(`${entry.url}${SIGNATURE_SUFFIX}`, this.feedUrl).href) : null;
      // Signed together with the version the updater is about to install: an old installer listed as newer is refused.
      const verdict = verifyInstaller(bytes, version, signature, this.deps.publicKey);
      reason = verdict.ok ? null : verdict.reason;
    } catch {
      reason = 'no_signature';
    }
    if (reason) {
      this.deps.log(`update ${version} refused: ${reason}`);
      this.set({ state: 'refused', version, reason });
      return;
    }
    this.deps.log(`update ${version} downloaded and verified`);
    this.set({ state: 'ready', version });
  }

  private set(state: UpdateState): void {
    this.current = state;
    this.deps.onState?.(state);
  }
}
