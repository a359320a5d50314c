/**
 * 码上查's settings (deploy/jiuzhu.env.example documents each):
 * - `JIUZHU_PUBLIC_URL`: the address residents reach the server at through the county's reverse
 *   proxy (`https://jiuzhu.example.gov.cn`); receipts print `<it>/q/<code>`. Unset, the laptop
 *   prints the address it syncs with.
 * - `JIUZHU_STATUS_CHECK_DAYS`: days a code keeps working after its case closes (default 90).
 * - `JIUZHU_STATUS_CHECK_LOCK_MINUTES`: how long ten wrong check characters lock a code (default 30);
 *   each further lock in a row doubles it (statusLookup.ts).
 */
export interface StatusCheckSettings {
  publicUrl: string | null;
  daysAfterClose: number;
  lockMinutes: number;
  /** Lookups allowed in `windowMinutes`, per code and per client address. */
  perCode: number;
  perAddress: number;
  windowMinutes: number;
  /** Wrong check characters in a row that lock a code. */
  wrongBeforeLock: number;
}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const given = env[name];
  if (!given) return fallback;
  const value = Number(given);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`${name} must be a whole number from 1 to ${max}, got ${given}`);
  return value;
}

export function readStatusCheckSettings(env: NodeJS.ProcessEnv = process.env): StatusCheckSettings {
  const publicUrl = env['JIUZHU_PUBLIC_URL']?.trim() || null;
  if (publicUrl !== null && !/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(publicUrl)) {
    throw new Error(`JIUZHU_PUBLIC_URL must be an http(s) address, got ${publicUrl}`);
  }
  return {
    publicUrl: publicUrl?.replace(/\/+$/, '') ?? null,
    daysAfterClose: whole(env, 'JIUZHU_STATUS_CHECK_DAYS', 90, 3650),
    lockMinutes: whole(env, 'JIUZHU_STATUS_CHECK_LOCK_MINUTES', 30, 10_080),
    perCode: 30,
    perAddress: 60,
    windowMinutes: 15,
    wrongBeforeLock: 10,
  };
}
