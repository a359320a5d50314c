import { describe, expect, it } from 'vitest';
import { stepRequirements } from '../../../shared/rules/actionRequirements';
import { allowedActions, checkHistoryStep, transition, type ApplicationHistoryEntry } from '../../../shared/rules/applicationStatus';
import { applicationDeadlines } from '../../../shared/rules/deadlines';
import { programmePathOf, programmePaths } from '../../../shared/rules/programmes';
import { emergencyFileDueBy, emergencyFileOpen, emergencyGrantProblems } from '../../../shared/rules/programmes/emergencyGrant';
import { figuresInForce } from '../../../shared/rules/programmes/programmeFigures';
import { addWorkingDays } from '../../../shared/rules/workingDays';
import { applicationTypes } from '../../../shared/vocabulary/applicationTypes';
import { programmePathKeys } from '../../../shared/vocabulary/programmePaths';

const TODAY = '2026-03-02';
const negative = { outcome: 'negative', opinion: '家庭存款超过当地标准' };

describe('each programme’s path, as data with its source', () => {
  it('has one path per key, each with a legal source, and gives every application type one', () => {
    expect(Object.keys(programmePaths).sort()).toEqual([...programmePathKeys].sort());
    for (const path of Object.values(programmePaths)) expect(path.source.length, path.key).toBeGreaterThan(10);
    for (const type of applicationTypes) expect(programmePathOf({ type }).steps).toContain('approve');
    expect(programmePathOf({ type: 'temporaryAid', emergency: true }).key).toBe('temporaryAidEmergency');
    expect(programmePathOf({ type: 'temporaryAid' }).key).toBe('temporaryAidExpenditure');
    expect(programmePathOf({ type: 'educationAid' }).key).toBe('otherAid');
  });

  it('expresses each decision in its programme’s form', () => {
    expect(programmePathOf({ type: 'dibao' }).decision).toBe('monthlyAmount');
    expect(programmePathOf({ type: 'tekun' }).decision).toBe('monthlyAmount');
    expect(programmePathOf({ type: 'medicalAid' }).decision).toBe('oneOffAmount');
    expect(programmePathOf({ type: 'temporaryAid', emergency: true }).decision).toBe('oneOffAmount');
    expect(programmePathOf({ type: 'dibaoEdge' }).decision).toBe('recognition');
    expect(programmePathOf({ type: 'rigidExpenditure' }).recognitionMaxMonths).toBe(12);
  });
});

