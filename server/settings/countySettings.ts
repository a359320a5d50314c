import { DEFAULT_IDLE_MINUTES, idleMinutesSchema } from '../../shared/wire/countySettings';
import type { Queryable } from '../db/database';

/** The county (6-digit code) a user's area lies in; null for the city and admins, who have none. */
export function countyOf(areaCode: string): string | null {
  return /^\d{6}/.test(areaCode) ? areaCode.slice(0, 6) : null;
}

/** The idle-lock minutes for a user of `areaCode`: their county's setting, else the default. */
export async function idleMinutesFor(db: Queryable, areaCode: string): Promise<number> {
  const county = countyOf(areaCode);
  if (!county) return DEFAULT_IDLE_MINUTES;
  const rows = await db.query<{ idle_minutes: number | null }>('SELECT idle_minutes FROM county_settings WHERE county = $1', [county]);
  return rows[0]?.idle_minutes ?? DEFAULT_IDLE_MINUTES;
}

/**
 * Sets a county's idle-lock minutes (null: back to the default). A value out of bounds is
 * refused in words before anything is stored; the database's CHECK holds the same bounds.
 */
export async function setCountyIdleMinutes(db: Queryable, county: string, minutes: number | null): Promise<void> {
  if (minutes !== null) {
    const checked = idleMinutesSchema.safeParse(minutes);
    if (!checked.success) throw new Error(checked.error.issues[0]!.message);
  }
  await db.query(
    `INSERT INTO county_settings (county, idle_minutes, updated_at) VALUES ($1, $2, now())
     ON CONFLICT (county) DO UPDATE SET idle_minutes = EXCLUDED.idle_minutes, updated_at = now()`,
    [county, minutes],
  );
}
