import { describe, expect, it } from 'vitest';
import { actionRequirements } from '../../../shared/rules/applicationStatus';

const TODAY = '2026-03-02';

describe('actionRequirements', () => {
  it('needs two distinct investigators to start the investigation', () => {
    expect(actionRequirements('startInvestigation', {}, TODAY)).toEqual(['入户调查须至少2名调查人员（已填0名）']);
    expect(actionRequirements('startInvestigation', { investigators: ['张三', ' 张三 ', ''] }, TODAY)).toEqual([
      '入户调查须至少2名调查人员（已填1名）',
    ]);
    expect(actionRequirements('startInvestigation', { investigators: ['张三', '李四'] }, TODAY)).toEqual([]);
  });

  it('needs an amount above zero to approve', () => {
    expect(actionRequirements('approve', {}, TODAY)).toEqual(['请填写大于0的核定救助金额']);
    expect(actionRequirements('approve', { approvedAmount: 0 }, TODAY)).toHaveLength(1);
    expect(actionRequirements('approve', { approvedAmount: 0.01 }, TODAY)).toEqual([]);
  });

  it('needs written reasons to refuse', () => {
    expect(actionRequirements('refuse', { refusalReason: '  ' }, TODAY)).toEqual(['不予批准须写明书面理由']);
    expect(actionRequirements('refuse', { refusalReason: '家庭人均收入高于当地低保标准' }, TODAY)).toEqual([]);
  });

  it('needs the missing documents listed to return (一次性告知)', () => {
    expect(actionRequirements('return', { missingDocuments: [] }, TODAY)).toEqual(['退回补正须列明缺少的材料（一次性告知）']);
    expect(actionRequirements('return', { missingDocuments: ['disabilityCertificate'] }, TODAY)).toEqual([]);
  });

  it('needs a public-notice start date that is not in the future', () => {
    expect(actionRequirements('startPublicNotice', {}, TODAY)).toEqual(['请填写公示开始日期']);
    expect(actionRequirements('startPublicNotice', { publicNoticeStart: '2026-02-30' }, TODAY)).toEqual(['请填写公示开始日期']);
    expect(actionRequirements('startPublicNotice', { publicNoticeStart: '2026-03-03' }, TODAY)).toEqual(['公示开始日期不能晚于今天']);
    expect(actionRequirements('startPublicNotice', { publicNoticeStart: TODAY }, TODAY)).toEqual([]);
  });

  it('asks nothing more of the other actions', () => {
    for (const action of ['submit', 'accept', 'preliminaryReview', 'objection', 'sendToCounty', 'withdraw'] as const) {
      expect(actionRequirements(action, {}, TODAY)).toEqual([]);
    }
  });
});
