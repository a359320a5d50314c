import { describe, expect, it } from 'vitest';
import { applicationStatuses } from '../../shared/rules/applicationStatus';
import { applicationFormsFor } from '../../renderer/ui/exports/paperForms';

const keysFor = (...args: Parameters<typeof applicationFormsFor>) => applicationFormsFor(...args).map((form) => form.key);

describe('the 打印 menu of an application', () => {
  it('offers the 不予批准通知书 only on a refused application, to the township and the county', () => {
    for (const status of applicationStatuses) {
      for (const role of ['assistant', 'township', 'county', 'social_worker', 'city'] as const) {
        const offered = keysFor(status, role).includes('refusal-notice');
        expect(offered, `${status} ${role}`).toBe(status === 'refused' && (role === 'township' || role === 'county'));
      }
    }
  });

  it('offers the 审批表 to the township and the county from the 初审 on, never before nor to the village', () => {
    expect(keysFor('investigating', 'township')).not.toContain('approval-form');
    expect(keysFor('withdrawn', 'county')).not.toContain('approval-form');
    for (const status of ['preliminaryReviewed', 'publicNotice', 'pendingConfirmation', 'approved', 'refused'] as const) {
      expect(keysFor(status, 'township')).toContain('approval-form');
      expect(keysFor(status, 'county')).toContain('approval-form');
      expect(keysFor(status, 'assistant')).not.toContain('approval-form');
    }
  });

  it('keeps the intake forms for everyone who prints', () => {
    expect(keysFor('submitted', 'assistant')).toEqual(['summary', 'missing-items', 'pledge']);
  });
});

describe('the 受理回执 in the 打印 menu', () => {
  it('is offered from 受理 on, never before', () => {
    for (const status of ['draft', 'submitted', 'returned'] as const) expect(keysFor(status, 'township')).not.toContain('receipt');
    for (const status of ['accepted', 'investigating', 'publicNotice', 'approved', 'refused'] as const) {
      expect(keysFor(status, 'township')).toContain('receipt');
      expect(keysFor(status, 'assistant')).toContain('receipt');
    }
  });
});
