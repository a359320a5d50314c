import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../../../shared/auth/roles';
import {
  allowedActions,
  applicationActions,
  applicationStatuses,
  checkHistoryStep,
  isFinalStatus,
  transition,
  type ApplicationAction,
  type ApplicationHistoryEntry,
  type ApplicationStatus,
} from '../../../shared/rules/applicationStatus';

const nonFinal: ApplicationStatus[] = [
  'draft',
  'submitted',
  'returned',
  'accepted',
  'investigating',
  'preliminaryReviewed',
  'publicNotice',
  'pendingConfirmation',
];

/** The table from the brief, written out again by hand so the test does not read the code's own table. */
const expected: Record<ApplicationAction, { from: ApplicationStatus[]; to: ApplicationStatus; roles: Role[] }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', roles: ['assistant', 'township'] },
  accept: { from: ['submitted'], to: 'accepted', roles: ['township'] },
  return: { from: ['submitted'], to: 'returned', roles: ['township'] },
  startInvestigation: { from: ['accepted'], to: 'investigating', roles: ['township'] },
  preliminaryReview: { from: ['investigating'], to: 'preliminaryReviewed', roles: ['township'] },
  startPublicNotice: { from: ['preliminaryReviewed'], to: 'publicNotice', roles: ['township'] },
  objection: { from: ['publicNotice'], to: 'investigating', roles: ['township'] },
  sendToCounty: { from: ['publicNotice'], to: 'pendingConfirmation', roles: ['township'] },
  approve: { from: ['pendingConfirmation'], to: 'approved', roles: ['county'] },
  refuse: { from: ['pendingConfirmation'], to: 'refused', roles: ['county'] },
  withdraw: { from: nonFinal, to: 'withdrawn', roles: ['assistant', 'township'] },
};

describe('the status machine', () => {
  const matrix = applicationStatuses.flatMap((status) =>
    applicationActions.flatMap((action) => roles.map((role) => ({ status, action, role }))),
  );

  it('covers every status × action × role', () => {
    // Seven roles, the township relay among them: it may take no step at all.
    expect(matrix).toHaveLength(11 * 11 * 7);
  });

  it('allows exactly the moves in the table, and refuses the rest with the right reason', () => {
    let allowed = 0;
    for (const { status, action, role } of matrix) {
      const rule = expected[action];
      const result = transition(status, action, role);
      const label = `${status} --${action}--> as ${role}`;
      if (!rule.roles.includes(role)) {
        expect(result, label).toMatchObject({ ok: false, reason: 'not_allowed_for_role' });
      } else if (!rule.from.includes(status)) {
        expect(result, label).toMatchObject({ ok: false, reason: 'not_allowed_from_status' });
      } else {
        expect(result, label).toEqual({ ok: true, to: rule.to });
        allowed += 1;
      }
      if (!result.ok) expect(result.message).toMatch(/[\u4e00-\u9fff]/);
    }
    // submit 2×2, accept/return/… 1 each ×7, approve/refuse 1 each, withdraw 8×2
    expect(allowed).toBe(4 + 7 + 2 + 16);
  });

  it('lists the allowed actions the same way', () => {
    for (const status of applicationStatuses) {
      for (const role of roles) {
        const want = applicationActions.filter(
          (a) => expected[a].roles.includes(role) && expected[a].from.includes(status),
        );
        expect(allowedActions(status, role), `${status} as ${role}`).toEqual(want);
      }
    }
  });

  it('gives admin, city and social workers nothing to do', () => {
    for (const role of ['admin', 'city', 'social_worker'] as const) {
      for (const status of applicationStatuses) expect(allowedActions(status, role)).toEqual([]);
    }
  });

  it('knows the final statuses', () => {
    expect(applicationStatuses.filter(isFinalStatus)).toEqual(['approved', 'refused', 'withdrawn']);
    for (const status of ['approved', 'refused', 'withdrawn'] as const) {
      for (const role of roles) expect(allowedActions(status, role)).toEqual([]);
    }
  });

  it('tells a village assistant that approving is not theirs', () => {
    expect(transition('pendingConfirmation', 'approve', 'assistant')).toEqual({
      ok: false,
      reason: 'not_allowed_for_role',
      message: '村级协理员不能执行“审核确认”',
    });
    expect(transition('draft', 'accept', 'township')).toEqual({
      ok: false,
      reason: 'not_allowed_from_status',
      message: '申请处于“草稿”状态，不能执行“受理”',
    });
  });
});

