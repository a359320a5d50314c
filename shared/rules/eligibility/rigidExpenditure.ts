/**
 * 刚性支出困难 (B3): not already 低保/特困/边缘; per-capita income below last year's local
 * per-capita disposable income; essential spending over the past 12 months above a locally set
 * share of the household's income. A recognition lasts up to 12 months.
 */
import { B3, combine, coveredMembers, missingFigureRule, single } from './common';
import { formatYuan, incomeFigures, perCapitaBelow, summarizeIncome, toFen, type IncomeSummary } from './income';
import { policyFigure, withFigures, withPolicySource } from './policy';
import type { EligibilityInput, RuleOutcome } from './types';

function notInOtherGroupsRule(flag: boolean | undefined): RuleOutcome {
  return single(
    {
      id: 'notInOtherGroups',
      title: '不是低保、特困或低保边缘对象',
      passed: flag === undefined ? null : !flag,
      explanation:
        flag === undefined
          ? '尚未确认是否已为低保、特困或低保边缘对象'
          : flag
            ? '已是低保、特困或低保边缘对象，按原类别保障'
            : '不是低保、特困或低保边缘对象',
      figures: {},
      source: B3,
    },
    flag === undefined ? ['是否已为低保、特困或低保边缘对象'] : [],
  );
}

function incomeRule(input: EligibilityInput, summary: IncomeSummary): RuleOutcome {
  const title = '月人均收入低于上年度当地居民人均可支配收入';
  const figure = policyFigure(input.policy, 'lastYearPerCapitaDisposableIncomeMonthly');
  const source = withPolicySource(B3, figure);
  if (!figure.ok) return missingFigureRule('rigidIncome', title, figure.missing, source, incomeFigures(summary));
  const below = perCapitaBelow(summary, figure.value);
  return single(withFigures({
    id: 'rigidIncome',
    title,
    passed: below,
    explanation: `月人均收入${formatYuan(summary.perCapitaMonthly)}，${below ? '低于' : '不低于'}上年度居民人均可支配收入（月均${formatYuan(figure.value)}）`,
    figures: { ...incomeFigures(summary), lastYearPerCapitaDisposableIncomeMonthly: figure.value },
    source,
  }, figure));
}

function spendingRule(input: EligibilityInput, summary: IncomeSummary): RuleOutcome {
  const title = '近12个月刚性支出超过家庭收入的规定比例';
  const share = policyFigure(input.policy, 'rigidSpendingShare');
  const source = withPolicySource(B3, share);
  const spending = input.application.essentialSpending12m;
  if (spending === undefined) return missingFigureRule('rigidSpending', title, '近12个月刚性支出', source);
  const parts = {
    medicalAfterInsurance: spending.medicalAfterInsurance ?? 0,
    education: spending.education ?? 0,
    rehabilitation: spending.rehabilitation ?? 0,
    basicLiving: spending.basicLiving ?? 0,
  };
  const totalFen = Object.values(parts).reduce((sum, yuan) => sum + toFen(yuan), 0);
  const total = totalFen / 100;
  if (!share.ok) return missingFigureRule('rigidSpending', title, share.missing, source, { ...parts, spending12m: total });
  const annualIncome = (summary.netFen * 12) / 100;
  const line = Math.round(share.value * summary.netFen * 12) / 100;
  const over = totalFen > Math.round(share.value * summary.netFen * 12);
  return single(withFigures({
    id: 'rigidSpending',
    title,
    passed: over,
    explanation:
      `近12个月医疗（医保报销后）、教育、康复、基本生活等刚性支出合计${formatYuan(total)}，` +
      `家庭年收入${formatYuan(annualIncome)}的${Math.round(share.value * 10000) / 100}%为${formatYuan(line)}，支出${over ? '超过' : '未超过'}该比例`,
    figures: { ...parts, spending12m: total, annualIncome, rigidSpendingShare: share.value, spendingLine: line },
    source,
  }, share));
}

export function previewRigidExpenditure(input: EligibilityInput): RuleOutcome {
  const covered = coveredMembers(input);
  if (!covered.ok) return covered.outcome;
  const summary = summarizeIncome(
    input.application.incomeItems,
    covered.members.map((m) => m.id),
    true,
  );
  return combine(
    notInOtherGroupsRule(input.application.isDibaoOrTekunOrEdge),
    incomeRule(input, summary),
    spendingRule(input, summary),
  );
}
