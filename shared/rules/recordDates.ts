/**
 * Dates that record something that has happened (a visit, the start of an investigation or of a
 * 公示) cannot lie in the future: the app's date pickers stop at today, and the server refuses
 * such a date on push. Checked only where the write changes the date, so an old record is never
 * refused for what it already says.
 */
import { compareDates, isIsoDate } from './dates';

/** By collection name (shared/sync/collections.ts), the dates its records may not put in the future. */
const pastDates: Readonly<Record<string, readonly { path: readonly string[]; label: string }[]>> = {
  applications: [
    { path: ['investigation', 'startedOn'], label: '调查开始日期' },
    { path: ['publicNotice', 'start'], label: '公示开始日期' },
    { path: ['verification', 'checkedOn'], label: '信息核对日期' },
    { path: ['emergencyGrant', 'grantedOn'], label: '先行救助日期' },
  ],
  visits: [{ path: ['visitDate'], label: '走访日期' }],
};

function at(doc: Readonly<Record<string, unknown>> | null, path: readonly string[]): unknown {
  let value: unknown = doc;
  for (const key of path) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

export function futureDateProblems(
  collection: string,
  previous: Readonly<Record<string, unknown>> | null,
  next: Readonly<Record<string, unknown>>,
  today: string,
): { field: string; message: string }[] {
  return (Object.hasOwn(pastDates, collection) ? pastDates[collection]! : []).flatMap(({ path, label }) => {
    const value = at(next, path);
    if (typeof value !== 'string' || !isIsoDate(value) || value === at(previous, path)) return [];
    return compareDates(value, today) > 0 ? [{ field: path.join('.'), message: `${label}不能晚于今天` }] : [];
  });
}
