import type { Word } from './term';

/**
 * The paths an application can run (shared/rules/programmes/): one per programme, with 临时救助
 * split into its 急难 and 支出型 kinds, and the B1 path for programmes without one of their own.
 */
export const programmePathKeys = [
  'dibao',
  'tekun',
  'medicalAid',
  'temporaryAidEmergency',
  'temporaryAidExpenditure',
  'dibaoEdge',
  'rigidExpenditure',
  'otherAid',
] as const;
export type ProgrammePathKey = (typeof programmePathKeys)[number];

/** The two kinds of 临时救助: help first and complete the file after (急难), or the normal path (支出型). */
export const temporaryAidKinds = ['emergency', 'expenditure'] as const;
export type TemporaryAidKind = (typeof temporaryAidKinds)[number];

export const temporaryAidKindTerms = {
  emergency: { zh: '急难型临时救助', en: 'Emergency temporary aid', short: { zh: '急难型', en: 'Emergency' } },
  expenditure: { zh: '支出型临时救助', en: 'Expenditure temporary aid', short: { zh: '支出型', en: 'Expenditure' } },
} as const satisfies Record<TemporaryAidKind, Word>;

/** How the county's approval is expressed: a monthly amount, a sum paid once, or a recognition valid until a day. */
export const decisionForms = ['monthlyAmount', 'oneOffAmount', 'recognition'] as const;
export type DecisionForm = (typeof decisionForms)[number];

export const decisionFormTerms = {
  monthlyAmount: { zh: '按月发放救助金', en: 'Monthly payment' },
  oneOffAmount: { zh: '一次性救助金', en: 'One-off payment' },
  recognition: { zh: '身份认定（不发放救助金）', en: 'Recognition (no payment)' },
} as const satisfies Record<DecisionForm, Word>;

/** 医疗救助's groups, each with its own ratio, deductible and yearly cap; 因病致贫 when the out-of-pocket cost is heavy. */
export const medicalAidGroups = ['tekun', 'dibao', 'dibaoEdge', 'illnessPoverty'] as const;
export type MedicalAidGroup = (typeof medicalAidGroups)[number];

export const medicalAidGroupTerms = {
  tekun: { zh: '特困人员救助对象', en: 'Tekun member' },
  dibao: { zh: '低保救助对象', en: 'Dibao member' },
  dibaoEdge: { zh: '低保边缘救助对象', en: 'Dibao-edge member' },
  illnessPoverty: { zh: '因病致贫重病患者', en: 'Impoverished by illness' },
} as const satisfies Record<MedicalAidGroup, Word>;
