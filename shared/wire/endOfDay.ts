import { z } from 'zod';

/**
 * 今日汇总 — the township's end-of-day report (`GET /api/v1/reports/end-of-day` answers
 * `{report}`), shaped by `endOfDayReport` (shared/stats/endOfDay.ts) from the server's rows.
 */

const count = z.number().int().min(0);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const assistantLastSeenSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  villageCode: z.string(),
  /** Epoch millis of the last sign-in or token renewal on any of the user's active devices. */
  lastSeenAt: z.number().nullable(),
  /** Calendar days (China) from then to today; null if never seen. */
  daysSinceSeen: z.number().int().nullable(),
  /** Not seen for `staleDays` days or more, or never. */
  stale: z.boolean(),
});
export type AssistantLastSeen = z.infer<typeof assistantLastSeenSchema>;

export const villageEndOfDaySchema = z.object({
  /** 12-digit village code. */
  code: z.string(),
  /** Distinct documents the village's assistants stored that day, by collection. */
  received: z.record(z.string(), count),
  receivedTotal: count,
  /** Epoch millis of the last of those writes. */
  lastReceivedAt: z.number().nullable(),
  /** Applications waiting for the township's next step. */
  waiting: count,
  /** Of those, how many have a deadline already passed (shared/rules/deadlines.ts). */
  overdue: count,
  assistants: z.array(assistantLastSeenSchema),
});
export type VillageEndOfDay = z.infer<typeof villageEndOfDaySchema>;

export const endOfDayReportSchema = z.object({
  /** The day the arrivals are counted for ('YYYY-MM-DD', China). */
  date: isoDate,
  /** Waiting applications and last-seen days are as of this day (today in China). */
  asOf: isoDate,
  scope: z.string(),
  staleDays: count,
  villages: z.array(villageEndOfDaySchema),
  totals: z.object({ received: count, waiting: count, overdue: count, staleAssistants: count, villagesSent: count }),
});
export type EndOfDayReport = z.infer<typeof endOfDayReportSchema>;

/** `GET /api/v1/reports/end-of-day?date=&staleDays=&areaPrefix=`. */
export const endOfDayAnswerSchema = z.object({ report: endOfDayReportSchema });
export type EndOfDayAnswer = z.infer<typeof endOfDayAnswerSchema>;
