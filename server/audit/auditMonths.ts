import type { Queryable } from '../db/database';

/**
 * The audit log's months (migration 9): one partition per calendar month in China time (UTC+8),
 * named `audit_log_YYYY_MM`. A write into a month that has no partition would fail, so the
 * server keeps the current month and the next ones made ahead; a whole month leaves only through
 * `audit archive` (auditArchive.ts), after it has been exported.
 */

/** Months made ahead of the current one: a server may run this long without its timer succeeding. */
export const AUDIT_MONTHS_AHEAD = 3;
/** How often a running server makes sure the coming months exist (a month turns while it runs). */
export const AUDIT_MONTHS_CHECK_MS = 6 * 60 * 60 * 1000;

/** China has no daylight saving: a month starts at 00:00 UTC+8 on its first day. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

export interface AuditMonth {
  /** `YYYY-MM`, the month in China time. */
  month: string;
  /** The partition holding it. */
  table: string;
}

/** The month (China time) of a moment, as `YYYY-MM`. */
export function monthOf(moment: Date): string {
  return new Date(moment.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 7);
}

/** `YYYY-MM` shifted by `months` (negative: earlier). */
export function addMonths(month: string, months: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Creates the current month's partition and the next `ahead` ones where missing; returns their names. */
export async function ensureAuditMonths(db: Queryable, ahead = AUDIT_MONTHS_AHEAD): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    'SELECT audit_log_ensure_month(now() + make_interval(months => n)) AS name FROM generate_series(0, $1::int) AS n',
    [ahead],
  );
  return rows.map((r) => r.name);
}

/** The months the database holds, oldest first (the partitions of audit_log, by their names). */
export async function listAuditMonths(db: Queryable): Promise<AuditMonth[]> {
  const rows = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i
       JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'audit_log'::regclass ORDER BY c.relname`,
  );
  return rows.flatMap((r) => {
    const match = /^audit_log_(\d{4})_(\d{2})$/.exec(r.name);
    return match ? [{ month: `${match[1]}-${match[2]}`, table: r.name }] : [];
  });
}

/**
 * While the server runs, the coming months are made every few hours; a failure is logged (the
 * months ahead leave time to notice) and tried again at the next turn.
 */
export function keepAuditMonthsAhead(db: Queryable, onError: (error: unknown) => void, everyMs = AUDIT_MONTHS_CHECK_MS): () => void {
  const timer = setInterval(() => void ensureAuditMonths(db).catch(onError), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
