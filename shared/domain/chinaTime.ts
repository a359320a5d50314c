/** China has one time zone (UTC+8, no daylight saving): a date there from epoch millis. */
export function chinaDateOf(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

export function chinaToday(now = Date.now()): string {
  return chinaDateOf(now);
}