describe('the status machine on each path', () => {
  it('takes 医疗救助 and 急难 from 初审 straight to the county, without a 公示', () => {
    for (const context of [{ type: 'medicalAid', countyRequiresPublicNotice: false }, { type: 'temporaryAid', emergency: true }]) {
      expect(allowedActions('preliminaryReviewed', 'township', context)).toEqual(['sendToCounty', 'withdraw']);
      expect(transition('preliminaryReviewed', 'startPublicNotice', 'township', context)).toMatchObject({ ok: false, reason: 'not_on_path' });
      expect(transition('preliminaryReviewed', 'sendToCounty', 'township', context)).toEqual({ ok: true, to: 'pendingConfirmation' });
    }
    expect(transition('preliminaryReviewed', 'startPublicNotice', 'township', { type: 'medicalAid', countyRequiresPublicNotice: false })).toMatchObject({
      message: '医疗救助没有“开始公示”这一步',
    });
    // 急难 never has one, whatever a county says of 医疗救助.
    expect(transition('preliminaryReviewed', 'startPublicNotice', 'township', { type: 'temporaryAid', emergency: true, countyRequiresPublicNotice: true })).toMatchObject({ ok: false });
    // 低保 and 支出型 临时救助 keep theirs.
    expect(allowedActions('preliminaryReviewed', 'township', { type: 'dibao' })).toEqual(['startPublicNotice', 'withdraw']);
    expect(allowedActions('preliminaryReviewed', 'township', { type: 'temporaryAid' })).toEqual(['startPublicNotice', 'withdraw']);
  });

  it('runs the village 公示 for 医疗救助 where the county requires one, its full seven days before the file goes up', () => {
    const required = { type: 'medicalAid', countyRequiresPublicNotice: true };
    expect(allowedActions('preliminaryReviewed', 'township', required)).toEqual(['startPublicNotice', 'withdraw']);
    expect(transition('preliminaryReviewed', 'sendToCounty', 'township', required)).toMatchObject({ ok: false, reason: 'not_allowed_from_status' });
    expect(allowedActions('publicNotice', 'township', required)).toEqual(['objection', 'sendToCounty', 'withdraw']);
    const start = '2026-03-02';
    expect(stepRequirements('sendToCounty', { ...required, publicNoticeStart: start }, '2026-03-05').map((p) => p.field)).toEqual(['publicNotice.start']);
    expect(stepRequirements('sendToCounty', { ...required, publicNoticeStart: start }, '2026-03-10')).toEqual([]);
    // A negative 初审 is not published, whatever the county requires.
    expect(transition('preliminaryReviewed', 'sendToCounty', 'township', { ...required, preliminaryReview: negative })).toEqual({ ok: true, to: 'pendingConfirmation' });
    // The server's status check holds no policy: either way passes there, and server/sync/programmeFigures.ts checks the county's choice.
    expect(allowedActions('preliminaryReviewed', 'township', { type: 'medicalAid' })).toEqual(['startPublicNotice', 'sendToCounty', 'withdraw']);
    expect(stepRequirements('sendToCounty', { type: 'medicalAid' }, '2026-03-05')).toEqual([]);
    expect(stepRequirements('sendToCounty', { type: 'medicalAid', publicNoticeStart: start }, '2026-03-05').map((p) => p.field)).toEqual(['publicNotice.start']);
  });

  it('after a negative 初审 of 低保 or 特困 lets the township send the case on without a 公示, or close it itself', () => {
    for (const type of ['dibao', 'tekun']) {
      const context = { type, preliminaryReview: negative };
      expect(allowedActions('preliminaryReviewed', 'township', context)).toEqual(['sendToCounty', 'refuse', 'withdraw']);
      expect(transition('preliminaryReviewed', 'refuse', 'township', context)).toEqual({ ok: true, to: 'refused' });
    }
    // With a positive opinion the township may never refuse, and the county refuses only what it holds.
    expect(transition('preliminaryReviewed', 'refuse', 'township', { type: 'dibao' })).toMatchObject({ ok: false, reason: 'not_allowed_for_role' });
    expect(transition('preliminaryReviewed', 'refuse', 'county', { type: 'dibao', preliminaryReview: negative })).toMatchObject({
      ok: false,
      reason: 'not_allowed_from_status',
    });
    // 医疗救助 is not closed by the township: the county decides.
    expect(transition('preliminaryReviewed', 'refuse', 'township', { type: 'medicalAid', preliminaryReview: negative })).toMatchObject({ ok: false });
  });

  it('checks a pushed history against the application’s own path', () => {
    const entry = (action: ApplicationHistoryEntry['action'], from: ApplicationHistoryEntry['from'], to: ApplicationHistoryEntry['to']): ApplicationHistoryEntry => ({
      id: `h-${action}`,
      action,
      from,
      to,
      at: 1,
      byUserId: 'u-t',
      byName: '乡镇',
      role: 'township',
    });
    const before = { status: 'preliminaryReviewed' as const, history: [] };
    const closed = { status: 'refused' as const, history: [entry('refuse', 'preliminaryReviewed', 'refused')] };
    expect(checkHistoryStep(before, { ...closed, type: 'dibao', preliminaryReview: negative }, 'township')).toEqual({ ok: true });
    expect(checkHistoryStep(before, { ...closed, type: 'dibao', preliminaryReview: { outcome: 'pass' } }, 'township')).toMatchObject({
      ok: false,
      code: 'transition_not_allowed',
    });
    const sent = { status: 'pendingConfirmation' as const, history: [entry('sendToCounty', 'preliminaryReviewed', 'pendingConfirmation')] };
    expect(checkHistoryStep(before, { ...sent, type: 'medicalAid' }, 'township')).toEqual({ ok: true });
    expect(checkHistoryStep(before, { ...sent, type: 'dibao' }, 'township')).toMatchObject({ ok: false });
  });
});

