import { parseArgs } from 'node:util';
import { findArea } from '../../shared/areas';
import { DEFAULT_IDLE_MINUTES, IDLE_MINUTES_MAX, IDLE_MINUTES_MIN, idleMinutesSchema } from '../../shared/wire/countySettings';
import { openDatabase, type DatabaseSettings } from '../db/openDatabase';
import { setCountyIdleMinutes } from './countySettings';

const USAGE =
  'usage: county set --area COUNTY --idle-minutes N|default\n' +
  `  COUNTY: the 6-digit county code (371623); N: ${IDLE_MINUTES_MIN}–${IDLE_MINUTES_MAX} minutes until an idle laptop locks` +
  ` (default: ${DEFAULT_IDLE_MINUTES}); laptops take it at their next sign-in or token refresh`;

/**
 * `npm run server -- county set --area 371623 --idle-minutes 10`: a county's idle-lock time for
 * its laptops. Through `openDatabase`, so a PGlite folder a running server holds is refused.
 */
export async function countySetCommand(args: string[], database: DatabaseSettings): Promise<void> {
  const { values } = parseArgs({ args, options: { area: { type: 'string' }, 'idle-minutes': { type: 'string' } } });
  const raw = values['idle-minutes'];
  if (!values.area || raw === undefined) throw new Error(USAGE);
  const county = findArea(values.area);
  if (county?.level !== 'county') throw new Error(`--area ${values.area}: 不是滨州市的县区代码（应为6位，如 371623）\n${USAGE}`);
  const minutes = raw === 'default' ? null : /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (Number.isNaN(minutes)) throw new Error(`--idle-minutes ${raw}: 锁屏时间应为整数分钟或 default\n${USAGE}`);
  // Refused before the database opens: nothing half-done, and the words name the field.
  const checked = minutes === null ? null : idleMinutesSchema.safeParse(minutes);
  if (checked && !checked.success) throw new Error(`--idle-minutes ${raw}: ${checked.error.issues[0]!.message}\n${USAGE}`);
  const db = await openDatabase(database);
  try {
    await setCountyIdleMinutes(db, county.code, minutes);
  } finally {
    await db.close();
  }
  console.log(`${county.code} (${county.name}): laptops lock after ${minutes ?? DEFAULT_IDLE_MINUTES} idle minutes${minutes === null ? ' (the default)' : ''}`);
}
