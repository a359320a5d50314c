/**
 * 特困 (B2): each covered person must be unable to work, have no means of living, and have no
 * legal supporter able to support them. "No means of living" is B2's own test: income below the
 * local 低保 standard and property within the local rules for 特困.
 */
import { B2, combine, coveredMembers, missingFigureRule, single } from './common';
import { propertyRule } from './property';
import { formatYuan, incomeFigures, perCapitaBelow, summarizeIncome } from './income';
import { unableToWork } from './members';
import { dibaoStandard, policyFigure, withFigures, withPolicySource, type FigureResult } from './policy';
import type { SelfCareLevel } from '../../vocabulary/caseLife';
import type { EligibilityInput, EligibilityMember, RuleOutcome } from './types';
import type { IsoDate } from '../dates';

/** The member's own record, else the application's fact (facts.legalSupporterAbleToSupport). */
function supporterRule(member: EligibilityMember, applicationFact: boolean | undefined): RuleOutcome {
  const able = member.hasLegalSupporterAbleToSupport ?? applicationFact;
  return single(
    {
      id: 'noLegalSupporter',
      title: '无法定赡养、抚养、扶养义务人，或其无履行能力',
      passed: able === undefined ? null : !able,
      explanation:
        able === undefined
          ? '尚未录入法定义务人及其履行能力'
          : able
            ? '有具备履行能力的法定赡养、抚养或扶养义务人'
            : '无法定义务人，或法定义务人无履行能力',
      figures: { memberId: member.id },
      source: B2,
    },
    able === undefined ? ['法定赡养、抚养、扶养义务人情况'] : [],
  );
}

function meansOfLivingRule(input: EligibilityInput, members: EligibilityMember[]): RuleOutcome {
  const { application, policy } = input;
  const summary = summarizeIncome(
    application.incomeItems,
    members.map((m) => m.id),
    true,
  );
  const title = '无生活来源：收入低于当地低保标准';
  const standard = dibaoStandard(policy, application.residence);
  const source = withPolicySource(`${B2}：收入低于当地最低生活保障标准，且财产符合当地特困人员财产状况规定`, standard);
  if (!standard.ok) return missingFigureRule('noMeansOfLiving', title, standard.missing, source, incomeFigures(summary));
  const below = perCapitaBelow(summary, standard.value);
  return single(withFigures({
    id: 'noMeansOfLiving',
    title,
    passed: below,
    explanation: `月人均收入${formatYuan(summary.perCapitaMonthly)}，${below ? '低于' : '不低于'}低保标准${formatYuan(standard.value)}`,
    figures: { ...incomeFigures(summary), standardMonthly: standard.value },
    source,
  }, standard));
}

const careFigure = {
  full: 'tekunCareFullSelfCareMonthly',
  partial: 'tekunCarePartialMonthly',
  none: 'tekunCareNoneMonthly',
} as const satisfies Record<SelfCareLevel, string>;

/**
 * The 特困 standards that would apply (basic living, and care by the self-care level recorded):
 * shown, not judged — a standard 待配置 does not keep the preview from an answer.
 */
function standardsRule(input: EligibilityInput): RuleOutcome {
  const { policy, application } = input;
  const basic = policyFigure(policy, 'tekunBasicLivingMonthly');
  const care: FigureResult | undefined = application.selfCare ? policyFigure(policy, careFigure[application.selfCare]) : undefined;
  const parts = [
    basic.ok ? `基本生活标准${formatYuan(basic.value)}/月` : `基本生活标准待配置`,
    care === undefined ? '尚未录入生活自理能力，照料护理标准待定' : care.ok ? `照料护理标准${formatYuan(care.value)}/月` : '照料护理标准待配置',
  ];
  const figures: Record<string, number> = {};
  if (basic.ok) figures['tekunBasicLivingMonthly'] = basic.value;
  if (care?.ok) figures['tekunCareMonthly'] = care.value;
  return single(
    withFigures(
      { id: 'tekunStandards', title: '适用的特困供养标准', passed: null, forReference: true, explanation: parts.join('；'), figures, source: withPolicySource(B2, basic, ...(care ? [care] : [])) },
      basic,
      ...(care ? [care] : []),
    ),
  );
}

export function previewTekun(input: EligibilityInput, today: IsoDate): RuleOutcome {
  const covered = coveredMembers(input);
  if (!covered.ok) return covered.outcome;
  const perPerson = covered.members.map((member) => {
    const check = unableToWork(member, today);
    const work = single(
      {
        id: 'unableToWork',
        title: '无劳动能力',
        passed: check.passed,
        explanation: check.explanation,
        figures: check.figures,
        source: B2,
      },
      check.passed === null ? ['劳动能力认定（省级规定情形）'] : [],
    );
    return combine(work, supporterRule(member, input.application.legalSupporterAbleToSupport));
  });
  return combine(
    ...perPerson,
    meansOfLivingRule(input, covered.members),
    propertyRule(input, covered.members.length, `${B2}：财产符合当地特困人员财产状况规定`),
    standardsRule(input),
  );
}
