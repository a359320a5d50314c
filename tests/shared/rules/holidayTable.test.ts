import { afterEach, describe, expect, it } from 'vitest';
import { parseHolidayTable, parseHolidayYears } from '../../../shared/rules/holidayTable';
import { addWorkingDays, isHolidayCalendarKnown, isWorkingDay, setReceivedHolidayYears } from '../../../shared/rules/workingDays';

/** 2027's 元旦 and 春节 as a notice would give them (an example: the real notice decides). */
const year2027 = {
  holidays: {
    '2027-01-01': "New Year's Day,元旦,1",
    '2027-02-06': 'Spring Festival,春节,8',
    '2027-02-07': 'Spring Festival,春节,8',
    '2027-02-08': 'Spring Festival,春节,8',
    '2027-02-09': 'Spring Festival,春节,8',
    '2027-02-10': 'Spring Festival,春节,8',
  },
  workdays: { '2027-02-14': 'Spring Festival,春节,8' },
};

afterEach(() => setReceivedHolidayYears({}));

describe('a holiday year given later than the build', () => {
  it('is estimated Monday–Friday until received, then counted with its holidays and 调休', () => {
    expect(isHolidayCalendarKnown('2027-01-01')).toBe(false);
    // Thursday 2026-12-31 + 1 working day: Friday 2027-01-01 when nobody knows it is 元旦.
    expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-01');

    setReceivedHolidayYears(parseHolidayTable(year2027));
    expect(isHolidayCalendarKnown('2027-01-01')).toBe(true);
    expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(isWorkingDay('2027-02-08')).toBe(false);
    expect(isWorkingDay('2027-02-14')).toBe(true); // a Sunday made a working day
    expect(isHolidayCalendarKnown('2028-01-03')).toBe(false);
  });

  it('replaces a built-in year whole when the server holds that year', () => {
    expect(isWorkingDay('2026-10-01')).toBe(false); // 国庆节, built in
    setReceivedHolidayYears(parseHolidayTable({ holidays: { '2026-01-01': '元旦' } }));
    expect(isWorkingDay('2026-10-01')).toBe(true);
  });

  it('refuses a malformed table in words naming the date at fault', () => {
    expect(() => parseHolidayTable({ holidays: { '2027-02-30': '春节' } })).toThrow(/2027-02-30.*不是有效日期/);
    expect(() => parseHolidayTable({ holidays: { '2027/01/01': '元旦' } })).toThrow(/2027\/01\/01/);
    expect(() => parseHolidayTable({ holidays: { '2027-01-01': '元旦' }, workdays: { '2027-01-01': '元旦' } })).toThrow(/2027-01-01既列为放假又列为调休上班/);
    expect(() => parseHolidayTable({ holidays: { '2027-01-01': '元旦' }, workdays: { '2027-01-04': '元旦' } })).toThrow(/2027-01-04不是周六或周日/);
    expect(() => parseHolidayTable({ holidays: { '2027-01-01': 1 } })).toThrow(/holidays\.2027-01-01/);
    expect(() => parseHolidayTable({ workdays: {} })).toThrow(/holidays/);
  });

  it('takes the years as the server sends them back, and refuses a date filed under another year', () => {
    const years = parseHolidayTable(year2027);
    expect(parseHolidayYears(JSON.parse(JSON.stringify(years)))).toEqual(years);
    expect(() => parseHolidayYears({ '2028': year2027 })).toThrow(/2027-01-01列在2028年之下/);
  });
});
