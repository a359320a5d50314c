/**
 * The demo's calendar: every date is counted back (or on) from the server's own clock, so a demo
 * started in any month shows that month's work — deadlines near and past, visits due this week.
 */
import { chinaDateOf } from '../../shared/domain/chinaTime';
import { addCalendarDays, type IsoDate } from '../../shared/rules/dates';
import { addWorkingDays } from '../../shared/rules/workingDays';

const MINUTE_MS = 60_000;

export interface DemoClock {
  /** Epoch ms when the demo is seeded. */
  now: number;
  /** That moment's date in China. */
  today: IsoDate;
}

export function demoClock(now: number): DemoClock {
  return { now, today: chinaDateOf(now) };
}

/**
 * Epoch ms of `minutes` past midnight, China time, on `date`; never later than a minute before
 * `now`, so a step taken "today" is not in the future of the server that stores it.
 */
export function chinaTimeOn(clock: DemoClock, date: IsoDate, minutes: number): number {
  return Math.min(Date.parse(`${date}T00:00:00+08:00`) + minutes * MINUTE_MS, clock.now - MINUTE_MS);
}

/**
 * The day a period of `span` working days must have started for it to end `dueIn` working days
 * from today (negative: that many days ago). `applicationDeadlines` counts forward from it and
 * lands on the same due day, so the demo can aim each deadline at "near" or "overdue".
 */
export function startForDue(clock: DemoClock, dueIn: number, span: number): IsoDate {
  return addWorkingDays(addWorkingDays(clock.today, dueIn), -span);
}

/** `days` calendar days before today. */
export function daysAgo(clock: DemoClock, days: number): IsoDate {
  return addCalendarDays(clock.today, -days);
}

/** YYYY-MM of a date. */
export function monthOf(date: IsoDate): string {
  return date.slice(0, 7);
}

/** The month after the one `date` falls in, YYYY-MM: benefits are paid from the month after approval. */
export function monthAfter(date: IsoDate): string {
  const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}
