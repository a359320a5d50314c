/**
 * The social worker's caseload: needs found on visits, each with a service plan, referrals to
 * those who can help, and 回访 — some made, some due within days, some overdue.
 */
import { addCalendarDays } from '../../shared/rules/dates';
import type { CareNeed } from '../../shared/schemas/careNeed';
import type { Household } from '../../shared/schemas/household';
import type { NeedCategory } from '../../shared/schemas/visit';
import { chinaTimeOn, type DemoClock } from './demoClock';
import type { DemoStaff } from './demoTeam';
import type { Random } from './random';

interface NeedText {
  category: NeedCategory;
  description: string;
  servicePlan: string;
  referral?: { kind: CareNeed['referrals'][number]['kind']; target: string };
}

const NEEDS: readonly NeedText[] = [
  { category: 'dailyCare', description: '独居老人行动不便，做饭、洗衣有困难', servicePlan: '联系村邻每日探视，申请居家养老上门服务每周两次', referral: { kind: 'other', target: '镇居家养老服务中心' } },
  { category: 'medical', description: '慢性病需长期服药，药费负担重，复查不及时', servicePlan: '协助办理门诊慢特病待遇，联系村医每月随访', referral: { kind: 'charityFund', target: '县慈善总会“医疗救助”项目' } },
  { category: 'psychological', description: '配偶去世后情绪低落，很少出门', servicePlan: '每两周上门陪伴谈心，鼓励参加村老年活动', referral: { kind: 'womensFederation', target: '镇妇联“巾帼志愿”服务队' } },
  { category: 'education', description: '孩子上学路远，学习用品缺乏', servicePlan: '链接助学资源，联系学校老师关注学习情况', referral: { kind: 'youthLeague', target: '县团委“希望工程”助学' } },
  { category: 'employment', description: '家中劳动力有就业意愿，缺少技能', servicePlan: '推荐参加镇技能培训，对接公益性岗位', referral: { kind: 'publicWelfarePost', target: '镇公益性岗位（保洁）' } },
  { category: 'material', description: '冬季取暖困难，被褥陈旧', servicePlan: '发放冬季取暖物资，协调棉被两床', referral: { kind: 'charityFund', target: '镇慈善工作站' } },
  { category: 'socialSupport', description: '子女在外地，老人缺少照应和联系', servicePlan: '建立子女联系群，安排志愿者结对帮扶', referral: { kind: 'union', target: '县总工会志愿服务队' } },
];

export type FollowUpTarget = 'overdue' | 'soon' | 'later' | 'closed';

export interface CareNeedContext {
  random: Random;
  clock: DemoClock;
  socialWorker: DemoStaff;
  newId: (prefix: string) => string;
}

export function careNeedFor(ctx: CareNeedContext, household: Household, target: FollowUpTarget, index: number): CareNeed {
  const { random, clock, socialWorker } = ctx;
  const text = NEEDS[index % NEEDS.length]!;
  const openedDaysAgo = random.int(30, 120);
  const openedOn = addCalendarDays(clock.today, -openedDaysAgo);
  const firstDone = addCalendarDays(openedOn, 14);
  const nextDue = {
    overdue: addCalendarDays(clock.today, -random.int(2, 12)),
    soon: addCalendarDays(clock.today, random.int(0, 3)),
    later: addCalendarDays(clock.today, random.int(10, 40)),
    closed: addCalendarDays(clock.today, -random.int(5, 20)),
  }[target];
  const followUps: CareNeed['followUps'] = [
    { id: ctx.newId('fu-'), dueDate: firstDone, doneOn: firstDone, note: '已上门回访，服务计划落实中' },
    { id: ctx.newId('fu-'), dueDate: nextDue, ...(target === 'closed' ? { doneOn: nextDue, note: '需求已解决，结案' } : {}) },
  ];
  const referralState = target === 'closed' ? 'completed' : random.pick(['proposed', 'referred', 'accepted'] as const);
  const living = household.members.filter((m) => !m.deceasedOn);
  const member = living[random.int(0, living.length - 1)]!;
  const createdAt = chinaTimeOn(clock, openedOn, random.int(9 * 60, 17 * 60));
  const updatedAt = chinaTimeOn(clock, target === 'closed' ? nextDue : firstDone, 16 * 60);
  return {
    id: ctx.newId('cn-'),
    areaCode: household.areaCode,
    householdId: household.id,
    memberId: member.id,
    category: text.category,
    severity: target === 'overdue' ? 'high' : random.pick(['low', 'medium', 'high'] as const),
    description: text.description,
    servicePlan: text.servicePlan,
    referrals: text.referral ? [{ id: ctx.newId('rf-'), ...text.referral, state: referralState }] : [],
    followUps,
    state: target === 'closed' ? 'closed' : 'open',
    createdAt,
    createdBy: socialWorker.id,
    updatedAt,
    updatedBy: socialWorker.id,
  };
}
