import { describe, expect, it } from 'vitest';
import { approvalFormLines } from '../../shared/exports/approvalForm';
import { buildPublicNoticeList, type PublicNoticeRow } from '../../shared/exports/publicNoticeList';
import { refusalNoticeDueBy, refusalNoticeOf, refusalNoticeText } from '../../shared/exports/refusalNotice';
import type { Application } from '../../shared/schemas/application';
import { householdSchema, type Household } from '../../shared/schemas/household';
import { makeApplication, makeHousehold, stepApplication } from '../support/documents';

const VILLAGE = '371623102202'; // 无棣县 碣石山镇 大山西村
const OTHER_VILLAGE = '371623102201';
const township = { id: 'u-township', role: 'township' as const, displayName: '乡镇张' };
const county = { id: 'u-county', role: 'county' as const, displayName: '县民政李' };

/** Noon in China on a day, as a history entry records it. */
const chinaNoon = (date: string) => Date.parse(`${date}T12:00:00+08:00`);

/** A household with everything a notice board must never show: ID numbers, a phone, an address, illness, disability, income. */
function sensitiveHousehold(areaCode = VILLAGE): Household {
  const base = makeHousehold(areaCode);
  return householdSchema.parse({
    ...base,
    address: '碣石山镇大山西村后街7排3号',
    phone: '13905431234',
    note: '户主长期服药，家中有精神残疾成员',
    members: [
      { ...base.members[0]!, seriousIllness: true, illnessNote: '尿毒症透析', monthlyIncome: 855.5 },
      { ...base.members[1]!, disability: { category: 'mental', grade: 2 }, monthlyIncome: 0 },
    ],
  });
}

/** An application moved to 公示 by the township, with income, property, investigation and 初审 filled in. */
function inPublicNotice(household: Household, start: string, extra: Partial<Application> = {}): Application {
  let application = makeApplication(household, {
    incomeItems: [{ id: 'i1', memberId: household.members[0]!.id, kind: 'wages', monthlyAmount: 855.5, treatment: 'counted', note: '打零工' }],
    propertyItems: [{ id: 'p1', description: '农用三轮车', value: 3000, exempt: true, exemptReason: '生产必需' }],
    reason: '户主患尿毒症，每周透析三次',
    ...extra,
  });
  application = stepApplication(application, { action: 'submit', to: 'submitted', by: { ...township } });
  application = stepApplication(application, { action: 'accept', to: 'accepted', by: township });
  application = stepApplication(application, { action: 'startInvestigation', to: 'investigating', by: township }, {
    investigation: { investigators: ['李建国', '王秀兰'], startedOn: '2026-11-20', findings: '土坯房两间，户主透析费用高' },
  });
  application = stepApplication(application, { action: 'preliminaryReview', to: 'preliminaryReviewed', by: township }, {
    preliminaryReview: { outcome: 'pass', opinion: '家庭人均收入低于标准，同意上报' },
  });
  return stepApplication(application, { action: 'startPublicNotice', to: 'publicNotice', by: township }, { publicNotice: { start } });
}

function decided(application: Application, action: 'approve' | 'refuse', on: string, decision: Application['decision']): Application {
  const sent = stepApplication(application, { action: 'sendToCounty', to: 'pendingConfirmation', by: township });
  const done = stepApplication(sent, { action, to: action === 'approve' ? 'approved' : 'refused', by: county }, { decision });
  const last = done.history.at(-1)!;
  return { ...done, history: [...done.history.slice(0, -1), { ...last, at: chinaNoon(on) }] };
}

const everySensitiveValue = (household: Household): string[] => [
  ...household.members.map((member) => member.idNumber),
  household.phone!,
  household.address,
  household.note!,
  '尿毒症透析',
  '透析',
  '855.5',
  '855.50',
  '精神',
  '打零工',
  '农用三轮车',
];