describe('what each path’s steps need', () => {
  it('needs a negative 初审 written out, and no 公示 before sending a negative or medical case on', () => {
    const investigated = { investigators: ['刘芳', '陈静'], investigationStartedOn: TODAY };
    expect(stepRequirements('preliminaryReview', { ...investigated, preliminaryOutcome: 'negative', preliminaryOpinion: ' ' }, TODAY)).toEqual([
      { field: 'preliminaryReview.opinion', message: '初审不同意须写明意见和理由' },
    ]);
    expect(stepRequirements('preliminaryReview', { ...investigated, preliminaryOutcome: 'negative', preliminaryOpinion: '存款超标' }, TODAY)).toEqual([]);
    expect(stepRequirements('sendToCounty', { type: 'dibao' }, TODAY).map((p) => p.field)).toEqual(['publicNotice.start']);
    expect(stepRequirements('sendToCounty', { type: 'dibao', preliminaryOutcome: 'negative' }, TODAY)).toEqual([]);
    expect(stepRequirements('sendToCounty', { type: 'medicalAid' }, TODAY)).toEqual([]);
  });

  it('needs the 信息核对 before approving 低保 or 特困, not 医疗救助', () => {
    for (const type of ['dibao', 'tekun']) {
      expect(stepRequirements('approve', { type, approvedAmount: 420, approvalMethod: 'gap' }, TODAY)).toEqual([
        { field: 'verification', message: '审核确认前须记录信息核对结果' },
      ]);
    }
    expect(stepRequirements('approve', { type: 'medicalAid', oneOffAmount: 20000 }, TODAY)).toEqual([]);
    expect(stepRequirements('approve', { type: 'temporaryAid', emergency: true, oneOffAmount: 0 }, TODAY).map((p) => p.field)).toEqual(['decision.oneOffAmount']);
  });

  it('approves a 刚性支出 recognition for at most 12 months, and a 边缘 one until a later day', () => {
    const rigid = { type: 'rigidExpenditure' };
    expect(stepRequirements('approve', { ...rigid, validUntil: '2027-03-02' }, TODAY)).toEqual([]);
    expect(stepRequirements('approve', { ...rigid, validUntil: '2027-03-03' }, TODAY)).toEqual([
      { field: 'decision.validUntil', message: '认定有效期最长12个月，最晚至2027-03-02' },
    ]);
    expect(stepRequirements('approve', { ...rigid }, TODAY).map((p) => p.field)).toEqual(['decision.validUntil']);
    expect(stepRequirements('approve', { type: 'dibaoEdge', validUntil: TODAY }, TODAY)).toEqual([
      { field: 'decision.validUntil', message: '认定有效期应晚于审核确认之日' },
    ]);
    expect(stepRequirements('approve', { type: 'dibaoEdge', validUntil: '2028-03-02' }, TODAY)).toEqual([]);
  });
});

describe('each path’s deadlines', () => {
  const accepted = '2026-03-02';
  const keys = (type: string, emergency = false) =>
    applicationDeadlines({ type, emergency, status: 'pendingConfirmation', acceptedOn: accepted, sentToCountyOn: '2026-03-10' }, TODAY).map(
      (d) => `${d.key}:${d.due}`,
    );

  it('runs B1 for 低保, B2 for 特困, the 临时救助 periods for 支出型, and none for 医疗救助 or 急难', () => {
    expect(keys('dibao')).toEqual([
      `startInvestigation:${addWorkingDays(accepted, 3)}`,
      `countyDecision:${addWorkingDays('2026-03-10', 10)}`,
      `wholePath:${addWorkingDays(accepted, 30)}`,
    ]);
    expect(keys('tekun')).toEqual([`startInvestigation:${addWorkingDays(accepted, 15)}`, `countyDecision:${addWorkingDays('2026-03-10', 15)}`]);
    expect(keys('temporaryAid')).toEqual([`startInvestigation:${addWorkingDays(accepted, 10)}`, `countyDecision:${addWorkingDays('2026-03-10', 10)}`]);
    expect(keys('medicalAid')).toEqual([]);
    expect(keys('temporaryAid', true)).toEqual([]);
  });
});

