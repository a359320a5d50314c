/**
 * 家庭财产状况 against the county's asset limits. The check's recorded outcome
 * (`propertyWithinLimits`, from the 信息核对 or the township) wins. Without it, the declared
 * property is compared with the limits where each non-exempt item says what it is (存款, 车辆,
 * 住房 in its description): over a limit → not met; every item recognised and within → met;
 * anything unrecognised or without a value → cannot tell.
 */
import { combine, single } from './common';
import { formatYuan, toFen } from './income';
import { figureTitle, policyFigure, withFigures, withPolicySource, type FigureResult } from './policy';
import type { EligibilityInput, RuleOutcome } from './types';

type PropertyKind = 'deposits' | 'vehicle' | 'house';

const kindPatterns: [PropertyKind, RegExp][] = [
  ['deposits', /存款|储蓄|理财|股票|基金|证券|债券/],
  ['vehicle', /汽车|轿车|机动车|车辆|货车|面包车|摩托车/],
  ['house', /住房|房屋|房产|商品房|楼房|宅/],
];

function kindOf(description: string): PropertyKind | undefined {
  return kindPatterns.find(([, pattern]) => pattern.test(description))?.[0];
}

const TITLE = '家庭财产状况';
const NO_CHECK = '家庭财产核查结果';

function recordedOutcome(within: boolean, source: string): RuleOutcome {
  return single({
    id: 'property',
    title: TITLE,
    passed: within,
    explanation: within ? '家庭财产符合当地规定（生活、生产必需的财产可豁免）' : '家庭财产超出当地规定',
    figures: {},
    source,
  });
}

export function propertyRule(input: EligibilityInput, memberCount: number, legal: string): RuleOutcome {
  const { application, policy } = input;
  if (application.propertyWithinLimits !== undefined) return recordedOutcome(application.propertyWithinLimits, legal);
  const items = (application.propertyItems ?? []).filter((item) => !item.exempt);
  if ((application.propertyItems ?? []).length === 0) {
    return single({ id: 'property', title: TITLE, passed: null, explanation: '尚未录入家庭财产核查结果', figures: {}, source: legal }, [NO_CHECK]);
  }
  const sums = { deposits: 0, vehicle: 0, house: 0 };
  let unclear = 0;
  for (const item of items) {
    const kind = kindOf(item.description);
    if (kind === undefined || (kind !== 'house' && item.value === undefined)) unclear += 1;
    else if (kind === 'house') sums.house += 1;
    else sums[kind] += toFen(item.value ?? 0);
  }
  const checks: { over: boolean; result: FigureResult; text: (limit: number) => string }[] = [];
  const missing: string[] = [];
  const check = (needed: boolean, result: FigureResult, over: (limit: number) => boolean, text: (limit: number) => string) => {
    if (!needed) return;
    if (!result.ok) missing.push(result.missing);
    else checks.push({ over: over(result.value), result, text });
  };
  const perCapitaFen = Math.round(sums.deposits / Math.max(1, memberCount));
  check(
    sums.deposits > 0,
    policyFigure(policy, 'assetDepositsPerCapitaLimit'),
    (limit) => perCapitaFen > toFen(limit),
    (limit) => `存款等人均${formatYuan(perCapitaFen / 100)}，${perCapitaFen > toFen(limit) ? '超过' : '未超过'}${figureTitle('assetDepositsPerCapitaLimit')}${formatYuan(limit)}`,
  );
  check(
    sums.vehicle > 0,
    policyFigure(policy, 'assetVehicleValueLimit'),
    (limit) => sums.vehicle > toFen(limit),
    (limit) => `车辆价值${formatYuan(sums.vehicle / 100)}，${sums.vehicle > toFen(limit) ? '超过' : '未超过'}限额${formatYuan(limit)}`,
  );
  check(
    sums.house > 0,
    policyFigure(policy, 'assetHousingUnitsLimit'),
    (limit) => sums.house > limit,
    (limit) => `住房${sums.house}套，${sums.house > limit ? '超过' : '未超过'}限额${limit}套`,
  );
  const results = checks.map((c) => c.result);
  const source = withPolicySource(legal, ...results);
  const over = checks.some((c) => c.over);
  const explanation = [
    ...checks.map((c) => c.text((c.result as { value: number }).value)),
    ...(unclear > 0 ? [`另有${unclear}项财产未写明类别或价值，需核实`] : []),
    ...(items.length === 0 ? ['所录财产均为生活、生产必需的豁免财产'] : []),
  ].join('；');
  const passed = over ? false : unclear > 0 || missing.length > 0 ? null : true;
  return combine(
    single(
      withFigures({ id: 'property', title: TITLE, passed, explanation, figures: {}, source }, ...results),
      passed === null ? [...missing, ...(unclear > 0 ? [NO_CHECK] : [])] : [],
    ),
  );
}
