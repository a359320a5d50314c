import { describe, expect, it } from 'vitest';
import { actionRequirements, requirementInputOf, stepRequirements } from '../../../shared/rules/actionRequirements';

const TODAY = '2026-03-02';

describe('actionRequirements', () => {
  it('needs two distinct investigators and the day the investigation started, not after today', () => {
    const started = { investigationStartedOn: TODAY };
    expect(actionRequirements('startInvestigation', started, TODAY)).toEqual(['入户调查须至少2名调查人员（已填0名）']);
    expect(actionRequirements('startInvestigation', { ...started, investigators: ['张三', ' 张三 ', ''] }, TODAY)).toEqual([
      '入户调查须至少2名调查人员（已填1名）',
    ]);
    expect(actionRequirements('startInvestigation', { ...started, investigators: ['张三', '李四'] }, TODAY)).toEqual([]);
    expect(actionRequirements('startInvestigation', { investigators: ['张三', '李四'] }, TODAY)).toEqual(['请填写调查开始日期']);
    expect(stepRequirements('startInvestigation', { investigators: ['张三', '李四'], investigationStartedOn: '2026-03-03' }, TODAY)).toEqual([
      { field: 'investigation.startedOn', message: '调查开始日期不能晚于今天' },
    ]);
  });

  it('needs the 信息核对, an amount above zero and its method to approve 低保, and no amount for a recognition', () => {
    const checked = { verificationCheckedOn: TODAY };
    expect(stepRequirements('approve', { ...checked, approvalMethod: 'gap' }, TODAY)).toEqual([
      { field: 'decision.approvedMonthlyAmount', message: '请填写大于0的核定救助金额' },
    ]);
    expect(actionRequirements('approve', { ...checked, approvedAmount: 0, approvalMethod: 'gap' }, TODAY)).toHaveLength(1);
    expect(actionRequirements('approve', { ...checked, approvedAmount: 0.01, approvalMethod: 'gap' }, TODAY)).toEqual([]);
    expect(stepRequirements('approve', { approvedAmount: 0.01, approvalMethod: 'gap' }, TODAY)).toEqual([
      { field: 'verification', message: '审核确认前须记录信息核对结果' },
    ]);
    expect(stepRequirements('approve', { ...checked, approvedAmount: 300 }, TODAY)).toEqual([{ field: 'decision.method', message: '请选择核定方式（差额或分档）' }]);
    expect(actionRequirements('approve', { type: 'dibaoEdge', validUntil: '2026-12-31' }, TODAY)).toEqual([]);
    expect(actionRequirements('approve', { type: 'rigidExpenditure', validUntil: '2027-03-02' }, TODAY)).toEqual([]);
    expect(stepRequirements('approve', { type: 'medicalAid' }, TODAY)).toEqual([{ field: 'decision.oneOffAmount', message: '请填写大于0的一次性救助金额' }]);
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

  it('sends a case to the county only after the full seven days of 公示', () => {
    // Posted 02-20: the notice runs 02-21…02-27, so the file may go from 02-28.
    expect(actionRequirements('sendToCounty', {}, TODAY)).toEqual(['没有公示开始日期，不能报县']);
    expect(actionRequirements('sendToCounty', { publicNoticeStart: '2026-02-20' }, '2026-02-27')).toEqual(['公示期至2026-02-27届满，届满后才能报县']);
    expect(actionRequirements('sendToCounty', { publicNoticeStart: '2026-02-20' }, '2026-02-28')).toEqual([]);
    expect(actionRequirements('sendToCounty', { publicNoticeStart: '2099-01-01' }, TODAY)).toHaveLength(1);
  });

  it('needs a reason to withdraw and the objection in words', () => {
    expect(actionRequirements('withdraw', {}, TODAY)).toEqual(['撤回须写明原因']);
    expect(actionRequirements('withdraw', { note: '申请人已外出务工' }, TODAY)).toEqual([]);
    expect(actionRequirements('objection', { objections: ' ' }, TODAY)).toEqual(['请写明公示异议的内容']);
    expect(actionRequirements('objection', { objections: '村民反映其家中有车辆' }, TODAY)).toEqual([]);
  });

  it('checks the investigation again at 初审, which rests on it', () => {
    expect(actionRequirements('preliminaryReview', { investigators: ['张三'], investigationStartedOn: TODAY }, TODAY)).toEqual(['入户调查须至少2名调查人员（已填1名）']);
    expect(actionRequirements('preliminaryReview', { investigators: ['张三', '李四'], investigationStartedOn: TODAY }, TODAY)).toEqual([]);
  });

  it('asks nothing more of the other actions', () => {
    for (const action of ['submit', 'accept'] as const) {
      expect(actionRequirements(action, {}, TODAY)).toEqual([]);
    }
  });

  it('reads an application’s own fields', () => {
    const input = requirementInputOf(
      {
        type: 'dibao',
        investigation: { investigators: ['张三', '李四'], startedOn: '2026-02-01' },
        publicNotice: { start: '2026-02-10' },
        decision: { approvedMonthlyAmount: 420, method: 'gap' },
      },
      '备注',
    );
    expect(input).toEqual({
      type: 'dibao',
      investigators: ['张三', '李四'],
      investigationStartedOn: '2026-02-01',
      publicNoticeStart: '2026-02-10',
      approvedAmount: 420,
      approvalMethod: 'gap',
      note: '备注',
    });
  });
});
