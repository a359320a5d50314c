import { z } from 'zod';

/**
 * The app's version on every request it makes (sync-protocol.md, "App versions"). A request
 * without it (another program using the contract) is served as before; one from an app older
 * than the server's `JIUZHU_MIN_APP_VERSION` is refused `426 app_too_old`.
 */
export const APP_VERSION_HEADER = 'x-jiuzhu-app-version';

export const APP_TOO_OLD = 'app_too_old';

/** `details` of a `426 app_too_old` refusal: the version the server wants, and the one it was sent. */
export const appTooOldDetailsSchema = z.object({ minVersion: z.string(), appVersion: z.string() });
export type AppTooOldDetails = z.infer<typeof appTooOldDetailsSchema>;

const PLAIN_VERSION = /^(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** Major, minor and patch of a version such as `0.3.0` (or `0.3.0-beta.1`); null for anything else. */
export function versionParts(version: string): [number, number, number] | null {
  const match = PLAIN_VERSION.exec(version.trim());
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/**
 * Whether `version` is below `minimum`, by major, minor and patch. A pre-release of the minimum
 * (`0.3.0-beta.1`) counts as the minimum: the county ships what it tested, not what semver orders.
 */
export function isOlderThan(version: string, minimum: string): boolean {
  const a = versionParts(version);
  const b = versionParts(minimum);
  if (!a || !b) throw new Error(`not a version: ${a ? minimum : version}`);
  for (let i = 0; i < 3; i++) {
    if (a[i]! !== b[i]!) return a[i]! < b[i]!;
  }
  return false;
}

/** The words a person reads when the server refuses their app as too old (the server's message and the app's). */
export function appTooOldMessage(minVersion: string): string {
  return `救助通版本过旧：请更新到 ${minVersion} 或更高版本后再同步。您未上传的记录仍保存在本机。`;
}
