/**
 * What a demo application says: who applies for whom, income, property, spending, documents and
 * the reason — as an assistant would fill the form for the household's shape and the programme.
 */
import { ageOn, type IsoDate } from '../../shared/rules/dates';
import { summarizeIncome } from '../../shared/rules/eligibility/income';
import { householdResidence } from '../../shared/rules/residence';
import { defaultDocuments, type Application, type ApplicationType } from '../../shared/schemas/application';
import type { Household } from '../../shared/schemas/household';
import { EXAMPLE_FIGURES } from './examplePolicy';
import type { Random } from './random';

type Entry = Pick<
  Application,
  | 'type'
  | 'mode'
  | 'assistance'
  | 'applicantMemberId'
  | 'coveredMemberIds'
  | 'singlePersonUnit'
  | 'incomeItems'
  | 'propertyItems'
  | 'essentialSpending'
  | 'medical'
  | 'documents'
  | 'pledgeSigned'
  | 'reason'
>;

const REASONS: Record<ApplicationType, readonly string[]> = {
  dibao: ['家庭成员长期患病，无稳定收入，生活困难', '户主年老体弱，无劳动能力，收入低于当地低保标准', '家中有残疾人需长期照料，收入微薄'],
  tekun: ['无劳动能力、无生活来源，无法定赡养人', '老人独居，子女已故，无人赡养'],
  dibaoEdge: ['家庭人均收入略高于低保标准，生活仍有困难', '家庭收入不稳定，医疗负担较重'],
  rigidExpenditure: ['家人患重病，医疗自付费用高，家庭难以负担', '子女就读大学，教育支出较大'],
  medicalAid: ['住院治疗，医保报销后自付费用较高', '慢性病长期门诊，自付医疗费用负担重'],
  temporaryAid: ['家中突发火灾，基本生活暂时困难', '户主突发疾病住院，家庭生活陷入困境', '因意外事故，家庭暂时无法维持基本生活'],
  educationAid: ['子女在读'],
  housingAid: ['住房为危房'],
  employmentAid: ['有就业意愿'],
  charity: ['生活困难'],
};

const PROPERTY = [
  { description: '自住房屋（砖瓦房3间）', exempt: true, exemptReason: '基本生活用房' },
  { description: '承包耕地4亩', exempt: true, exemptReason: '生产资料' },
  { description: '农用三轮车', exempt: true, exemptReason: '生产工具' },
] as const;

/** Amounts in yuan, to the yuan. */
const yuan = (random: Random, min: number, max: number, step = 10): number => Math.round(random.int(min, max) / step) * step;

export function applicationEntry(
  random: Random,
  household: Household,
  type: ApplicationType,
  today: IsoDate,
  newId: () => string,
): Entry {
  const members = household.members.filter((m) => !m.deceasedOn);
  const head = members[0]!;
  const incomeItems: Application['incomeItems'] = [];
  for (const member of members) {
    const age = ageOn(member.birthDate, today);
    if (age >= 60) {
      incomeItems.push({ id: newId(), memberId: member.id, kind: 'pension', monthlyAmount: yuan(random, 160, 220), treatment: 'counted' });
    } else if (member.labourAbility === 'full' || member.labourAbility === 'partial') {
      const wages = member.labourAbility === 'full' ? yuan(random, 600, 1500) : yuan(random, 200, 600);
      incomeItems.push({ id: newId(), memberId: member.id, kind: 'wages', monthlyAmount: wages, treatment: 'counted', note: '农闲时打零工' });
    }
  }
  if (random.chance(0.5)) incomeItems.push({ id: newId(), kind: 'business', monthlyAmount: yuan(random, 80, 300), treatment: 'counted', note: '种植收入（按年折月）' });
  // A 低保 or 特困 household the township takes up is one whose income is below the standard:
  // the wages that would lift it above are not there (the person is ill, or cares for someone).
  if (type === 'dibao' || type === 'tekun') {
    const limit = EXAMPLE_FIGURES.dibaoStandardRuralMonthly * members.length * INCOME_SHARE_OF_STANDARD;
    while (summarizeIncome(incomeItems, members.map((m) => m.id), true).netMonthly >= limit) {
      const largest = incomeItems.reduce((a, b) => (b.monthlyAmount > a.monthlyAmount ? b : a));
      incomeItems.splice(incomeItems.indexOf(largest), 1);
    }
  }
  const propertyItems = PROPERTY.slice(0, random.int(1, PROPERTY.length)).map((item) => ({ id: newId(), ...item }));
  const medical =
    type === 'medicalAid'
      ? (() => {
          // What insurance leaves is a heavy burden (above the example's 因病致贫 threshold of 20,000 元).
          const totalCost = yuan(random, 45_000, 90_000, 100);
          return { totalCost, reimbursed: Math.round(totalCost * (random.int(40, 55) / 100)) };
        })()
      : undefined;
  const essentialSpending =
    type === 'rigidExpenditure' || type === 'dibaoEdge'
      ? { medicalAfterInsurance: yuan(random, 12_000, 48_000, 100), ...(random.chance(0.3) ? { education: yuan(random, 6_000, 15_000, 100) } : {}) }
      : undefined;
  return {
    type,
    mode: type === 'medicalAid' && random.chance(0.3) ? 'proactive' : 'onApplication',
    assistance: random.weighted([['none', 3], ['guided', 2], ['helped', 2], ['delegated', 1]] as const),
    applicantMemberId: head.id,
    coveredMemberIds: members.map((m) => m.id),
    singlePersonUnit: false,
    incomeItems,
    propertyItems,
    ...(essentialSpending ? { essentialSpending } : {}),
    ...(medical ? { medical } : {}),
    documents: [
      ...defaultDocuments(type).map((kind) => ({ kind, state: 'provided' as const })),
      ...(household.members.some((m) => m.disability) ? [{ kind: 'disabilityCertificate' as const, state: 'provided' as const }] : []),
    ],
    pledgeSigned: true,
    reason: random.pick(REASONS[type]),
  };
}

/** At most this share of the 低保 standard, per person: the households the demo approves are clearly below it. */
const INCOME_SHARE_OF_STANDARD = 0.8;

/**
 * The monthly 低保 sum by 差额 (B1 art. 12): the standard for the household's residence (城市 or
 * 农村, 示例 figures) for every covered member, less the household's counted income.
 */
export function dibaoMonthly(application: Pick<Application, 'incomeItems' | 'coveredMemberIds'>, household: Household): number {
  const urban = householdResidence(household, household.areaCode) === 'urban';
  const standard = urban ? EXAMPLE_FIGURES.dibaoStandardUrbanMonthly : EXAMPLE_FIGURES.dibaoStandardRuralMonthly;
  const income = summarizeIncome(application.incomeItems, application.coveredMemberIds, true);
  return Math.max(0, Math.round(standard * income.memberCount - income.netMonthly));
}