describe('村级公示名单 (buildPublicNoticeList)', () => {
  it('lists the applications in 公示 in the village with name, village, people covered, programme and period — and nothing else', () => {
    const household = sensitiveHousehold();
    const application = inPublicNotice(household, '2026-11-27');
    const list = buildPublicNoticeList({
      kind: 'publicNotice',
      villageCode: VILLAGE,
      applications: [application],
      households: new Map([[household.id, household]]),
    });

    expect(list).toMatchObject({ village: '大山西村', township: '碣石山镇', county: '无棣县', householdsMissing: 0 });
    expect(list.rows).toEqual([
      {
        name: household.members[0]!.name,
        village: '大山西村',
        peopleCovered: 2,
        programme: '低保',
        noticeStart: '2026-11-27',
        noticeEnd: '2026-12-04',
      },
    ]);
    // The rows have no field beyond the publishable ones: whatever the records hold, nothing else can come through.
    const allowed: (keyof PublicNoticeRow)[] = ['name', 'village', 'peopleCovered', 'programme', 'monthlyAmount', 'oneOffAmount', 'noticeStart', 'noticeEnd', 'approvedOn'];
    for (const row of list.rows) expect(Object.keys(row).every((key) => (allowed as string[]).includes(key))).toBe(true);

    const printed = JSON.stringify(list);
    for (const value of everySensitiveValue(household)) expect(printed).not.toContain(value);
    expect(printed).not.toMatch(/\d{17}[\dX]/);
    expect(printed).not.toMatch(/1[3-9]\d{9}/);
  });

  it('leaves out other villages, other statuses and applications whose household this laptop lacks (counting them)', () => {
    const here = sensitiveHousehold();
    const there = sensitiveHousehold(OTHER_VILLAGE);
    const notSynced = sensitiveHousehold();
    const listedOne = inPublicNotice(here, '2026-11-27');
    const elsewhere = inPublicNotice(there, '2026-11-27');
    const stillInvestigating = { ...makeApplication(here), status: 'investigating' as const };
    const missing = inPublicNotice(notSynced, '2026-11-28');
    const list = buildPublicNoticeList({
      kind: 'publicNotice',
      villageCode: VILLAGE,
      applications: [listedOne, elsewhere, stillInvestigating, missing],
      households: new Map([
        [here.id, here],
        [there.id, there],
      ]),
    });
    expect(list.rows.map((row) => row.name)).toEqual([here.members[0]!.name]);
    expect(list.householdsMissing).toBe(1);
  });

  it('names the applicant of a 单人户 application, not the head, and counts only the members covered', () => {
    const household = sensitiveHousehold();
    const spouse = household.members[1]!;
    const application = inPublicNotice(household, '2026-11-27', {
      applicantMemberId: spouse.id,
      coveredMemberIds: [spouse.id],
      singlePersonUnit: true,
    });
    const list = buildPublicNoticeList({ kind: 'publicNotice', villageCode: VILLAGE, applications: [application], households: new Map([[household.id, household]]) });
    expect(list.rows).toMatchObject([{ name: spouse.name, peopleCovered: 1 }]);
  });

  it('for a month, lists the approvals of that month with their amounts, still without ID numbers or illness', () => {
    const household = sensitiveHousehold();
    const monthly = decided(inPublicNotice(household, '2026-10-20'), 'approve', '2026-11-03', { approvedMonthlyAmount: 420, method: 'gap' });
    const medical = sensitiveHousehold();
    const oneOff = decided(inPublicNotice(medical, '2026-10-21', { type: 'medicalAid' }), 'approve', '2026-11-05', { oneOffAmount: 20000 });
    const lastMonth = decided(inPublicNotice(sensitiveHousehold(), '2026-09-20'), 'approve', '2026-10-30', { approvedMonthlyAmount: 300, method: 'gap' });
    const list = buildPublicNoticeList({
      kind: 'approved',
      villageCode: VILLAGE,
      month: '2026-11',
      applications: [monthly, oneOff, lastMonth],
      households: new Map([household, medical].map((h) => [h.id, h])),
    });
    expect(list.month).toBe('2026-11');
    expect(list.rows).toMatchObject([
      { name: household.members[0]!.name, programme: '低保', monthlyAmount: 420, approvedOn: '2026-11-03' },
      { name: medical.members[0]!.name, programme: '医疗救助', oneOffAmount: 20000, approvedOn: '2026-11-05' },
    ]);
    expect(list.rows).toHaveLength(2);
    const printed = JSON.stringify(list);
    for (const value of [...everySensitiveValue(household), ...everySensitiveValue(medical)]) expect(printed).not.toContain(value);
    expect(printed).not.toMatch(/\d{17}[\dX]/);
  });
});

