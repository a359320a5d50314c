import type { Word } from './term';

/** Kinds of income an application declares (B1). */
export const incomeKinds = [
  'wages',
  'business',
  'property',
  'transfer',
  'pension',
  'specialCare', // 优抚
  'familyPlanningAward',
  'scholarship',
  'assistancePayment',
  'disabilityCost',
  'illnessCost',
  'other',
] as const;
export type IncomeKind = (typeof incomeKinds)[number];

export const incomeKindTerms = {
  wages: { zh: '工资性收入', en: 'Wages' },
  business: { zh: '经营净收入', en: 'Net business income' },
  property: { zh: '财产净收入', en: 'Net property income' },
  transfer: { zh: '转移净收入', en: 'Net transfer income' },
  pension: { zh: '基础养老金', en: 'Basic pension' },
  specialCare: { zh: '优抚金', en: 'Special-care payment' },
  familyPlanningAward: { zh: '计划生育奖励扶助金', en: 'Family-planning award' },
  scholarship: { zh: '奖学金、助学金', en: 'Scholarship or grant' },
  assistancePayment: { zh: '社会救助金', en: 'Social-assistance payment' },
  disabilityCost: { zh: '残疾必要支出', en: 'Essential disability costs' },
  illnessCost: { zh: '重病必要支出', en: 'Essential illness costs' },
  other: { zh: '其他收入', en: 'Other income' },
} as const satisfies Record<IncomeKind, Word>;

/** How B1 treats an income: counted, not counted, or deductible. */
export const incomeTreatments = ['counted', 'notCounted', 'deductible'] as const;
export type IncomeTreatment = (typeof incomeTreatments)[number];

export const incomeTreatmentTerms = {
  counted: { zh: '计入', en: 'Counted' },
  notCounted: { zh: '不计入', en: 'Not counted' },
  deductible: { zh: '扣减', en: 'Deducted' },
} as const satisfies Record<IncomeTreatment, Word>;
