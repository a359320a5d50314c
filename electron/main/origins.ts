/** The custom scheme that serves the built renderer; one fixed host so the app has one origin. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'jiuzhu';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * `scheme://host[:port]` of a URL, or null when it has none. Built by hand because Node's URL
 * reports the origin of a custom scheme as "null", while Chromium treats `app://jiuzhu` as one.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!parsed.host) return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

export function isTrustedUrl(url: string, trustedOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && trustedOrigins.some((trusted) => trusted.toLowerCase() === origin);
}

/** The app's origin, plus the dev server's while electron-vite serves the renderer. */
export function trustedOrigins(devServerUrl?: string): string[] {
  const origins = [APP_ORIGIN];
  const dev = devServerUrl ? originOf(devServerUrl) : null;
  if (dev) origins.push(dev);
  return origins;
}
