import { describe, expect, it } from 'vitest';
import { applicationSheet, nextOpenDeadline } from '../../shared/exports/applicationSheet';
import { careNeedSheet } from '../../shared/exports/careNeedSheet';
import { exportAuditSchema } from '../../shared/exports/exportAudit';
import { missingItemsOf, pledgedItemsOf, pledgeText } from '../../shared/exports/formText';
import { householdSheet } from '../../shared/exports/householdSheet';
import { exportFileName, type ExportSheet } from '../../shared/exports/sheet';
import { visitSheet } from '../../shared/exports/visitSheet';
import { householdSchema } from '../../shared/schemas/household';
import { applicationSchema } from '../../shared/schemas/application';
import { visitSchema } from '../../shared/schemas/visit';
import { makeApplication, makeHousehold, makeVisit, stepApplication } from '../support/documents';
import type { CareNeed } from '../../shared/schemas/careNeed';
import type { Household } from '../../shared/schemas/household';

const VILLAGE = '371623102202'; // 无棣县 碣石山镇 大山西村

function makeCareNeed(household: Household, overrides: Partial<CareNeed> = {}): CareNeed {
  const now = Date.now();
  return {
    id: `cn-${now}${Math.floor(Math.random() * 1e6)}`,
    areaCode: household.areaCode,
    householdId: household.id,
    category: 'material',
    severity: 'medium',
    description: '冬季取暖需要帮助',
    referrals: [],
    followUps: [],
    state: 'open',
    createdAt: now,
    createdBy: 'test',
    updatedAt: now,
    updatedBy: 'test',
    ...overrides,
  };
}
const township = { id: 'u-township', role: 'township' as const, displayName: '乡镇张' };

/** The sheet's rows as objects keyed by header, as a person reads them. */
function byHeader(sheet: ExportSheet): Record<string, unknown>[] {
  return sheet.rows.map((row) => Object.fromEntries(sheet.columns.map((column, index) => [column.header, row[index]])));
}

describe('household roster (家庭花名册)', () => {
  it('has one row per member, the head first, with the household repeated and words for every code', () => {
    const base = makeHousehold(VILLAGE);
    const household = householdSchema.parse({
      ...base,
      categories: ['dibao', 'disabled'],
      // The spouse registered first: the head still leads the household's rows.
      members: [
        { ...base.members[1]!, disability: { category: 'intellectual', grade: 3 }, labourAbility: 'none', monthlyIncome: 0 },
        { ...base.members[0]!, monthlyIncome: 850.5 },
      ],
    });
    const sheet = householdSheet([household]);
    expect(sheet.columns.map((c) => c.header)).toEqual(
      expect.arrayContaining(['所在地区', '户主', '家庭人数', '困难类别', '成员姓名', '与户主关系', '身份证号', '残疾情况', '月收入（元）']),
    );
    const rows = byHeader(sheet);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      户主: base.members[0]!.name,
      成员姓名: base.members[0]!.name,
      与户主关系: '户主',
      身份证号: base.members[0]!.idNumber,
      性别: '男',
      '月收入（元）': 850.5,
      家庭人数: 2,
      困难类别: '低保对象、残疾人',
      所在地区: '无棣县 碣石山镇 大山西村',
    });
    expect(rows[1]).toMatchObject({
      成员姓名: base.members[1]!.name,
      与户主关系: '配偶',
      残疾情况: '智力残疾3级',
      劳动能力: '完全丧失劳动能力',
      '月收入（元）': 0,
      户主: base.members[0]!.name,
    });
  });

  it('is empty but keeps its headers when the filter shows nothing', () => {
    const sheet = householdSheet([]);
    expect(sheet.rows).toEqual([]);
    expect(sheet.columns.length).toBeGreaterThan(10);
    expect(exportFileName(sheet, '2026-11-29')).toBe('救助通-家庭花名册-2026-11-29.xlsx');
  });
});

describe('applications (救助申请台账)', () => {
  it('shows the status and the next deadline in words, overdue when past it', () => {
    const household = makeHousehold(VILLAGE);
    const submitted = stepApplication(makeApplication(household), { action: 'submit', to: 'submitted', by: township });
    const stepped = stepApplication(submitted, { action: 'accept', to: 'accepted', by: township });
    // 受理 on Monday 2026-11-02: the investigation must start by 2026-11-05 (3 working days).
    const accepted = applicationSchema.parse({
      ...stepped,
      history: stepped.history.map((entry) => (entry.action === 'accept' ? { ...entry, at: Date.parse('2026-11-02T09:00:00+08:00') } : entry)),
    });
    const sheet = applicationSheet([accepted, submitted], new Map([[household.id, household]]), '2026-11-20');
    const rows = byHeader(sheet);
    expect(rows[0]).toMatchObject({
      申请人: household.members[0]!.name,
      救助类型: '低保',
      办理状态: '已受理',
      受理日期: '2026-11-02',
      到期日期: '2026-11-05',
      时限情况: '已超期',
      共同生活人数: 2,
    });
    expect(String(rows[0]!['下一个办理时限'])).toContain('启动家庭经济状况调查');
    // Before 受理 nothing is owed yet.
    expect(rows[1]).toMatchObject({ 办理状态: '已申请', 下一个办理时限: '', 时限情况: '' });
    expect(nextOpenDeadline(accepted, '2026-11-02')?.state).toBe('ok');
    expect(nextOpenDeadline(accepted, '2026-11-04')?.state).toBe('near');
  });
});

