/** 低保 (B1) and 低保边缘: income against the local standard, property, and the 单人户 route. */
import { B1, combine, coveredMembers, missingFigureRule, single } from './common';
import { propertyRule } from './property';
import { formatYuan, incomeFigures, perCapitaBelow, summarizeIncome, toFen, type IncomeSummary } from './income';
import { singlePersonQualifies } from './members';
import { dibaoStandard, policyFigure, withFigures, withPolicySource } from './policy';
import type { EligibilityInput, EligibilityRule, RuleOutcome } from './types';
import { residenceTerms } from '../../vocabulary/residences';

const EDGE_SOURCE = '低保边缘家庭认定（B5，倍数按当地规定）';
const areaName = (residence: 'urban' | 'rural'): string => residenceTerms[residence].zh;

function incomeBelowStandardRule(input: EligibilityInput, summary: IncomeSummary, who: string): RuleOutcome {
  const { application, policy } = input;
  const title = `${who}月人均收入低于${areaName(application.residence)}低保标准`;
  const standard = dibaoStandard(policy, application.residence);
  const source = withPolicySource(`${B1}：共同生活家庭成员月人均收入低于当地低保标准`, standard);
  if (!standard.ok) return missingFigureRule('dibaoIncome', title, standard.missing, source, incomeFigures(summary));
  const below = perCapitaBelow(summary, standard.value);
  const rule: EligibilityRule = withFigures({
    id: 'dibaoIncome',
    title,
    passed: below,
    explanation:
      `计入收入${formatYuan(summary.countedMonthly)}，扣减${formatYuan(summary.deductibleMonthly)}，` +
      `按${summary.memberCount}人计月人均${formatYuan(summary.perCapitaMonthly)}，` +
      `${below ? '低于' : '不低于'}标准${formatYuan(standard.value)}` +
      (summary.notCountedMonthly > 0 ? `（不计入的收入${formatYuan(summary.notCountedMonthly)}未算在内）` : ''),
    figures: { ...incomeFigures(summary), standardMonthly: standard.value },
    source,
  }, standard);
  return single(rule);
}

/**
 * B1 art. 8 lets a member of a 低保边缘 household apply alone: the person must qualify, and the
 * household they live in must be an edge household (per-capita income below the edge line).
 */
function singlePersonRules(input: EligibilityInput, memberIds: string[]): RuleOutcome {
  const { application, policy, members } = input;
  const [id, ...others] = memberIds;
  const person = members.find((m) => m.id === id);
  if (person === undefined || others.length > 0) {
    return single({
      id: 'singlePersonUnit',
      title: '单人户',
      passed: false,
      explanation: `单人户只能有一位保障成员（现为${memberIds.length}位）`,
      figures: { memberCount: memberIds.length },
      source: `${B1}第八条`,
    });
  }
  const check = singlePersonQualifies(person);
  const personRule = single({
    id: 'singlePersonUnit',
    title: '可作为单人户单独申请',
    passed: check.passed,
    explanation: check.explanation,
    figures: check.figures,
    source: `${B1}第八条`,
  });

  const household = summarizeIncome(
    application.incomeItems,
    members.map((m) => m.id),
    true,
  );
  const title = '所在家庭为低保边缘家庭';
  const standard = dibaoStandard(policy, application.residence);
  const multiplier = policyFigure(policy, 'edgeMultiplier');
  const source = withPolicySource(`${B1}第八条；${EDGE_SOURCE}`, standard, multiplier);
  if (!standard.ok) return combine(personRule, missingFigureRule('edgeHousehold', title, standard.missing, source));
  if (!multiplier.ok) return combine(personRule, missingFigureRule('edgeHousehold', title, multiplier.missing, source));
  const line = toFen(standard.value * multiplier.value) / 100;
  const below = perCapitaBelow(household, line);
  return combine(
    personRule,
    single(withFigures({
      id: 'edgeHousehold',
      title,
      passed: below,
      explanation:
        `全户${household.memberCount}人月人均收入${formatYuan(household.perCapitaMonthly)}，` +
        `${below ? '低于' : '不低于'}低保标准的${multiplier.value}倍（${formatYuan(line)}）`,
      figures: { ...incomeFigures(household), standardMonthly: standard.value, edgeMultiplier: multiplier.value, edgeLineMonthly: line },
      source,
    }, standard, multiplier)),
  );
}

export function previewDibao(input: EligibilityInput): RuleOutcome {
  const covered = coveredMembers(input);
  if (!covered.ok) return covered.outcome;
  const { application } = input;
  const ids = covered.members.map((m) => m.id);
  const property = propertyRule(input, covered.members.length, `${B1}：家庭财产状况符合当地规定`);
  if (application.singlePersonUnit) {
    // The person alone is the unit: only their own income counts.
    const own = summarizeIncome(application.incomeItems, ids, false);
    return combine(singlePersonRules(input, ids), incomeBelowStandardRule(input, own, '申请人'), property);
  }
  const summary = summarizeIncome(application.incomeItems, ids, true);
  return combine(incomeBelowStandardRule(input, summary, '家庭'), property);
}

/** 低保边缘: not 低保 (income at or above the standard) and below `edgeMultiplier` × the standard. */
export function previewDibaoEdge(input: EligibilityInput): RuleOutcome {
  const covered = coveredMembers(input);
  if (!covered.ok) return covered.outcome;
  const { application, policy } = input;
  const summary = summarizeIncome(
    application.incomeItems,
    covered.members.map((m) => m.id),
    true,
  );
  const property = propertyRule(input, covered.members.length, `${EDGE_SOURCE}：家庭财产状况符合规定`);
  const title = '月人均收入在低保标准以上、边缘线以下';
  const standard = dibaoStandard(policy, application.residence);
  const multiplier = policyFigure(policy, 'edgeMultiplier');
  const source = withPolicySource(EDGE_SOURCE, standard, multiplier);
  if (!standard.ok) return combine(missingFigureRule('edgeIncome', title, standard.missing, source, incomeFigures(summary)), property);
  if (!multiplier.ok) return combine(missingFigureRule('edgeIncome', title, multiplier.missing, source, incomeFigures(summary)), property);
  const line = toFen(standard.value * multiplier.value) / 100;
  const belowStandard = perCapitaBelow(summary, standard.value);
  const belowLine = perCapitaBelow(summary, line);
  const perCapita = formatYuan(summary.perCapitaMonthly);
  const explanation = belowStandard
    ? `月人均收入${perCapita}低于低保标准${formatYuan(standard.value)}：可按低保申请，不属于低保边缘`
    : belowLine
      ? `月人均收入${perCapita}不低于低保标准${formatYuan(standard.value)}，低于其${multiplier.value}倍（${formatYuan(line)}）`
      : `月人均收入${perCapita}不低于低保标准的${multiplier.value}倍（${formatYuan(line)}）`;
  return combine(
    single(withFigures({
      id: 'edgeIncome',
      title,
      passed: !belowStandard && belowLine,
      explanation,
      figures: { ...incomeFigures(summary), standardMonthly: standard.value, edgeMultiplier: multiplier.value, edgeLineMonthly: line },
      source,
    }, standard, multiplier)),
    property,
  );
}