describe('急难先行救助', () => {
  const emergency = { type: 'temporaryAid', emergency: true };
  const figures = { delegatedLimit: 3000, fileDays: 5 };
  const grant = { amount: 3000, grantedOn: TODAY, fileDueBy: emergencyFileDueBy(TODAY, 5) };

  it('grants up to the delegated limit, with the file due the set number of working days later', () => {
    expect(grant.fileDueBy).toBe(addWorkingDays(TODAY, 5));
    expect(emergencyGrantProblems(emergency, undefined, grant, TODAY, figures)).toEqual([]);
    expect(emergencyGrantProblems(emergency, undefined, { ...grant, amount: 3000.01 }, TODAY, figures)).toEqual([
      { field: 'emergencyGrant.amount', message: '先行救助金额超过县级委托乡镇的额度（3000元），须报县审批' },
    ]);
    expect(emergencyGrantProblems(emergency, undefined, { ...grant, fileDueBy: '2026-03-20' }, TODAY, figures).map((p) => p.field)).toEqual([
      'emergencyGrant.fileDueBy',
    ]);
    expect(emergencyGrantProblems(emergency, undefined, { ...grant, grantedOn: '2026-03-03' }, TODAY, figures).map((p) => p.field)).toEqual([
      'emergencyGrant.grantedOn',
    ]);
  });

  it('grants once, and only on a 急难 临时救助; without figures checks what it can', () => {
    expect(emergencyGrantProblems(emergency, grant, { ...grant, amount: 100 }, TODAY, figures)).toEqual([
      { field: 'emergencyGrant', message: '急难先行救助已经记录，不能修改' },
    ]);
    expect(emergencyGrantProblems({ type: 'temporaryAid' }, undefined, grant, TODAY, figures)).toEqual([
      { field: 'emergencyGrant', message: '只有急难型临时救助可以由乡镇先行救助' },
    ]);
    expect(emergencyGrantProblems(emergency, undefined, { ...grant, amount: 99999 }, TODAY, null)).toEqual([]);
    expect(emergencyGrantProblems(emergency, undefined, { ...grant, fileDueBy: TODAY }, TODAY, null).map((p) => p.field)).toEqual(['emergencyGrant.fileDueBy']);
  });

  it('keeps the file open until the county has decided', () => {
    expect(emergencyFileOpen({ status: 'investigating', emergencyGrant: grant })).toBe(true);
    expect(emergencyFileOpen({ status: 'approved', emergencyGrant: grant })).toBe(false);
    expect(emergencyFileOpen({ status: 'investigating' })).toBe(false);
  });
});

describe('the figures a path reads, by the period in force', () => {
  it('takes the county’s period in force on the date, and the city-wide one where the county left a figure unset', () => {
    const county = [
      { validFrom: '2026-01-01', validTo: '2026-06-30', emergencyDelegatedLimit: 2000, emergencyFileDays: null },
      { validFrom: '2026-07-01', emergencyDelegatedLimit: 3000, emergencyFileDays: null },
    ];
    const city = [{ validFrom: '2026-01-01', emergencyFileDays: 5 }];
    expect(figuresInForce(county, city, '2026-06-30')('emergencyDelegatedLimit')).toBe(2000);
    expect(figuresInForce(county, city, '2026-07-01')('emergencyDelegatedLimit')).toBe(3000);
    expect(figuresInForce(county, city, '2026-07-01')('emergencyFileDays')).toBe(5);
    expect(figuresInForce(county, [], '2026-07-01')('emergencyFileDays')).toBeUndefined();
    expect(figuresInForce(county, city, '2025-12-31')('emergencyDelegatedLimit')).toBeUndefined();
  });
});
