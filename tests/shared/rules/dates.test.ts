import { describe, expect, it } from 'vitest';
import { addCalendarDays, addMonths, ageOn, isIsoDate, weekdayOf } from '../../../shared/rules/dates';

describe('dates', () => {
  it('adds calendar days and months on civil dates', () => {
    expect(addCalendarDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
  });

  it('knows the weekday', () => {
    expect(weekdayOf('2026-02-14')).toBe(6);
    expect(weekdayOf('2026-02-15')).toBe(0);
  });

  it('counts age in completed years, up on the birthday', () => {
    expect(ageOn('1966-05-10', '2026-05-10')).toBe(60);
    expect(ageOn('1966-05-10', '2026-05-09')).toBe(59);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('validates', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-2-1')).toBe(false);
  });
});
