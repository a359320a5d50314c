/** Input and output of the eligibility preview (shared/rules/eligibility.ts). */
import type { IncomeTreatment } from '../../vocabulary/income';
import type { DisabilityCategory, LabourAbility } from '../../vocabulary/members';
import type { PolicyFigureName } from '../../schemas/reference';
import type { SelfCareLevel } from '../../vocabulary/caseLife';
import type { IsoDate } from '../dates';
import type { FigureInForce } from '../policyInForce';

export type { DisabilityCategory, IncomeTreatment };
export type DisabilityGrade = 1 | 2 | 3 | 4;

export interface EligibilityMember {
  id: string;
  birthDate: IsoDate;
  /** As on the 残疾人证. */
  disability?: { category: DisabilityCategory; grade: DisabilityGrade };
  /** A serious illness recognised locally (重特大疾病). */
  seriousIllness?: boolean;
  labourAbility?: LabourAbility;
  /** 特困: has a legal supporter (赡养/抚养/扶养义务人) able to support them. */
  hasLegalSupporterAbleToSupport?: boolean;
}

export interface EligibilityIncomeItem {
  /** Absent for income of the household as a whole. */
  memberId?: string;
  kind: string;
  monthlyAmount: number;
  /** counted 计入; notCounted 不计入 (优抚, awards, assistance…); deductible 可扣减 (disability/illness costs). */
  treatment: IncomeTreatment;
}

export interface EligibilityApplication {
  /** 'dibao' | 'tekun' | 'dibaoEdge' | 'rigidExpenditure' | 'medicalAid' | 'temporaryAid' | … */
  type: string;
  /** Which of the local standards applies: 城市 or 农村 低保标准. */
  residence: 'urban' | 'rural';
  coveredMemberIds: string[];
  /** 单人户 (B1 art. 8): one member applies alone. */
  singlePersonUnit: boolean;
  incomeItems: EligibilityIncomeItem[];
  /** Outcome of the property check (财产状况, after 财产豁免); absent until checked. It wins over `propertyItems`. */
  propertyWithinLimits?: boolean;
  /** The property declared; checked against the county's asset limits where an item says what it is. */
  propertyItems?: { description: string; value?: number; exempt: boolean }[];
  /** 特困: whether a legal supporter (赡养/抚养/扶养义务人) is able to support the applicant(s). */
  legalSupporterAbleToSupport?: boolean;
  /** 特困: self-care level, which picks the care standard shown. */
  selfCare?: SelfCareLevel;
  /** 刚性支出 over the past 12 months, yuan. */
  essentialSpending12m?: {
    medicalAfterInsurance?: number;
    education?: number;
    rehabilitation?: number;
    basicLiving?: number;
  };
  /** 医疗救助: the treatment's total cost and what insurance reimbursed, yuan. */
  medical?: { totalCost: number; reimbursed: number };
  /** Whether the household already is 低保, 特困 or 低保边缘 (B3 excludes them; 医疗救助 targets them). */
  isDibaoOrTekunOrEdge?: boolean;
}

/**
 * The county's figures in force on the application's date (shared/rules/policyInForce.ts): a
 * figure absent here is 待配置 (not set) and any rule needing it answers "cannot tell"; a
 * `placeholder` figure is a shipped stand-in nobody confirmed, never used for a judgement either.
 */
export interface EligibilityPolicy {
  /** The county's name, for the messages. */
  county: string;
  /** The date the figures are in force on (the application's date). */
  date: IsoDate;
  figures: Partial<Record<PolicyFigureName, FigureInForce>>;
}

/** A figure a rule used, named with its value, its period and its source. */
export interface UsedFigure {
  name: PolicyFigureName;
  value: number;
  validFrom: IsoDate;
  validTo?: IsoDate;
  source: string;
  /** Set by the city, for a county that left the figure 待配置. */
  cityWide: boolean;
  example: boolean;
}

export interface EligibilityInput {
  members: EligibilityMember[];
  application: EligibilityApplication;
  policy: EligibilityPolicy;
}

export type EligibilityResult = 'likelyEligible' | 'likelyNotEligible' | 'cannotTell';

export interface EligibilityRule {
  /** Which rule (the same id may appear once per member for per-person rules). */
  id: string;
  title: string;
  /** null: cannot tell (a figure or a fact is missing). */
  passed: boolean | null;
  explanation: string;
  figures: Record<string, number | string>;
  source: string;
  /** The county's figures the rule used. */
  policyFigures?: UsedFigure[];
  /** Shown for reference, not a condition (`passed` is then null): it never sways the result. */
  forReference?: true;
}

export interface EligibilityPreview {
  result: EligibilityResult;
  headline: string;
  /** What to fill in or configure before the preview can say more. */
  missing: string[];
  rules: EligibilityRule[];
}

/** What each program's checks hand back to the aggregator. */
export interface RuleOutcome {
  rules: EligibilityRule[];
  missing: string[];
}
