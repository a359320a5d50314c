/**
 * Eligibility PREVIEW: which rules an application seems to meet, with the figures and sources
 * behind each. It is never a decision — the decision is the county's (审核确认) — so every
 * headline says 初步判断 and 以县级民政审核确认为准.
 *
 * Aggregation: one rule clearly not met → likelyNotEligible; otherwise any rule that cannot be
 * judged (a figure 待配置, a fact not yet recorded) → cannotTell; otherwise likelyEligible.
 */
import { applicationTypeTerms } from '../vocabulary/applicationTypes';
import type { IsoDate } from './dates';
import { previewDibao, previewDibaoEdge } from './eligibility/dibao';
import { previewMedicalAid } from './eligibility/medicalAid';
import { previewRigidExpenditure } from './eligibility/rigidExpenditure';
import { previewTekun } from './eligibility/tekun';
import type { EligibilityInput, EligibilityPreview, EligibilityResult, RuleOutcome } from './eligibility/types';

export * from './eligibility/types';

export const previewablePrograms = ['dibao', 'tekun', 'dibaoEdge', 'rigidExpenditure', 'medicalAid'] as const;
export type PreviewableProgram = (typeof previewablePrograms)[number];

/** The programs' names in the preview's sentences (the vocabulary's application types). */
export const programNames: Record<PreviewableProgram, string> = Object.fromEntries(
  previewablePrograms.map((program) => [program, applicationTypeTerms[program].zh]),
) as Record<PreviewableProgram, string>;

/** Chinese labels for the keys rules use in `figures`, for the UI. */
export const figureLabels: Record<string, string> = {
  memberCount: '人数',
  memberId: '成员',
  age: '年龄（周岁）',
  disability: '残疾情况',
  countedMonthly: '计入收入（元/月）',
  deductibleMonthly: '可扣减支出（元/月）',
  notCountedMonthly: '不计入收入（元/月）',
  netMonthly: '家庭月收入（元）',
  perCapitaMonthly: '月人均收入（元）',
  standardMonthly: '低保标准（元/月）',
  edgeMultiplier: '低保边缘倍数',
  edgeLineMonthly: '低保边缘线（元/月）',
  lastYearPerCapitaDisposableIncomeMonthly: '上年度居民人均可支配收入（元/月）',
  lastYearPerCapitaDisposableIncome: '上年度居民人均可支配收入（元/年）',
  medicalAfterInsurance: '医疗支出（医保报销后，元）',
  education: '教育支出（元）',
  rehabilitation: '康复支出（元）',
  basicLiving: '基本生活支出（元）',
  spending12m: '近12个月刚性支出合计（元）',
  annualIncome: '家庭年收入（元）',
  rigidSpendingShare: '刚性支出比例',
  spendingLine: '刚性支出认定线（元）',
  totalCost: '医疗总费用（元）',
  reimbursed: '已报销（元）',
  outOfPocket: '个人自付（元）',
  illnessPovertyThreshold: '因病致贫认定线（元）',
  tekunBasicLivingMonthly: '特困基本生活标准（元/月）',
  tekunCareMonthly: '照料护理标准（元/月）',
};

const SUFFIX = '以县级民政审核确认为准';

function isPreviewable(type: string): type is PreviewableProgram {
  return (previewablePrograms as readonly string[]).includes(type);
}

function outcomeFor(program: PreviewableProgram, input: EligibilityInput, today: IsoDate): RuleOutcome {
  switch (program) {
    case 'dibao':
      return previewDibao(input);
    case 'dibaoEdge':
      return previewDibaoEdge(input);
    case 'tekun':
      return previewTekun(input, today);
    case 'rigidExpenditure':
      return previewRigidExpenditure(input);
    case 'medicalAid':
      return previewMedicalAid(input);
  }
}

/** Ages are reckoned on `today`. */
export function previewEligibility(input: EligibilityInput, today: IsoDate): EligibilityPreview {
  const type = input.application.type;
  if (!isPreviewable(type)) {
    return {
      result: 'cannotTell',
      headline: `此类救助暂不提供初步判断，按规定由乡镇、县级民政研判，${SUFFIX}`,
      missing: [],
      rules: [
        {
          id: 'noPreview',
          title: '不作预判的救助类型',
          passed: null,
          explanation: type === 'temporaryAid' ? '临时救助按急难情形个案研判' : '本工具只对低保、特困、低保边缘、刚性支出困难和医疗救助作初步判断',
          figures: {},
          source: '《社会救助暂行办法》（B6）',
        },
      ],
    };
  }
  const { rules, missing } = outcomeFor(type, input, today);
  const name = programNames[type];
  // Rules shown for reference (the 特困 standards) are not conditions: they never sway the result.
  const conditions = rules.filter((r) => !r.forReference);
  const failed = conditions.filter((r) => r.passed === false);
  const unknown = conditions.filter((r) => r.passed === null);
  let result: EligibilityResult;
  let headline: string;
  if (failed.length > 0) {
    result = 'likelyNotEligible';
    headline = `初步判断：可能不符合${name}条件（不满足：${unique(failed.map((r) => r.title)).join('；')}），${SUFFIX}`;
  } else if (unknown.length > 0) {
    result = 'cannotTell';
    headline =
      missing.length > 0
        ? `暂无法初步判断${name}条件：缺少${missing.join('、')}，${SUFFIX}`
        : `暂无法初步判断${name}条件（${unique(unknown.map((r) => r.title)).join('；')}需人工核实），${SUFFIX}`;
  } else {
    result = 'likelyEligible';
    headline = `初步判断：可能符合${name}条件，${SUFFIX}`;
  }
  return { result, headline, missing, rules };
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
