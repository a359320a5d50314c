import { z } from 'zod';

/**
 * The idle-lock time a county sets for its laptops (issue 16), in minutes. The bounds are a
 * county admin's: long enough to fill a form in a courtyard, short enough that a laptop left open
 * shows nobody's data for an afternoon. The server sends the signed-in user's county's value as
 * `idleMinutes` in the login and refresh answers (an extension of v1: older apps ignore it).
 */
export const IDLE_MINUTES_MIN = 1;
export const IDLE_MINUTES_MAX = 60;
/** What a county that set nothing gets (and an app that never heard from the server). */
export const DEFAULT_IDLE_MINUTES = 10;

export const idleMinutesSchema = z
  .number()
  .int('锁屏时间应为整数分钟')
  .min(IDLE_MINUTES_MIN, `锁屏时间不能少于${IDLE_MINUTES_MIN}分钟`)
  .max(IDLE_MINUTES_MAX, `锁屏时间不能超过${IDLE_MINUTES_MAX}分钟`);

/** `POST /api/v1/county-settings` (county for its own county, city and admin for any): one county's settings. */
export const countySettingsBodySchema = z.strictObject({
  county: z.string().regex(/^\d{6}$/, '县区代码应为6位数字'),
  /** null: back to the default. */
  idleMinutes: idleMinutesSchema.nullable(),
});
export type CountySettingsBody = z.infer<typeof countySettingsBodySchema>;

/** The answer: the county's settings as laptops will get them (the default filled in). */
export const countySettingsAnswerSchema = z.strictObject({ county: z.string(), idleMinutes: z.number().int() });
export type CountySettingsAnswer = z.infer<typeof countySettingsAnswerSchema>;
