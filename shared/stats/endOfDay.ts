/**
 * 今日汇总 — the township's end-of-day report (issue #6): per village, what reached the server
 * that day, which applications wait for the township, and which village assistants have not
 * been online for some days. The server gathers the rows; this module shapes them, so the app
 * and the server agree on one answer type (shared/wire/endOfDay.ts).
 */
import { chinaDateOf } from '../domain/chinaTime';
import { allowedActions, applicationStatuses, type ApplicationStatus } from '../rules/applicationStatus';
import { calendarDaysBetween, type IsoDate } from '../rules/dates';
import { applicationDeadlines, type DeadlineInput } from '../rules/deadlines';
import type { AssistantLastSeen, EndOfDayReport, VillageEndOfDay } from '../wire/endOfDay';

/** An assistant not online for this many days is flagged unless the caller asks otherwise. */
export const DEFAULT_STALE_DAYS = 3;
export const MAX_STALE_DAYS = 90;

/**
 * Statuses in which an application waits for the township (受理, 调查, 初审, 公示, 报县): those
 * where the township has a step to take other than withdrawing it or submitting it for the village.
 */
export const townshipWaitingStatuses: readonly ApplicationStatus[] = applicationStatuses.filter((status) =>
  allowedActions(status, 'township').some((action) => action !== 'withdraw' && action !== 'submit'),
);

// The report's shape is declared once with its zod schema: shared/wire/endOfDay.ts.
export type { AssistantLastSeen, EndOfDayReport, VillageEndOfDay };

export interface EndOfDayRows {
  villageCodes: readonly string[];
  received: readonly { code: string; collection: string; documents: number; lastAt: number | null }[];
  waiting: readonly { code: string; deadlineInput: DeadlineInput }[];
  assistants: readonly { userId: string; displayName: string; villageCode: string; lastSeenAt: number | null }[];
}

export function endOfDayReport(
  rows: EndOfDayRows,
  options: { date: IsoDate; scope: string; staleDays: number; now: number },
): EndOfDayReport {
  const asOf = chinaDateOf(options.now);
  const villages = new Map<string, VillageEndOfDay>();
  const village = (code: string): VillageEndOfDay => {
    let entry = villages.get(code);
    if (!entry) {
      entry = { code, received: {}, receivedTotal: 0, lastReceivedAt: null, waiting: 0, overdue: 0, assistants: [] };
      villages.set(code, entry);
    }
    return entry;
  };
  for (const code of rows.villageCodes) village(code);
  for (const row of rows.received) {
    const entry = village(row.code);
    entry.received[row.collection] = (entry.received[row.collection] ?? 0) + row.documents;
    entry.receivedTotal += row.documents;
    if (row.lastAt !== null) entry.lastReceivedAt = Math.max(entry.lastReceivedAt ?? 0, row.lastAt);
  }
  for (const row of rows.waiting) {
    const entry = village(row.code);
    entry.waiting += 1;
    if (applicationDeadlines(row.deadlineInput, asOf).some((deadline) => deadline.state === 'overdue')) entry.overdue += 1;
  }
  for (const row of rows.assistants) {
    const daysSinceSeen = row.lastSeenAt === null ? null : calendarDaysBetween(chinaDateOf(row.lastSeenAt), asOf);
    village(row.villageCode).assistants.push({
      ...row,
      daysSinceSeen,
      stale: daysSinceSeen === null || daysSinceSeen >= options.staleDays,
    });
  }
  const list = [...villages.values()].sort((a, b) => a.code.localeCompare(b.code));
  const sum = (pick: (v: VillageEndOfDay) => number) => list.reduce((total, v) => total + pick(v), 0);
  return {
    date: options.date,
    asOf,
    scope: options.scope,
    staleDays: options.staleDays,
    villages: list,
    totals: {
      received: sum((v) => v.receivedTotal),
      waiting: sum((v) => v.waiting),
      overdue: sum((v) => v.overdue),
      staleAssistants: sum((v) => v.assistants.filter((a) => a.stale).length),
      villagesSent: list.filter((v) => v.receivedTotal > 0).length,
    },
  };
}
