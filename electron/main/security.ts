import type { WebPreferences } from 'electron';
import { isTrustedUrl } from './origins';

/**
 * One policy for every response the app serves. 'unsafe-inline' styles: Ant Design injects
 * <style> tags at run time. connect-src allows any http(s) host because the user types in
 * the sync server's address. Fonts may be inlined by the bundler as data: URLs. Photo
 * previews are blob:/data: images and the camera's live picture a blob:/MediaStream video;
 * nothing remote is loaded as an image or media.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self' data:",
  "connect-src 'self' http: https:",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    // Chinese input gains nothing from it, and on Linux Chromium would fetch dictionaries online.
    spellcheck: false,
  };
}

interface NavigationDetails {
  url: string;
  preventDefault(): void;
}
type NavigationListener = (details: NavigationDetails) => void;

/** The parts of Electron's WebContents that hardening touches. */
export interface HardenableWebContents {
  on(event: 'will-navigate', listener: NavigationListener): unknown;
  on(event: 'will-frame-navigate', listener: NavigationListener): unknown;
  on(event: 'will-redirect', listener: NavigationListener): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Keeps a page on the app's own origin: a link or redirect to anywhere else is cancelled, and no
 * window or <webview> can be opened, so remote content never runs next to the preload API.
 */
export function hardenWebContents(
  contents: HardenableWebContents,
  trustedOrigins: readonly string[],
): void {
  const guard: NavigationListener = (details) => {
    if (!isTrustedUrl(details.url, trustedOrigins)) details.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

type ResponseHeaders = Record<string, string | string[]>;

/** The parts of Electron's Session that hardening touches. */
export interface HardenableSession {
  setPermissionRequestHandler(
    handler: (
      webContents: { getURL(): string },
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string; mediaTypes?: string[] },
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (webContents: unknown, permission: string, requestingOrigin: string, details?: { mediaType?: string }) => boolean,
  ): void;
  webRequest: {
    onHeadersReceived(
      filter: { urls: string[] },
      listener: (
        details: { url: string; responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: ResponseHeaders }) => void,
      ) => void,
    ): void;
  };
}

export interface SessionPolicy {
  trustedOrigins: readonly string[];
  /**
   * Permissions granted to the app's own pages; everything else is denied. Default: none.
   * `media` means the camera only: a request or check that involves the microphone is denied.
   */
  allowedPermissions?: readonly string[];
}

/** What the app asks for: the camera, for photos of documents (no microphone, no location). */
export const APP_PERMISSIONS = ['media'] as const;

/** The camera alone: a request names its media types; one with audio (or none named) is refused. */
const videoOnly = (mediaTypes: readonly string[] | undefined): boolean =>
  mediaTypes !== undefined && mediaTypes.length > 0 && mediaTypes.every((type) => type === 'video');

export function hardenSession(session: HardenableSession, policy: SessionPolicy): void {
  const allowed = new Set(policy.allowedPermissions ?? []);
  const grants = (permission: string, url: string | undefined, mediaTypes: readonly string[] | undefined): boolean =>
    allowed.has(permission) &&
    url !== undefined &&
    isTrustedUrl(url, policy.trustedOrigins) &&
    (permission !== 'media' || videoOnly(mediaTypes));

  session.setPermissionRequestHandler((webContents, permission, callback, details) => {
    callback(grants(permission, details?.requestingUrl ?? webContents?.getURL(), details?.mediaTypes));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    grants(permission, requestingOrigin, details?.mediaType ? [details.mediaType] : undefined),
  );

  // Chromium may skip header events for custom schemes, so the app:// handler sets the same
  // header itself; this covers whatever path the response takes.
  session.webRequest.onHeadersReceived({ urls: ['app://*/*'] }, (details, callback) => {
    if (!details.url.startsWith('app:')) {
      callback({});
      return;
    }
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders ?? {}) });
  });
}

/** Replaces any CSP header, whatever its case, with the app's policy. */
export function withContentSecurityPolicy(headers: ResponseHeaders): ResponseHeaders {
  const result: ResponseHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return result;
}
