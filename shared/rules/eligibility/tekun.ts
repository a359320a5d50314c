/**
 * 特困 (B2): each covered person must be unable to work, have no means of living, and have no
 * legal supporter able to support them. "No means of living" is B2's own test: income below the
 * local 低保 standard and property within the local rules for 特困.
 */
import { B2, combine, coveredMembers, missingFigureRule, propertyRule, single } from './common';
import { formatYuan, incomeFigures, perCapitaBelow, summarizeIncome } from './income';
import { unableToWork } from './members';
import { dibaoStandard, withPolicySource } from './policy';
import type { EligibilityInput, EligibilityMember, RuleOutcome } from './types';
import type { IsoDate } from '../dates';

function supporterRule(member: EligibilityMember): RuleOutcome {
  const able = member.hasLegalSupporterAbleToSupport;
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
  const source = withPolicySource(`${B2}：收入低于当地最低生活保障标准，且财产符合当地特困人员财产状况规定`, policy);
  const standard = dibaoStandard(policy, application.residence);
  if (!standard.ok) return missingFigureRule('noMeansOfLiving', title, standard.missing, source, incomeFigures(summary));
  const below = perCapitaBelow(summary, standard.value);
  return single({
    id: 'noMeansOfLiving',
    title,
    passed: below,
    explanation: `月人均收入${formatYuan(summary.perCapitaMonthly)}，${below ? '低于' : '不低于'}低保标准${formatYuan(standard.value)}`,
    figures: { ...incomeFigures(summary), standardMonthly: standard.value },
    source,
  });
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
    return combine(work, supporterRule(member));
  });
  return combine(
    ...perPerson,
    meansOfLivingRule(input, covered.members),
    propertyRule(input.application.propertyWithinLimits, `${B2}：财产符合当地特困人员财产状况规定`),
  );
}
