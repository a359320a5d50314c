import dayjs from 'dayjs';

/** How dates are written everywhere in the app: 2026-11-29. */
export const DATE_FORMAT = 'YYYY-MM-DD';
export const TIME_FORMAT = 'HH:mm';
export const DATE_TIME_FORMAT = `${DATE_FORMAT} ${TIME_FORMAT}`;

/** A 'YYYY-MM-DD' string or epoch millis as 2026-11-29. */
export function formatDate(value: string | number): string {
  return dayjs(value).format(DATE_FORMAT);
}

/** Epoch millis as 2026-11-29 14:05. */
export function formatDateTime(millis: number): string {
  return dayjs(millis).format(DATE_TIME_FORMAT);
}

/** HH:mm when it happened today, the full date and time otherwise (so "09:12" never means last week). */
export function formatRecentTime(millis: number, now: number = Date.now()): string {
  const then = dayjs(millis);
  return then.isSame(dayjs(now), 'day') ? then.format(TIME_FORMAT) : then.format(DATE_TIME_FORMAT);
}

export function todayIsoDate(): string {
  return dayjs().format(DATE_FORMAT);
}
