/** Reading a figure from the county's policy: a null or placeholder figure is "missing", by name. */
import type { EligibilityPolicy } from './types';

export type PolicyFigureName =
  | 'dibaoStandardUrban'
  | 'dibaoStandardRural'
  | 'edgeMultiplier'
  | 'lastYearPerCapitaDisposableIncomeMonthly'
  | 'rigidSpendingShare';

const figureTitles: Record<PolicyFigureName, string> = {
  dibaoStandardUrban: '城市低保标准（元/月）',
  dibaoStandardRural: '农村低保标准（元/月）',
  edgeMultiplier: '低保边缘收入倍数',
  lastYearPerCapitaDisposableIncomeMonthly: '上年度居民人均可支配收入（元/月）',
  rigidSpendingShare: '刚性支出占家庭收入比例',
};

export type FigureResult = { ok: true; value: number } | { ok: false; missing: string };

function rawFigure(policy: EligibilityPolicy, name: PolicyFigureName): number | null {
  switch (name) {
    case 'dibaoStandardUrban':
      return policy.dibaoStandardMonthly.urban;
    case 'dibaoStandardRural':
      return policy.dibaoStandardMonthly.rural;
    default:
      return policy[name];
  }
}

export function policyFigure(policy: EligibilityPolicy, name: PolicyFigureName): FigureResult {
  const value = rawFigure(policy, name);
  const title = `${policy.year}年${policy.county}${figureTitles[name]}`;
  // A placeholder is a stand-in nobody has confirmed: judging with it would look like an answer.
  if (policy.placeholder) return { ok: false, missing: `${title}（现为占位值，待管理员确认）` };
  if (value === null || !Number.isFinite(value)) return { ok: false, missing: `${title}（待配置）` };
  return { ok: true, value };
}

export function dibaoStandard(policy: EligibilityPolicy, residence: 'urban' | 'rural'): FigureResult {
  return policyFigure(policy, residence === 'urban' ? 'dibaoStandardUrban' : 'dibaoStandardRural');
}

/** Where the policy's figures come from, appended to a rule's legal source. */
export function withPolicySource(legal: string, policy: EligibilityPolicy): string {
  return `${legal}；参数：${policy.source}（${policy.year}年${policy.county}）`;
}
