/**
 * 医疗救助's one-off sum (国办发〔2021〕42号): the eligible out-of-pocket cost (total cost minus
 * what insurance reimbursed) above the group's deductible (起付线), times the group's ratio, up to
 * what is left of the group's yearly cap once this year's earlier grants are counted. The county
 * decides; the app shows this as a suggestion with its working. Figures are plain parameters:
 * the caller takes them from the policy period in force on the application's date.
 */
import type { HouseholdCategory } from '../../vocabulary/householdCategories';
import { medicalAidGroupTerms, type MedicalAidGroup } from '../../vocabulary/programmePaths';
import { formatYuan, toFen } from '../eligibility/income';

/** One group's figures. */
export interface MedicalAidFigures {
  /** Share of the eligible cost paid (0.7 = 70%). */
  ratio: number;
  /** 起付线 (元): nothing is paid on the cost below it. */
  deductible: number;
  /** 年度救助限额 (元) per person. */
  yearlyCap: number;
}

export interface MedicalAidCost {
  totalCost: number;
  reimbursed: number;
  /** What this person has already been granted this year by other 医疗救助 applications (元). */
  grantedThisYear: number;
}

export interface MedicalAidSum {
  outOfPocket: number;
  /** The cost above the deductible. */
  aboveDeductible: number;
  /** Above the deductible × ratio, before the cap. */
  byRatio: number;
  /** What is left of the yearly cap. */
  capLeft: number;
  /** The suggested sum. */
  amount: number;
  /** The computation in words, for the approve form. */
  working: string;
}

const yuan = (fen: number): number => fen / 100;

export function medicalAidSum(cost: MedicalAidCost, figures: MedicalAidFigures): MedicalAidSum {
  const outOfPocket = Math.max(0, toFen(cost.totalCost) - toFen(cost.reimbursed));
  const aboveDeductible = Math.max(0, outOfPocket - toFen(figures.deductible));
  const byRatio = Math.round(aboveDeductible * figures.ratio);
  const capLeft = Math.max(0, toFen(figures.yearlyCap) - toFen(cost.grantedThisYear));
  const amount = Math.min(byRatio, capLeft);
  const capped = byRatio > capLeft;
  const working =
    `个人自付${formatYuan(yuan(outOfPocket))}（总费用${formatYuan(cost.totalCost)} − 已报销${formatYuan(cost.reimbursed)}）` +
    `，超过起付线${formatYuan(figures.deductible)}的部分${formatYuan(yuan(aboveDeductible))}` +
    ` × 救助比例${Math.round(figures.ratio * 1000) / 10}% = ${formatYuan(yuan(byRatio))}` +
    `；年度限额${formatYuan(figures.yearlyCap)}，本年已救助${formatYuan(cost.grantedThisYear)}，尚余${formatYuan(yuan(capLeft))}` +
    (capped ? `，按尚余额度核定${formatYuan(yuan(amount))}` : `，建议核定${formatYuan(yuan(amount))}`);
  return {
    outOfPocket: yuan(outOfPocket),
    aboveDeductible: yuan(aboveDeductible),
    byRatio: yuan(byRatio),
    capLeft: yuan(capLeft),
    amount: yuan(amount),
    working,
  };
}

/**
 * The group whose figures apply: the household's own group if it is 特困, 低保 or 边缘 (the most
 * protected first), otherwise 因病致贫 when the out-of-pocket cost reaches the county's threshold;
 * null when the person is in none of them (or the threshold is not set).
 */
export function medicalAidGroupOf(
  categories: readonly (HouseholdCategory | string)[],
  outOfPocket: number,
  illnessPovertyThreshold: number | null,
): MedicalAidGroup | null {
  for (const group of ['tekun', 'dibao', 'dibaoEdge'] as const) if (categories.includes(group)) return group;
  if (illnessPovertyThreshold !== null && toFen(outOfPocket) >= toFen(illnessPovertyThreshold)) return 'illnessPoverty';
  return null;
}

/** The group's name, as the working names it. */
export const medicalAidGroupLabel = (group: MedicalAidGroup): string => medicalAidGroupTerms[group].zh;

/**
 * What a person has been granted by 医疗救助 in a year: the one-off sums of their other approved
 * medical-aid applications (by the applicant, approved in that year), which count against the cap.
 */
export function medicalAidGrantedInYear(
  applications: readonly {
    id: string;
    type: string;
    status: string;
    applicantMemberId: string;
    decision?: { oneOffAmount?: number | undefined } | undefined;
    history: readonly { action: string; at: number }[];
  }[],
  person: { applicationId: string; memberId: string; year: number },
  yearOf: (at: number) => number,
): number {
  let fen = 0;
  for (const application of applications) {
    if (application.id === person.applicationId || application.type !== 'medicalAid' || application.status !== 'approved') continue;
    if (application.applicantMemberId !== person.memberId) continue;
    const approval = application.history.findLast((entry) => entry.action === 'approve');
    if (approval === undefined || yearOf(approval.at) !== person.year) continue;
    fen += toFen(application.decision?.oneOffAmount ?? 0);
  }
  return fen / 100;
}
