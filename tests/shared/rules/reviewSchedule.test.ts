import { describe, expect, it } from 'vitest';
import { memberAbleToWork, nextReview, reviewRhythmOf, type ReviewInput } from '../../../shared/rules/reviewSchedule';

const stable: ReviewInput = { lastVisitDate: '2025-06-15', membersAbleToWork: false };

describe('nextReview (B1 art. 31)', () => {
  it('is yearly for a stable household', () => {
    expect(nextReview(stable, '2026-01-10')).toEqual({ due: '2026-06-15', reason: 'yearly', state: 'ok' });
    expect(nextReview(stable, '2026-06-01')).toEqual({ due: '2026-06-15', reason: 'yearly', state: 'near' });
    expect(nextReview(stable, '2026-06-15').state).toBe('near');
    expect(nextReview(stable, '2026-06-16').state).toBe('overdue');
    expect(nextReview(stable, '2026-05-31').state).toBe('ok'); // 15 days ahead
  });

  it('is half-yearly where income is irregular or a member can work', () => {
    expect(nextReview({ ...stable, irregularIncome: true }, '2025-09-01')).toEqual({ due: '2025-12-15', reason: 'halfYearly', state: 'ok' });
    expect(nextReview({ ...stable, membersAbleToWork: true }, '2026-01-10')).toEqual({ due: '2025-12-15', reason: 'halfYearly', state: 'overdue' });
    // A month without the day: 08-31 + 6 months is the last day of February.
    expect(nextReview({ lastVisitDate: '2025-08-31', membersAbleToWork: true }, '2025-09-01').due).toBe('2026-02-28');
  });

  it('is within 3 months after a member dies', () => {
    const result = nextReview({ ...stable, memberDeathDates: ['2025-11-20'] }, '2026-01-10');
    expect(result).toEqual({ due: '2026-02-20', reason: 'afterDeath', state: 'ok' });
    expect(nextReview({ ...stable, memberDeathDates: ['2025-11-20'] }, '2026-02-21').state).toBe('overdue');
  });

  it('ignores a death the last visit already saw, and keeps the earlier regular date', () => {
    expect(nextReview({ ...stable, memberDeathDates: ['2025-06-01'] }, '2026-01-10').reason).toBe('yearly');
    expect(nextReview({ ...stable, memberDeathDates: ['2026-05-01'] }, '2026-05-02')).toMatchObject({ due: '2026-06-15', reason: 'yearly' });
  });

  it('is due from enrolment when the household was never visited', () => {
    expect(nextReview({ lastVisitDate: null, enrolledOn: '2026-01-05', membersAbleToWork: false }, '2026-01-10')).toEqual({
      due: '2026-01-05',
      reason: 'never visited',
      state: 'overdue',
    });
    expect(nextReview({ lastVisitDate: null, membersAbleToWork: false }, '2026-01-10')).toEqual({ due: '2026-01-10', reason: 'never visited', state: 'near' });
  });
});

describe('memberAbleToWork', () => {
  it('is 16 to 59 with some ability to work', () => {
    expect(memberAbleToWork({ birthDate: '2010-05-10', labourAbility: 'full' }, '2026-05-10')).toBe(true);
    expect(memberAbleToWork({ birthDate: '2010-05-10', labourAbility: 'full' }, '2026-05-09')).toBe(false);
    expect(memberAbleToWork({ birthDate: '1966-05-10', labourAbility: 'partial' }, '2026-05-09')).toBe(true);
    expect(memberAbleToWork({ birthDate: '1966-05-10', labourAbility: 'partial' }, '2026-05-10')).toBe(false);
    expect(memberAbleToWork({ birthDate: '1990-01-01', labourAbility: 'none' }, '2026-05-10')).toBe(false);
    expect(memberAbleToWork({ birthDate: '1990-01-01' }, '2026-05-10')).toBe(false);
  });
});

describe('reviewRhythmOf: whose reviews follow the rhythm', () => {
  it('is 低保’s (B1 art. 31) and 特困’s (yearly, B2), never a household only tagged 老年人 or 残疾人', () => {
    expect(reviewRhythmOf(['dibao', 'elderly'])).toBe('dibao');
    expect(reviewRhythmOf(['tekun', 'dibao'])).toBe('dibao');
    expect(reviewRhythmOf(['tekun', 'disabled'])).toBe('tekun');
    expect(reviewRhythmOf(['elderly'])).toBeNull();
    expect(reviewRhythmOf(['disabled', 'minor'])).toBeNull();
    expect(reviewRhythmOf(['dibaoEdge', 'rigidExpenditure'])).toBeNull();
    expect(reviewRhythmOf(undefined)).toBeNull();
  });
});
