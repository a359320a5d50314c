/**
 * A holiday table the server was given for years the build does not know (or knows wrongly): the
 * shape of chinese-days' own data file (dist/chinese-days.json — `holidays` and `workdays`, date
 * → "English,中文,天数"), so the operator can give the server a newer release's file as it is.
 *
 * Each year the table names replaces the built-in data of that year entirely; the laptops get the
 * same table from the server (GET /api/v1/reference/calendar). Checked here, once, for both sides:
 * a malformed table is refused in words naming the date at fault, never half taken.
 */
import { z } from 'zod';
import { isIsoDate, weekdayOf, yearOf, type IsoDate } from './dates';

/** Date → what the day is ("Spring Festival,春节,8"); only the keys matter to the calendar. */
const dayList = z.record(z.string(), z.string().max(200));

const tableShape = z.object({
  holidays: dayList,
  workdays: dayList.default({}),
});

export interface HolidayYear {
  /** Days off (节假日), weekends inside a holiday block included. */
  holidays: Record<IsoDate, string>;
  /** Saturdays and Sundays made working days (调休上班). */
  workdays: Record<IsoDate, string>;
}

/** Holiday data by year: each year held replaces what the build knows of that year. */
export type HolidayYears = Record<string, HolidayYear>;

export class HolidayTableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HolidayTableError';
  }
}

function fail(message: string): never {
  throw new HolidayTableError(message);
}

/**
 * Checks a table and splits it by year. Refuses (HolidayTableError) a date that is not a real
 * date, a day both off and on, a 调休 working day that is not a Saturday or Sunday, and a year
 * with working days but no holiday (every year has 元旦 and 春节: such a year is a cut-off file).
 */
export function parseHolidayTable(input: unknown): HolidayYears {
  const parsed = tableShape.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `“${issue.path.join('.')}”` : '节假日表';
    fail(`节假日表格式不对：${where}应为“日期: 说明”的列表（如 "2027-01-01": "New Year's Day,元旦,1"）`);
  }
  const years: HolidayYears = {};
  const yearFor = (date: string): HolidayYear => (years[String(yearOf(date))] ??= { holidays: {}, workdays: {} });
  for (const [date, name] of Object.entries(parsed.data.holidays)) {
    if (!isIsoDate(date)) fail(`节假日表中的日期“${date}”不是有效日期（应为“年-月-日”，如 2027-01-01）`);
    yearFor(date).holidays[date] = name;
  }
  for (const [date, name] of Object.entries(parsed.data.workdays)) {
    if (!isIsoDate(date)) fail(`调休上班日“${date}”不是有效日期（应为“年-月-日”，如 2027-02-07）`);
    if (Object.hasOwn(parsed.data.holidays, date)) fail(`${date}既列为放假又列为调休上班，只能是其中之一`);
    const weekday = weekdayOf(date);
    if (weekday !== 0 && weekday !== 6) fail(`调休上班日${date}不是周六或周日：周一至周五本来就上班`);
    yearFor(date).workdays[date] = name;
  }
  for (const [year, days] of Object.entries(years)) {
    if (Object.keys(days.holidays).length === 0) fail(`${year}年只有调休上班日、没有放假日：节假日表不完整`);
  }
  if (Object.keys(years).length === 0) fail('节假日表是空的：没有任何日期');
  return years;
}

/** The years of a table the server sent or holds (already split by year), checked the same way. */
export function parseHolidayYears(input: unknown): HolidayYears {
  const byYear = z.record(z.string().regex(/^\d{4}$/), tableShape).safeParse(input);
  if (!byYear.success) fail('节假日数据格式不对：应按年份列出放假日和调休上班日');
  const merged = { holidays: {}, workdays: {} } as { holidays: Record<string, string>; workdays: Record<string, string> };
  for (const [year, days] of Object.entries(byYear.data)) {
    for (const date of [...Object.keys(days.holidays), ...Object.keys(days.workdays)]) {
      if (isIsoDate(date) && String(yearOf(date)) !== year) fail(`日期${date}列在${year}年之下，年份不符`);
    }
    Object.assign(merged.holidays, days.holidays);
    Object.assign(merged.workdays, days.workdays);
  }
  return Object.keys(byYear.data).length === 0 ? {} : parseHolidayTable(merged);
}
