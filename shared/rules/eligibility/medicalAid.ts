/**
 * 医疗救助: what the household paid itself after insurance, and whether it is a group the aid
 * targets. The grant amount is the county's; the preview only shows the figure it starts from.
 */
import { combine, single } from './common';
import { formatYuan, toFen } from './income';
import { policyFigure, withFigures, withPolicySource } from './policy';
import type { EligibilityInput, RuleOutcome } from './types';

const SOURCE = '《社会救助暂行办法》（B6）医疗救助；重特大疾病医疗保险和救助制度（国办发〔2021〕42号）';

export function previewMedicalAid(input: EligibilityInput): RuleOutcome {
  const medical = input.application.medical;
  if (medical === undefined) {
    return single(
      { id: 'outOfPocket', title: '医保报销后个人自付费用', passed: null, explanation: '尚未录入医疗总费用和报销金额', figures: {}, source: SOURCE },
      ['医疗总费用和报销金额'],
    );
  }
  const outOfPocket = Math.max(0, toFen(medical.totalCost) - toFen(medical.reimbursed)) / 100;
  const figures = { totalCost: medical.totalCost, reimbursed: medical.reimbursed, outOfPocket };
  const pocketRule = single({
    id: 'outOfPocket',
    title: '医保报销后个人自付费用',
    passed: outOfPocket > 0,
    explanation:
      `总费用${formatYuan(medical.totalCost)} − 已报销${formatYuan(medical.reimbursed)} = 个人自付${formatYuan(outOfPocket)}` +
      (outOfPocket > 0 ? '；救助金额由县级民政按规定核定' : '；无个人自付费用'),
    figures,
    source: SOURCE,
  });
  return combine(pocketRule, targetOrBurdenRule(input, outOfPocket));
}

/**
 * 低保/特困/边缘 members are the aid's target groups. Outside them, out-of-pocket cost above the
 * county's 因病致贫 line (illnessPovertyThreshold) marks a heavy burden (因病致贫重病患者); the
 * county's own rule decides.
 */
function targetOrBurdenRule(input: EligibilityInput, outOfPocket: number): RuleOutcome {
  const title = '属于救助对象，或个人自付负担较重';
  const flag = input.application.isDibaoOrTekunOrEdge;
  if (flag === true) {
    return single({
      id: 'medicalTarget',
      title,
      passed: true,
      explanation: '属于低保、特困或低保边缘对象，为医疗救助对象',
      figures: { outOfPocket },
      source: SOURCE,
    });
  }
  const threshold = policyFigure(input.policy, 'illnessPovertyThreshold');
  const source = withPolicySource(SOURCE, threshold);
  if (!threshold.ok) {
    const missing = flag === undefined ? [threshold.missing, '是否已为低保、特困或低保边缘对象'] : [threshold.missing];
    return single(
      { id: 'medicalTarget', title, passed: null, explanation: `缺少${missing.join('、')}，无法判断`, figures: { outOfPocket }, source },
      missing,
    );
  }
  const line = threshold.value;
  const heavy = toFen(outOfPocket) > toFen(line);
  const figures = { outOfPocket, illnessPovertyThreshold: line };
  if (heavy) {
    return single(withFigures({
      id: 'medicalTarget',
      title,
      passed: true,
      explanation: `个人自付${formatYuan(outOfPocket)}，超过因病致贫认定线${formatYuan(line)}，可按因病致贫重病患者申请`,
      figures,
      source,
    }, threshold));
  }
  return single(
    withFigures({
      id: 'medicalTarget',
      title,
      passed: flag === undefined ? null : false,
      explanation:
        `个人自付${formatYuan(outOfPocket)}，未超过因病致贫认定线${formatYuan(line)}` +
        (flag === undefined ? '；尚未确认是否为低保、特困或低保边缘对象' : '，且不是低保、特困或低保边缘对象；可了解临时救助'),
      figures,
      source,
    }, threshold),
    flag === undefined ? ['是否已为低保、特困或低保边缘对象'] : [],
  );
}