describe('visits and care needs', () => {
  it('lists a visit with the household head, the members present and the needs in words', () => {
    const household = makeHousehold(VILLAGE);
    const visit = visitSchema.parse(
      makeVisit(household, {
        type: 'investigation',
        investigators: ['王秀兰', '李建国'],
        membersPresent: [household.members[1]!.id],
        needsFound: ['dailyCare', 'medical'],
        nextVisitDate: '2026-12-20',
      }),
    );
    const rows = byHeader(visitSheet([visit], new Map([[household.id, household]])));
    expect(rows[0]).toMatchObject({
      户主: household.members[0]!.name,
      走访类型: '入户调查',
      走访人: '王秀兰、李建国',
      在场成员: household.members[1]!.name,
      走访情况: visit.findings,
      发现的需求: '生活照料、医疗',
      下次走访日期: '2026-12-20',
    });
  });

  it('shows a care need’s next follow-up only while it is open', () => {
    const household = makeHousehold(VILLAGE);
    const followUps = [
      { id: 'f1', dueDate: '2026-12-01', doneOn: '2026-11-30' },
      { id: 'f2', dueDate: '2026-12-15' },
      { id: 'f3', dueDate: '2026-12-08' },
    ];
    const open = makeCareNeed(household, { severity: 'urgent', followUps, memberId: household.members[1]!.id });
    const closed = makeCareNeed(household, { state: 'closed', followUps });
    const rows = byHeader(careNeedSheet([open, closed], new Map([[household.id, household]])));
    expect(rows[0]).toMatchObject({ 需求对象: household.members[1]!.name, 紧急程度: '紧急', 下次回访日期: '2026-12-08', 状态: '跟进中' });
    expect(rows[1]).toMatchObject({ 下次回访日期: '', 状态: '已结束' });
  });
});

describe('export audit record', () => {
  it('takes codes and flags, and refuses free text in the filter', () => {
    const record = { exportId: 'ex-0123456789', kind: 'households', at: 1, rowCount: 3, areaPrefix: '371623102', filter: { textSearch: true } };
    expect(exportAuditSchema.safeParse(record).success).toBe(true);
    expect(exportAuditSchema.safeParse({ ...record, filter: { text: '张三' } }).success).toBe(false);
    expect(exportAuditSchema.safeParse({ ...record, areaPrefix: '37a' }).success).toBe(false);
    expect(exportAuditSchema.safeParse({ ...record, kind: 'passwords' }).success).toBe(false);
  });
});

describe('what the printed notice and pledge list', () => {
  it('lists each missing material once, with those the township asked for when it returned the application', () => {
    const household = makeHousehold(VILLAGE);
    const application = makeApplication(household, {
      status: 'returned',
      documents: [
        { kind: 'idAndHukou', state: 'provided' },
        { kind: 'incomeDeclaration', state: 'missing' },
        { kind: 'verificationAuthorization', state: 'pledged' },
        { kind: 'disabilityCertificate', state: 'promised', promisedBy: '2026-12-10' },
      ],
      returnNotice: { missingDocuments: ['incomeDeclaration', 'diagnosis'] },
    });
    expect(missingItemsOf(application)).toEqual(['incomeDeclaration', 'diagnosis']);
    // Before it was returned, only what the checklist marks as missing.
    expect(missingItemsOf({ ...application, status: 'submitted' })).toEqual(['incomeDeclaration']);
    expect(pledgedItemsOf(application)).toEqual([
      { kind: 'verificationAuthorization', word: '家庭经济状况核对授权书' },
      { kind: 'disabilityCertificate', word: '残疾人证', promisedBy: '2026-12-10' },
    ]);
  });

  it('has the pledge say the information is true and consent to checking income and assets', () => {
    const text = pledgeText.clauses.join('');
    expect(text).toContain('真实、完整、准确');
    expect(text).toMatch(/同意并授权.*查询、核对.*收入、财产/);
    expect(pledgeText.opening('张三', '371623196603088750', '某村1号', '低保')).toBe(
      '本人张三（身份证号：371623196603088750），家庭住址：某村1号，现申请低保，郑重承诺如下：',
    );
  });
});
