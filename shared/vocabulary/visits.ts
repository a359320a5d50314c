import type { Word } from './term';

/** 走访类型: routine 日常走访, screening 排查, investigation 入户调查, followUp 回访, emergency 急难. */
export const visitTypes = ['routine', 'screening', 'investigation', 'followUp', 'emergency'] as const;
export type VisitType = (typeof visitTypes)[number];

export const visitTypeTerms = {
  routine: { zh: '日常走访', en: 'Routine visit' },
  screening: { zh: '排查', en: 'Screening' },
  investigation: { zh: '入户调查', en: 'Household investigation' },
  followUp: { zh: '回访', en: 'Follow-up' },
  emergency: { zh: '急难走访', en: 'Emergency visit' },
} as const satisfies Record<VisitType, Word>;

/** 发现的需求 (needs found at the visit), the categories of care needs too. */
export const needCategories = [
  'material',
  'dailyCare',
  'socialSupport',
  'psychological',
  'medical',
  'employment',
  'education',
] as const;
export type NeedCategory = (typeof needCategories)[number];

export const needCategoryTerms = {
  material: { zh: '物质帮扶', en: 'Material help' },
  dailyCare: { zh: '生活照料', en: 'Daily care' },
  socialSupport: { zh: '社会支持', en: 'Social support' },
  psychological: { zh: '心理支持', en: 'Psychological support' },
  medical: { zh: '医疗', en: 'Medical' },
  employment: { zh: '就业', en: 'Employment' },
  education: { zh: '教育', en: 'Education' },
} as const satisfies Record<NeedCategory, Word>;