let counter = 0;
function entry(action: ApplicationAction, from: ApplicationStatus, role: Role, extra: Partial<ApplicationHistoryEntry> = {}): ApplicationHistoryEntry {
  const to = transition(from, action, role);
  counter += 1;
  return {
    id: `h${counter}`,
    action,
    from,
    to: to.ok ? to.to : from,
    at: 1_760_000_000_000 + counter,
    byUserId: `u-${role}`,
    byName: `${role} user`,
    role,
    ...extra,
  };
}

const submitted = entry('submit', 'draft', 'assistant', { note: '代办' });
const accepted = entry('accept', 'submitted', 'township');
const atAccepted = { status: 'accepted' as const, history: [submitted, accepted] };

describe('checkHistoryStep', () => {
  it('accepts a new draft, or a new application submitted in one step', () => {
    expect(checkHistoryStep(null, { status: 'draft', history: [] }, 'assistant')).toEqual({ ok: true });
    expect(checkHistoryStep(null, { status: 'submitted', history: [submitted] }, 'assistant')).toEqual({ ok: true });
  });

  it('refuses a new application that starts anywhere else', () => {
    expect(checkHistoryStep(null, { status: 'submitted', history: [] }, 'assistant')).toMatchObject({ ok: false, code: 'status_history_mismatch' });
    expect(checkHistoryStep(null, { status: 'accepted', history: [submitted, entry('accept', 'submitted', 'township')] }, 'township')).toMatchObject({ ok: false, code: 'transition_not_allowed' });
    expect(checkHistoryStep(null, { status: 'accepted', history: [entry('accept', 'draft', 'township')] }, 'township')).toMatchObject({ ok: false, code: 'transition_not_allowed' });
    expect(checkHistoryStep(null, { status: 'draft', history: [submitted] }, 'assistant')).toMatchObject({ ok: false, code: 'status_history_mismatch' });
    expect(checkHistoryStep(null, { status: 'submitted', history: [submitted] }, 'county')).toMatchObject({ ok: false, code: 'role_mismatch' });
  });

  it('accepts an appended move the role may make', () => {
    const investigating = entry('startInvestigation', 'accepted', 'township');
    expect(checkHistoryStep(atAccepted, { status: 'investigating', history: [submitted, accepted, investigating] }, 'township')).toEqual({ ok: true });
  });

  it('accepts several moves in one push (a day offline), and an unchanged document', () => {
    const i1 = entry('startInvestigation', 'accepted', 'township');
    const i2 = entry('preliminaryReview', 'investigating', 'township');
    const i3 = entry('startPublicNotice', 'preliminaryReviewed', 'township');
    const i4 = entry('objection', 'publicNotice', 'township');
    expect(checkHistoryStep(atAccepted, { status: 'investigating', history: [...atAccepted.history, i1, i2, i3, i4] }, 'township')).toEqual({ ok: true });
    expect(checkHistoryStep(atAccepted, { status: 'accepted', history: [...atAccepted.history] }, 'township')).toEqual({ ok: true });
  });

  it('compares the old entries by value: a JSON round trip is not a rewrite', () => {
    const copy = JSON.parse(JSON.stringify(atAccepted.history)) as ApplicationHistoryEntry[];
    const withUndefined = copy.map((e) => ({ ...e, note: e.note ?? undefined }));
    expect(checkHistoryStep(atAccepted, { status: 'accepted', history: withUndefined }, 'township')).toEqual({ ok: true });
  });

  it('refuses a rewritten entry', () => {
    const rewritten = [{ ...submitted, note: '改过的备注' }, accepted];
    expect(checkHistoryStep(atAccepted, { status: 'accepted', history: rewritten }, 'township')).toEqual({
      ok: false,
      code: 'history_rewritten',
      message: '第1条流转记录已保存，不能修改',
    });
    const retimed = [submitted, { ...accepted, at: accepted.at + 1 }];
    expect(checkHistoryStep(atAccepted, { status: 'accepted', history: retimed }, 'township')).toMatchObject({ ok: false, code: 'history_rewritten' });
  });

  it('refuses a dropped entry, even with a new one in its place', () => {
    expect(checkHistoryStep(atAccepted, { status: 'submitted', history: [submitted] }, 'township')).toMatchObject({ ok: false, code: 'history_rewritten' });
    const replaced = [submitted, entry('return', 'submitted', 'township')];
    expect(checkHistoryStep(atAccepted, { status: 'returned', history: replaced }, 'township')).toMatchObject({ ok: false, code: 'history_rewritten' });
  });

  it('refuses an entry recorded under another role than the caller’s', () => {
    const asCounty = entry('startInvestigation', 'accepted', 'township', { role: 'county' });
    expect(checkHistoryStep(atAccepted, { status: 'investigating', history: [...atAccepted.history, asCounty] }, 'township')).toMatchObject({ ok: false, code: 'role_mismatch' });
    const claimsTownship = entry('startInvestigation', 'accepted', 'township');
    expect(checkHistoryStep(atAccepted, { status: 'investigating', history: [...atAccepted.history, claimsTownship] }, 'assistant')).toMatchObject({ ok: false, code: 'role_mismatch' });
  });

  it('refuses a status that does not match the history', () => {
    const investigating = entry('startInvestigation', 'accepted', 'township');
    expect(checkHistoryStep(atAccepted, { status: 'accepted', history: [...atAccepted.history, investigating] }, 'township')).toMatchObject({ ok: false, code: 'status_history_mismatch' });
    expect(checkHistoryStep(atAccepted, { status: 'approved', history: [...atAccepted.history] }, 'township')).toMatchObject({ ok: false, code: 'status_history_mismatch' });
    const wrongFrom = entry('startInvestigation', 'accepted', 'township', { from: 'submitted' });
    expect(checkHistoryStep(atAccepted, { status: 'investigating', history: [...atAccepted.history, wrongFrom] }, 'township')).toMatchObject({ ok: false, code: 'status_history_mismatch' });
    const wrongTo = entry('startInvestigation', 'accepted', 'township', { to: 'publicNotice' });
    expect(checkHistoryStep(atAccepted, { status: 'publicNotice', history: [...atAccepted.history, wrongTo] }, 'township')).toMatchObject({ ok: false, code: 'status_history_mismatch' });
  });

  it('refuses a village assistant appending “approve”', () => {
    const pending = { status: 'pendingConfirmation' as const, history: [...atAccepted.history] };
    const approve: ApplicationHistoryEntry = { ...entry('approve', 'pendingConfirmation', 'county'), role: 'assistant', byUserId: 'u-assistant' };
    const result = checkHistoryStep(pending, { status: 'approved', history: [...pending.history, approve] }, 'assistant');
    expect(result).toEqual({ ok: false, code: 'transition_not_allowed', message: '第3条流转记录：村级协理员不能执行“审核确认”' });
  });

  it('refuses a move from the wrong status, and any move after a final one', () => {
    const early = entry('sendToCounty', 'accepted', 'township', { to: 'pendingConfirmation' });
    expect(checkHistoryStep(atAccepted, { status: 'pendingConfirmation', history: [...atAccepted.history, early] }, 'township')).toMatchObject({ ok: false, code: 'transition_not_allowed' });
    const withdrawn = entry('withdraw', 'accepted', 'township');
    const closed = { status: 'withdrawn' as const, history: [...atAccepted.history, withdrawn] };
    const reopen = entry('submit', 'withdrawn', 'assistant', { to: 'submitted' });
    expect(checkHistoryStep(closed, { status: 'submitted', history: [...closed.history, reopen] }, 'assistant')).toMatchObject({ ok: false, code: 'transition_not_allowed' });
  });

  it('walks the whole path push by push, each role doing its part', () => {
    let state: { status: ApplicationStatus; history: ApplicationHistoryEntry[] } = { status: 'draft', history: [] };
    const steps: [ApplicationAction, Role][] = [
      ['submit', 'assistant'],
      ['return', 'township'],
      ['submit', 'assistant'],
      ['accept', 'township'],
      ['startInvestigation', 'township'],
      ['preliminaryReview', 'township'],
      ['startPublicNotice', 'township'],
      ['objection', 'township'],
      ['preliminaryReview', 'township'],
      ['startPublicNotice', 'township'],
      ['sendToCounty', 'township'],
      ['approve', 'county'],
    ];
    let previous: typeof state | null = null;
    for (const [action, role] of steps) {
      const step = entry(action, state.status, role);
      const next = { status: step.to, history: [...state.history, step] };
      expect(checkHistoryStep(previous, next, role), `${action} by ${role}`).toEqual({ ok: true });
      previous = next;
      state = next;
    }
    expect(state.status).toBe('approved');
  });
});
