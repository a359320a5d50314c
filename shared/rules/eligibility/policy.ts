/**
 * Reading a figure from the county's figures in force: a figure not set, or a placeholder, is
 * "missing", named with the county and the date; one that is set comes with its period and
 * source so the rule can name it.
 */
import { policyFigureTerms, policyFigureUnitTerms } from '../../vocabulary/policyFigures';
import type { PolicyFigureName } from '../../schemas/reference';
import type { EligibilityPolicy, EligibilityRule, UsedFigure } from './types';

export type FigureResult = { ok: true; value: number; used: UsedFigure } | { ok: false; missing: string };

/** A figure's name with its unit: 城市低保标准（元/人/月）. */
export function figureTitle(name: PolicyFigureName): string {
  const term = policyFigureTerms[name];
  return `${term.zh}（${policyFigureUnitTerms[term.unit].zh}）`;
}

export function policyFigure(policy: EligibilityPolicy, name: PolicyFigureName): FigureResult {
  const figure = policy.figures[name];
  const title = `${policy.county}${policy.date}适用的${figureTitle(name)}`;
  if (figure === undefined) return { ok: false, missing: `${title}（待配置）` };
  // A placeholder is a stand-in nobody has confirmed: judging with it would look like an answer.
  if (figure.placeholder) return { ok: false, missing: `${title}（现为占位值，待县级民政设置）` };
  const used: UsedFigure = {
    name,
    value: figure.value,
    validFrom: figure.validFrom,
    ...(figure.validTo === undefined ? {} : { validTo: figure.validTo }),
    source: figure.source,
    cityWide: figure.areaCode.endsWith('00000000'),
    example: figure.example,
  };
  return { ok: true, value: figure.value, used };
}

export function dibaoStandard(policy: EligibilityPolicy, residence: 'urban' | 'rural'): FigureResult {
  return policyFigure(policy, residence === 'urban' ? 'dibaoStandardUrbanMonthly' : 'dibaoStandardRuralMonthly');
}

/** The figures of these results that were found, once each. */
export function usedFigures(...results: FigureResult[]): UsedFigure[] {
  const used = results.flatMap((result) => (result.ok ? [result.used] : []));
  return used.filter((figure, index) => used.findIndex((other) => other.name === figure.name) === index);
}

/** A rule's legal source, and where the figures it used come from. */
export function withPolicySource(legal: string, ...results: FigureResult[]): string {
  const sources = [...new Set(usedFigures(...results).map((figure) => figure.source))];
  return sources.length === 0 ? legal : `${legal}；参数：${sources.join('；')}`;
}

/** The rule with the figures it used attached (none: the rule as it is). */
export function withFigures(rule: EligibilityRule, ...results: FigureResult[]): EligibilityRule {
  const used = usedFigures(...results);
  return used.length === 0 ? rule : { ...rule, policyFigures: used };
}
