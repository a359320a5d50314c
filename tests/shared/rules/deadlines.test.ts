import { describe, expect, it } from 'vitest';
import {
  applicationDeadlines,
  canClosePublicNotice,
  publicNoticeEndDate,
  type Deadline,
  type DeadlineInput,
  type DeadlineKey,
} from '../../../shared/rules/deadlines';
import { addWorkingDays } from '../../../shared/rules/workingDays';

function byKey(input: DeadlineInput, today: string): Partial<Record<DeadlineKey, Deadline>> {
  return Object.fromEntries(applicationDeadlines(input, today).map((d) => [d.key, d]));
}

describe('publicNoticeEndDate / canClosePublicNotice', () => {
  it('runs 7 full days after the start day, calendar days, holidays included', () => {
    expect(publicNoticeEndDate('2026-03-02')).toBe('2026-03-09');
    expect(canClosePublicNotice('2026-03-02', '2026-03-09')).toBe(false);
    expect(canClosePublicNotice('2026-03-02', '2026-03-10')).toBe(true);
    expect(publicNoticeEndDate('2026-09-28')).toBe('2026-10-05'); // through National Day
  });
});

describe('B1 deadlines (低保 and the others)', () => {
  const accepted: DeadlineInput = { type: 'dibao', status: 'accepted', acceptedOn: '2026-02-12' };

  it('puts the investigation start 3 working days after 受理, across the Spring Festival', () => {
    const d = byKey(accepted, '2026-02-13');
    expect(d.startInvestigation).toMatchObject({
      due: '2026-02-24',
      state: 'near', // 02-14 (调休) and 02-24 are left
      daysLeft: 2,
      unit: 'workingDays',
      estimated: false,
    });
    expect(d.startInvestigation?.label).toBe('启动家庭经济状况调查（受理后3个工作日内）');
    expect(d.wholePath).toMatchObject({ due: addWorkingDays('2026-02-12', 30), state: 'ok' });
    expect(d.countyDecision).toBeUndefined();
    expect(d.publicNoticeEnds).toBeUndefined();
  });

  it('is not yet overdue on the due day, and overdue the working day after', () => {
    expect(byKey(accepted, '2026-02-24').startInvestigation).toMatchObject({ state: 'near', daysLeft: 0 });
    expect(byKey(accepted, '2026-02-25').startInvestigation).toMatchObject({ state: 'overdue', daysLeft: -1 });
    expect(byKey(accepted, '2026-03-02').startInvestigation).toMatchObject({ state: 'overdue', daysLeft: -5 });
  });

  it('is overdue the weekend after a Friday deadline, though no working day has passed', () => {
    // 受理 Tue 2026-03-03 + 3 → Fri 03-06
    const d = byKey({ type: 'dibao', status: 'accepted', acceptedOn: '2026-03-03' }, '2026-03-07');
    expect(d.startInvestigation).toMatchObject({ due: '2026-03-06', state: 'overdue', daysLeft: -1 });
  });

  it('marks the investigation start done once it has started', () => {
    expect(byKey({ ...accepted, investigationStartedOn: '2026-02-13' }, '2026-03-02').startInvestigation).toMatchObject({ state: 'done', daysLeft: 0 });
    expect(byKey({ ...accepted, status: 'investigating' }, '2026-03-02').startInvestigation?.state).toBe('done');
  });

  it('gives the county 10 working days across National Day 2026', () => {
    const input: DeadlineInput = {
      type: 'dibao',
      status: 'pendingConfirmation',
      acceptedOn: '2026-08-31',
      investigationStartedOn: '2026-09-01',
      publicNoticeStart: '2026-09-14',
      sentToCountyOn: '2026-09-24',
    };
    const d = byKey(input, '2026-09-30');
    expect(d.countyDecision).toMatchObject({ due: '2026-10-15', state: 'ok', daysLeft: 7 });
    expect(d.publicNoticeEnds).toMatchObject({ due: '2026-09-21', state: 'done' });
    expect(byKey(input, '2026-10-13').countyDecision).toMatchObject({ state: 'near', daysLeft: 2 });
    expect(byKey(input, '2026-10-16').countyDecision).toMatchObject({ state: 'overdue', daysLeft: -1 });
    expect(byKey({ ...input, status: 'approved' }, '2026-10-16').countyDecision?.state).toBe('done');
    expect(byKey({ ...input, status: 'refused' }, '2026-12-01').wholePath?.state).toBe('done');
  });

  it('allows 45 working days in all when extended', () => {
    const d = byKey({ ...accepted, extended: true }, '2026-02-13');
    expect(d.wholePath?.due).toBe(addWorkingDays('2026-02-12', 45));
    expect(d.wholePath?.label).toContain('45');
  });

  it('counts the 公示 in calendar days while it runs, and drops it after an objection', () => {
    const input: DeadlineInput = { type: 'dibaoEdge', status: 'publicNotice', acceptedOn: '2026-03-02', publicNoticeStart: '2026-03-20' };
    expect(byKey(input, '2026-03-25').publicNoticeEnds).toMatchObject({ due: '2026-03-27', unit: 'calendarDays', daysLeft: 2, state: 'near' });
    expect(byKey(input, '2026-03-21').publicNoticeEnds).toMatchObject({ daysLeft: 6, state: 'ok' });
    expect(byKey(input, '2026-03-28').publicNoticeEnds).toMatchObject({ state: 'overdue', daysLeft: -1 });
    expect(byKey({ ...input, status: 'investigating' }, '2026-03-25').publicNoticeEnds).toBeUndefined();
  });

  it('owes nothing before 受理 or after a withdrawal', () => {
    expect(applicationDeadlines({ type: 'dibao', status: 'submitted' }, '2026-03-02')).toEqual([]);
    expect(applicationDeadlines({ ...accepted, status: 'withdrawn' }, '2026-03-02')).toEqual([]);
  });

  it('says when working days past the holiday calendar were estimated', () => {
    const d = byKey({ type: 'dibao', status: 'accepted', acceptedOn: '2026-12-21' }, '2026-12-21');
    expect(d.startInvestigation?.estimated).toBe(false);
    expect(d.wholePath?.estimated).toBe(true); // due in 2027, after the published notices
  });
});

describe('B2 deadlines (特困)', () => {
  it('gives the township 15 working days and the county 15, with no 30-day total', () => {
    const d = byKey({ type: 'tekun', status: 'accepted', acceptedOn: '2026-02-12' }, '2026-02-13');
    // 02-13 (1), Sat 02-14 (2), 春节, 02-24 … 02-27 (6), Sat 02-28 (7), 03-02 … 03-06 (12), 03-09 … 03-11 (15)
    expect(d.startInvestigation).toMatchObject({ due: '2026-03-11', label: '乡镇调查核实并提出初审意见（受理后15个工作日内）' });
    expect(d.wholePath).toBeUndefined();
    const county = byKey(
      { type: 'tekun', status: 'pendingConfirmation', acceptedOn: '2026-08-31', publicNoticeStart: '2026-09-14', sentToCountyOn: '2026-09-24' },
      '2026-09-30',
    );
    expect(county.countyDecision?.due).toBe(addWorkingDays('2026-09-24', 15));
    expect(county.countyDecision?.due).toBe('2026-10-22');
    expect(county.startInvestigation?.state).toBe('done');
  });

  it('keeps the township deadline done after an objection reopens the case', () => {
    const d = byKey({ type: 'tekun', status: 'investigating', acceptedOn: '2026-02-12', publicNoticeStart: '2026-03-13' }, '2026-04-01');
    expect(d.startInvestigation?.state).toBe('done');
  });
});
