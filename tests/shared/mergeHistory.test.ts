import { describe, expect, it } from 'vitest';
import { checkHistoryStep, type ApplicationAction, type ApplicationStatus } from '../../shared/rules/applicationStatus';
import type { Application } from '../../shared/schemas/application';
import { mergeDocuments, type JsonObject } from '../../shared/sync/merge';
import { mergeApplicationHistory } from '../../shared/sync/mergeHistory';
import { makeApplication, makeHousehold, stepApplication } from '../support/documents';

const assistant = { id: 'u-xieli', role: 'assistant' as const, displayName: '谢丽' };
const township = { id: 'u-zhen', role: 'township' as const, displayName: '镇民政办' };
const township2 = { id: 'u-zhen2', role: 'township' as const, displayName: '镇民政办二' };
const county = { id: 'u-xian', role: 'county' as const, displayName: '县民政局' };

const options = {
  atomic: [['status', 'history']] as const,
  mergeGroup: (_g: readonly string[], base: JsonObject, local: JsonObject, remote: JsonObject) => mergeApplicationHistory(base, local, remote),
};

type Actor = typeof assistant | typeof township | typeof county;
const steps = (app: Application, ...moves: [ApplicationAction, ApplicationStatus, Actor][]) =>
  moves.reduce((a, [action, to, by]) => stepApplication(a, { action, to, by }), app);

const doc = (app: Application) => app as unknown as JsonObject;
const ids = (merged: JsonObject) => (merged['history'] as { id: string }[]).map((h) => h.id);

describe('an application moved on both on the laptop and on the server', () => {
  const submitted = steps(makeApplication(makeHousehold('371623102201')), ['submit', 'submitted', assistant]);
  const accepted = steps(submitted, ['accept', 'accepted', township]);

  it('keeps both sides’ steps: the server’s in place, the laptop’s replayed after them', () => {
    const remote = steps(accepted, ['startInvestigation', 'investigating', township]);
    const local = steps({ ...accepted, reason: '老人住院，家里没有收入' }, ['withdraw', 'withdrawn', assistant]);
    const { merged, collisions } = mergeDocuments(doc(accepted), doc(local), doc(remote), options);
    expect(collisions).toEqual([]);
    expect(merged['status']).toBe('withdrawn');
    expect(ids(merged)).toEqual([...remote.history.map((h) => h.id), local.history.at(-1)!.id]);
    const withdrawal = (merged['history'] as Application['history']).at(-1)!;
    // Same step by the same person at the same time; it now starts where the server had got to.
    expect(withdrawal).toMatchObject({ action: 'withdraw', from: 'investigating', to: 'withdrawn', byUserId: assistant.id, at: local.history.at(-1)!.at });
    expect(merged['reason']).toBe('老人住院，家里没有收入');
    // The server's write guard will take it from the assistant.
    expect(checkHistoryStep(remote, merged as unknown as Application, 'assistant')).toEqual({ ok: true });
  });

  it('replays several laptop steps after a server loop that came back to the same status', () => {
    const notice = steps(accepted, ['startInvestigation', 'investigating', township], ['preliminaryReview', 'preliminaryReviewed', township], ['startPublicNotice', 'publicNotice', township]);
    const remote = steps(notice, ['objection', 'investigating', township2], ['preliminaryReview', 'preliminaryReviewed', township2], ['startPublicNotice', 'publicNotice', township2]);
    const local = steps(notice, ['sendToCounty', 'pendingConfirmation', township]);
    const { merged, collisions } = mergeDocuments(doc(notice), doc(local), doc(remote), options);
    expect(collisions).toEqual([]);
    expect(merged['status']).toBe('pendingConfirmation');
    expect(ids(merged)).toEqual([...remote.history.map((h) => h.id), local.history.at(-1)!.id]);
  });

  it('keeps the server’s pair when the laptop’s step no longer fits: both accepted, or returned against accepted', () => {
    const local = steps(submitted, ['accept', 'accepted', township2]);
    const twice = mergeDocuments(doc(submitted), doc(local), doc(accepted), options);
    expect(twice.collisions).toEqual(['status', 'history']);
    expect(twice.merged['status']).toBe('accepted');
    expect(ids(twice.merged)).toEqual(accepted.history.map((h) => h.id));

    const returned = steps(submitted, ['return', 'returned', township2]);
    const crossed = mergeDocuments(doc(submitted), doc(returned), doc(accepted), options);
    expect(crossed.collisions).toEqual(['status', 'history']);
    expect(crossed.merged['status']).toBe('accepted');
  });

  it('never reopens a decided application: a withdrawal made offline loses to the county’s approval', () => {
    const pending = steps(accepted, ['startInvestigation', 'investigating', township], ['preliminaryReview', 'preliminaryReviewed', township], ['startPublicNotice', 'publicNotice', township], ['sendToCounty', 'pendingConfirmation', township]);
    const remote = steps(pending, ['approve', 'approved', county]);
    const local = steps(pending, ['withdraw', 'withdrawn', assistant]);
    const { merged, collisions } = mergeDocuments(doc(pending), doc(local), doc(remote), options);
    expect(collisions).toEqual(['status', 'history']);
    expect(merged['status']).toBe('approved');
  });

  it('refuses to merge a status changed without a step, or a history that does not start where both began', () => {
    expect(mergeApplicationHistory(doc(accepted), doc({ ...accepted, status: 'withdrawn' }), doc(steps(accepted, ['startInvestigation', 'investigating', township])))).toBeNull();
    const rewritten = { ...accepted, history: accepted.history.slice(1) };
    expect(mergeApplicationHistory(doc(accepted), doc(steps(accepted, ['withdraw', 'withdrawn', assistant])), doc(rewritten))).toBeNull();
  });
});
