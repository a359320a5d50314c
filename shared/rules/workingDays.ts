/**
 * Working days (工作日) as the State Council's holiday notices define them: Monday–Friday, minus
 * public holidays (节假日), plus the Saturdays/Sundays made working days to make up for them (调休).
 *
 * The calendar is chinese-days' own data table (dist/chinese-days.json, published by the package
 * for exactly this use). We read the table rather than call `isWorkday` because
 *  - the package is CommonJS: `import { isWorkday } from 'chinese-days'` works under Vite but
 *    throws under plain Node/tsx (the server), and
 *  - its functions parse 'YYYY-MM-DD' as UTC midnight and then read local fields, so west of UTC
 *    every answer is shifted by a day. A table lookup on the string has no time zone at all.
 * tests/shared/rules/workingDays.test.ts checks every day the table covers against `isWorkday`.
 *
 * Outside the years the table covers (2004 up to the last published notice — 2026 in chinese-days
 * 1.5.7), there is no holiday data: a day is then a working day exactly when it is Monday–Friday.
 * That is an estimate — the next year's notice usually comes out in November — so callers can ask
 * `isHolidayCalendarKnown(date)` and say "按周一至周五估算" next to any date computed from it.
 *
 * Years the server was given later (shared/rules/holidayTable.ts) come in through
 * `setReceivedHolidayYears`: the server at its start from its database, the laptop from what it last
 * received. Each such year replaces the built-in data of that year.
 */
import calendar from 'chinese-days/dist/chinese-days.json';
import { addCalendarDays, fromDayNumber, toDayNumber, weekdayOf, yearOf, type IsoDate } from './dates';
import type { HolidayYears } from './holidayTable';

export { addCalendarDays };

/** Dates off work (节假日, including weekend days inside a holiday block). */
const holidays: Readonly<Record<string, string>> = calendar.holidays;
/** Weekend dates that are working days (调休上班). */
const makeUpWorkdays: Readonly<Record<string, string>> = calendar.workdays;

const knownYears = Object.keys(holidays).map((date) => Number(date.slice(0, 4)));

/** The first and last year the holiday table covers. */
export const holidayCalendarYears: { readonly first: number; readonly last: number } = {
  first: Math.min(...knownYears),
  last: Math.max(...knownYears),
};

/** Whether `date` falls in a year with published holiday data; if not, working days are estimated as Mon–Fri. */
export function isHolidayCalendarKnown(date: IsoDate): boolean {
  const year = yearOf(date);
  if (Object.hasOwn(receivedYears, String(year))) return true;
  return year >= holidayCalendarYears.first && year <= holidayCalendarYears.last;
}

/** The years given later than the build, by year (checked by `parseHolidayYears` before they get here). */
let receivedYears: HolidayYears = {};

/**
 * Takes the years the server holds (replacing any taken before): from then on they are the
 * calendar of those years. One calendar per process — the server's, or the signed-in laptop's.
 */
export function setReceivedHolidayYears(years: HolidayYears): void {
  receivedYears = years;
  workingByDayNumber.clear();
}

/** The years taken by `setReceivedHolidayYears`, in order (what 工作日 deadlines of those years rest on). */
export function receivedHolidayYears(): number[] {
  return Object.keys(receivedYears).map(Number).sort((a, b) => a - b);
}

/**
 * Working or not, by day number (days since 1970-01-01), kept once asked: 今日 counts the working
 * days of every open application's deadlines, hundreds of days each for the overdue ones, and
 * turning each day into its date string again was most of that work. A few thousand days at most.
 */
const workingByDayNumber = new Map<number, boolean>();

function isWorkingDayNumber(dayNumber: number): boolean {
  let working = workingByDayNumber.get(dayNumber);
  if (working === undefined) {
    working = isWorkingDay(fromDayNumber(dayNumber));
    workingByDayNumber.set(dayNumber, working);
  }
  return working;
}

export function isWorkingDay(date: IsoDate): boolean {
  const received = receivedYears[String(yearOf(date))];
  if (received) {
    if (Object.hasOwn(received.workdays, date)) return true;
    if (Object.hasOwn(received.holidays, date)) return false;
    const weekday = weekdayOf(date);
    return weekday >= 1 && weekday <= 5;
  }
  if (Object.hasOwn(makeUpWorkdays, date)) return true;
  if (Object.hasOwn(holidays, date)) return false;
  const weekday = weekdayOf(date);
  return weekday >= 1 && weekday <= 5;
}

/**
 * The n-th working day after `date` (before it when n < 0); `date` itself is not counted, so
 * "within 3 working days of 受理 on a Thursday" is `addWorkingDays(thursday, 3)`. n = 0 gives
 * `date` back unchanged, working day or not.
 */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number: ${n}`);
  const step = n > 0 ? 1 : -1;
  let left = Math.abs(n);
  if (left === 0) return date;
  let day = toDayNumber(date);
  while (left > 0) {
    day += step;
    if (isWorkingDayNumber(day)) left -= 1;
  }
  return fromDayNumber(day);
}

/**
 * Working days after `a` up to and including `b`; negative (the same count, mirrored) when `b` is
 * before `a`. So `workingDaysBetween(a, addWorkingDays(a, n)) === n`.
 */
export function workingDaysBetween(a: IsoDate, b: IsoDate): number {
  const from = toDayNumber(a);
  const to = toDayNumber(b);
  if (to < from) return -workingDaysBetween(b, a);
  let count = 0;
  for (let day = from + 1; day <= to; day++) {
    if (isWorkingDayNumber(day)) count += 1;
  }
  return count;
}