describe('不予批准通知书 (refusalNoticeOf)', () => {
  it('is due 3 working days after the decision, skipping a weekend', () => {
    // Thursday → Friday, Monday, Tuesday.
    expect(refusalNoticeDueBy('2026-11-26')).toBe('2026-12-01');
  });

  it('is due 3 working days after the decision, skipping the National Day holiday and counting the make-up Saturday', () => {
    // Wednesday 09-30; 10-01…10-07 off; Thursday 10-08, Friday 10-09, Saturday 10-10 (调休上班).
    expect(refusalNoticeDueBy('2026-09-30')).toBe('2026-10-10');
  });

  it('carries the applicant, the county’s reasons one per line, the decision date, the due date, the rules and the appeal route', () => {
    const household = sensitiveHousehold();
    const refused = decided(inPublicNotice(household, '2026-09-15'), 'refuse', '2026-09-30', {
      refusalReason: '家庭人均收入高于当地低保标准\n名下有小型轿车一辆',
    });
    const notice = refusalNoticeOf(refused, household);
    expect(notice).toMatchObject({
      applicant: household.members[0]!.name,
      programme: '低保',
      decidedOn: '2026-09-30',
      dueBy: '2026-10-10',
      dueByEstimated: false,
      reasons: ['家庭人均收入高于当地低保标准', '名下有小型轿车一辆'],
      legalBasis: ['《社会救助暂行办法》', '《最低生活保障审核确认办法》'],
      county: '无棣县',
    });
    expect(refusalNoticeText.opening(notice!)).toContain('根据《社会救助暂行办法》和《最低生活保障审核确认办法》的规定，于2026-09-30决定不予批准');
    const appeal = refusalNoticeText.appeal(notice!.county);
    expect(appeal).toContain('六十日内向无棣县人民政府申请行政复议');
    expect(appeal).toContain('六个月内依法向人民法院提起行政诉讼');
  });

  it('says when the due day is only estimated (past the published holiday calendar), and cites the State Council measures alone for a programme without its own rules', () => {
    const household = sensitiveHousehold();
    const refused = decided(inPublicNotice(household, '2027-03-01', { type: 'medicalAid' }), 'refuse', '2027-03-11', { refusalReason: '自付费用未达到救助起付线' });
    const notice = refusalNoticeOf(refused, household)!;
    // Thursday 2027-03-11 → Friday, Monday, Tuesday, counted Monday–Friday.
    expect(notice).toMatchObject({ dueBy: '2027-03-16', dueByEstimated: true, legalBasis: ['《社会救助暂行办法》'], programme: '医疗救助' });
    expect(refusalNoticeText.dueBy(notice.decidedOn, notice.dueBy, notice.dueByEstimated)).toContain('2027-03-16前送达申请人（按周一至周五估算）');
  });

  it('does not exist before a refusal', () => {
    const household = sensitiveHousehold();
    expect(refusalNoticeOf(inPublicNotice(household, '2026-11-27'), household)).toBeUndefined();
    const approved = decided(inPublicNotice(household, '2026-10-20'), 'approve', '2026-11-03', { approvedMonthlyAmount: 420, method: 'gap' });
    expect(refusalNoticeOf(approved, household)).toBeUndefined();
  });
});

describe('审批表 (approvalFormLines)', () => {
  it('sums the income as B1 counts it and carries the investigation, 初审, 公示, 信息核对 and the decision', () => {
    const household = sensitiveHousehold();
    const approved = decided(
      inPublicNotice(household, '2026-10-20', {
        verification: { result: 'consistent', checkedOn: '2026-10-29', note: '未发现车辆和大额存款' },
      }),
      'approve',
      '2026-11-03',
      { approvedMonthlyAmount: 420, method: 'gap' },
    );
    const lines = approvalFormLines(approved);
    expect(lines.income).toContain('计入收入855.50元/月');
    expect(lines.income).toContain('按2人计月人均427.75元');
    expect(lines.property).toBe('农用三轮车（3000元），豁免：生产必需');
    expect(lines.investigation).toContain('李建国、王秀兰');
    expect(lines.investigation).toContain('2026-11-20');
    expect(lines.preliminaryReview).toMatch(/^初审同意（\d{4}-\d{2}-\d{2}）：家庭人均收入低于标准，同意上报$/);
    expect(lines.publicNotice).toBe('公示期2026-10-20至2026-10-27；公示无异议');
    expect(lines.verification).toBe('核对相符（2026-10-29）：未发现车辆和大额存款');
    expect(lines.decision).toBe('已批准（2026-11-03）；月救助金额420元（差额（补足到低保标准））');
  });

  it('leaves the decision to the county while it waits, and names an objection and a missing 信息核对', () => {
    const household = sensitiveHousehold();
    const waiting = stepApplication(inPublicNotice(household, '2026-10-20'), { action: 'sendToCounty', to: 'pendingConfirmation', by: township }, {
      publicNotice: { start: '2026-10-20', objections: '邻居反映其子在外务工收入较高' },
    });
    const lines = approvalFormLines(waiting);
    expect(lines.publicNotice).toBe('公示期2026-10-20至2026-10-27；异议：邻居反映其子在外务工收入较高');
    expect(lines.verification).toBe('（未记录核对结果）');
    expect(lines.decision).toBe('（待县级民政部门审核确认）');
  });
});
