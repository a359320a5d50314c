/**
 * 今日汇总 — the township's end-of-day report (issue #6): per village, what reached the server
 * that day, which applications wait for the township, and which village assistants have not
 * been online for some days. The server gathers the rows; this module shapes them, so the app
 * and the server agree on one answer type.
 */
import { chinaDateOf } from '../domain/chinaTime';
import { allowedActions, applicationStatuses, type ApplicationStatus } from '../rules/applicationStatus';
import { calendarDaysBetween, type IsoDate } from '../rules/dates';
import { applicationDeadlines, type DeadlineInput } from '../rules/deadlines';

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

export interface AssistantLastSeen {
  userId: string;
  displayName: string;
  villageCode: string;
  /** Epoch millis of the last sign-in or token renewal on any of the user's active devices. */
  lastSeenAt: number | null;
  /** Calendar days (China) from then to today; null if never seen. */
  daysSinceSeen: number | null;
  /** Not seen for `staleDays` days or more, or never. */
  stale: boolean;
}

export interface VillageEndOfDay {
  /** 12-digit village code. */
  code: string;
  /** Distinct documents the village's assistants stored that day, by collection. */
  received: Record<string, number>;
  receivedTotal: number;
  /** Epoch millis of the last of those writes. */
  lastReceivedAt: number | null;
  /** Applications waiting for the township's next step. */
  waiting: number;
  /** Of those, how many have a deadline already passed (shared/rules/deadlines.ts). */
  overdue: number;
  assistants: AssistantLastSeen[];
}

export interface EndOfDayReport {
  /** The day the arrivals are counted for ('YYYY-MM-DD', China). */
  date: IsoDate;
  /** Waiting applications and last-seen days are as of this day (today in China). */
  asOf: IsoDate;
  scope: string;
  staleDays: number;
  villages: VillageEndOfDay[];
  totals: { received: number; waiting: number; overdue: number; staleAssistants: number; villagesSent: number };
}

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
