/** Facts about one person that several rules ask: age, disability, ability to work. */
import { ageOn, type IsoDate } from '../dates';
import { disabilityCategoryTerms } from '../../vocabulary/members';
import type { EligibilityMember } from './types';

const gradeNames = ['', '一级', '二级', '三级', '四级'] as const;

export function disabilityText(member: EligibilityMember): string {
  const d = member.disability;
  return d ? `${gradeNames[d.grade]}${disabilityCategoryTerms[d.category].zh}` : '无残疾人证';
}

export interface PersonCheck {
  passed: boolean | null;
  explanation: string;
  figures: Record<string, number | string>;
}

/**
 * 单人户 (B1 art. 8): a grade 1–2 disability certificate (any category), a grade 3 intellectual or
 * mental disability, or a locally recognised serious illness.
 */
export function singlePersonQualifies(member: EligibilityMember): PersonCheck {
  const d = member.disability;
  const reasons: string[] = [];
  if (d && d.grade <= 2) reasons.push(`持${disabilityText(member)}人证（一、二级重度残疾）`);
  if (d && d.grade === 3 && (d.category === 'intellectual' || d.category === 'mental')) {
    reasons.push(`持${disabilityText(member)}人证`);
  }
  if (member.seriousIllness) reasons.push('患有当地认定的重特大疾病');
  const figures = { memberId: member.id, disability: disabilityText(member) };
  if (reasons.length > 0) return { passed: true, explanation: `可单独提出申请：${reasons.join('；')}`, figures };
  return {
    passed: false,
    explanation: `${disabilityText(member)}，且未登记重特大疾病：单人户仅限一、二级残疾，三级智力、精神残疾，或重特大疾病患者`,
    figures,
  };
}

/**
 * 无劳动能力 (B2): 60 or older, under 16, grade 1–3 intellectual or mental disability, grade 1–2
 * physical, grade 1 visual. Age is reckoned on `today`: on the 60th birthday the person counts,
 * on the 16th birthday no longer. Other cases (多重残疾, a worker's "none") the province decides:
 * the preview says so instead of guessing.
 */
export function unableToWork(member: EligibilityMember, today: IsoDate): PersonCheck {
  const age = ageOn(member.birthDate, today);
  const d = member.disability;
  const figures = { memberId: member.id, age, disability: disabilityText(member) };
  const reasons: string[] = [];
  if (age >= 60) reasons.push(`年满60周岁（${age}岁）`);
  if (age < 16) reasons.push(`未满16周岁（${age}岁）`);
  if (d) {
    const listed =
      ((d.category === 'intellectual' || d.category === 'mental') && d.grade <= 3) ||
      (d.category === 'physical' && d.grade <= 2) ||
      (d.category === 'visual' && d.grade === 1);
    if (listed) reasons.push(disabilityText(member));
  }
  if (reasons.length > 0) return { passed: true, explanation: `视为无劳动能力：${reasons.join('；')}`, figures };
  if (d?.category === 'multiple' || member.labourAbility === 'none') {
    return {
      passed: null,
      explanation: `${age}岁，${disabilityText(member)}：不在B2列明的情形内，是否视为无劳动能力按省级规定人工核实`,
      figures,
    };
  }
  return { passed: false, explanation: `${age}岁，${disabilityText(member)}：不属于无劳动能力情形`, figures };
}
