import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { addCalendarDays } from '../../../shared/rules/dates';
import {
  addWorkingDays,
  holidayCalendarYears,
  isHolidayCalendarKnown,
  isWorkingDay,
  workingDaysBetween,
} from '../../../shared/rules/workingDays';

describe('what chinese-days says about the 2026 Spring Festival and National Day', () => {
  // Read from chinese-days 1.5.7 (国务院办公厅 2026 notice): 春节 Sun 02-15 … Mon 02-23 off,
  // Sat 02-14 and Sat 02-28 worked; 国庆 10-01 … 10-07 off, Sun 09-20 and Sat 10-10 worked.
  it('matches the library day by day', () => {
    expect(chineseDays.getDayDetail('2026-02-14')).toMatchObject({ work: true, name: 'Spring Festival,春节,4' });
    expect(chineseDays.getDayDetail('2026-02-28')).toMatchObject({ work: true, name: 'Spring Festival,春节,4' });
    for (let d = 15; d <= 23; d++) {
      expect(chineseDays.getDayDetail(`2026-02-${d}`)).toMatchObject({ work: false, name: 'Spring Festival,春节,4' });
    }
    expect(chineseDays.getDayDetail('2026-09-20')).toMatchObject({ work: true, name: 'National Day,国庆节,3' });
    expect(chineseDays.getDayDetail('2026-10-10')).toMatchObject({ work: true, name: 'National Day,国庆节,3' });
  });

  it('is what isWorkingDay answers', () => {
    expect(isWorkingDay('2026-02-13')).toBe(true); // Friday
    expect(isWorkingDay('2026-02-14')).toBe(true); // Saturday, 调休上班
    for (let d = 15; d <= 23; d++) expect(isWorkingDay(`2026-02-${d}`), `02-${d}`).toBe(false);
    expect(isWorkingDay('2026-02-24')).toBe(true);
    expect(isWorkingDay('2026-02-28')).toBe(true); // Saturday, 调休上班
    expect(isWorkingDay('2026-03-01')).toBe(false); // Sunday
    expect(isWorkingDay('2026-09-20')).toBe(true); // Sunday, 调休上班
    expect(isWorkingDay('2026-10-01')).toBe(false);
    expect(isWorkingDay('2026-10-07')).toBe(false);
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday, 调休上班
    expect(isWorkingDay('2026-10-11')).toBe(false);
  });

  // The library reads local date fields, so west of UTC its answers shift by a day; ours do not.
  it.skipIf(new Date(2026, 0, 1).getTimezoneOffset() > 0)('agrees with chinese-days on every day it covers', () => {
    let day = `${holidayCalendarYears.first}-01-01`;
    const end = `${holidayCalendarYears.last}-12-31`;
    let checked = 0;
    while (day <= end) {
      expect(isWorkingDay(day), day).toBe(chineseDays.isWorkday(day));
      day = addCalendarDays(day, 1);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(365 * 22);
  });
});

describe('addWorkingDays', () => {
  it('lands 3 working days after 受理 on Thu 2026-02-12 on Tue 02-24', () => {
    // 02-13 Fri (1), 02-14 Sat 调休 (2), 02-15…02-23 春节, 02-24 Tue (3)
    expect(addWorkingDays('2026-02-12', 3)).toBe('2026-02-24');
    expect(addWorkingDays('2026-02-12', 2)).toBe('2026-02-14');
  });

  it('crosses National Day 2026', () => {
    // Mon 09-28 + 3: 09-29 (1), 09-30 (2), 10-01…10-07 off, 10-08 (3)
    expect(addWorkingDays('2026-09-28', 3)).toBe('2026-10-08');
    // Thu 09-24 + 10: 中秋 09-25…27 off; 09-28, 29, 30; 10-08, 09, Sat 10-10 调休, 12, 13, 14, 15
    expect(addWorkingDays('2026-09-24', 10)).toBe('2026-10-15');
  });

  it('does not count the start day, and goes backwards for negative n', () => {
    expect(addWorkingDays('2026-02-15', 0)).toBe('2026-02-15');
    expect(addWorkingDays('2026-02-24', 1)).toBe('2026-02-25');
    expect(addWorkingDays('2026-02-24', -1)).toBe('2026-02-14');
    expect(() => addWorkingDays('2026-02-24', 1.5)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts working days after a up to and including b', () => {
    expect(workingDaysBetween('2026-02-12', '2026-02-24')).toBe(3);
    expect(workingDaysBetween('2026-02-24', '2026-02-12')).toBe(-3);
    expect(workingDaysBetween('2026-02-15', '2026-02-23')).toBe(0);
    expect(workingDaysBetween('2026-02-24', '2026-02-24')).toBe(0);
  });

  it('undoes addWorkingDays across the year', () => {
    for (let i = 0; i < 365; i += 7) {
      const start = addCalendarDays('2026-01-01', i);
      for (const n of [1, 3, 10, 15, 30, 45]) {
        expect(workingDaysBetween(start, addWorkingDays(start, n)), `${start} + ${n}`).toBe(n);
      }
    }
  });
});

describe('past the years the calendar knows', () => {
  it('knows 2004 to at least 2026', () => {
    expect(holidayCalendarYears.first).toBe(2004);
    expect(holidayCalendarYears.last).toBeGreaterThanOrEqual(2026);
    expect(isHolidayCalendarKnown('2026-10-01')).toBe(true);
    expect(isHolidayCalendarKnown('2003-10-01')).toBe(false);
    expect(isHolidayCalendarKnown('2099-10-01')).toBe(false);
  });

  it('falls back to Monday–Friday', () => {
    expect(isWorkingDay('2099-10-01')).toBe(true); // a Thursday: no holiday data, so a working day
    expect(isWorkingDay('2099-10-03')).toBe(false); // Saturday
    expect(addWorkingDays('2099-10-02', 1)).toBe('2099-10-05'); // Fri → Mon
  });

  it('refuses a date that is not one', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => isWorkingDay('2026/02/03')).toThrow(RangeError);
  });
});
