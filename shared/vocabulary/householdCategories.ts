import type { Word } from './term';

/** Target groups of the 4+N system: the four core groups and the N others. */
export const householdCategories = [
  'tekun',
  'dibao',
  'dibaoEdge',
  'rigidExpenditure',
  'elderly',
  'disabled',
  'minor',
  'otherLowIncome',
] as const;
export type HouseholdCategory = (typeof householdCategories)[number];

/** 困难群体类别: the groups' names (domain.md), on screens, the dashboard and exports. */
export const householdCategoryTerms = {
  tekun: { zh: '特困人员', en: 'Extreme poverty (tekun)' },
  dibao: { zh: '低保对象', en: 'Minimum living allowance (dibao)' },
  dibaoEdge: { zh: '低保边缘', en: 'Dibao edge' },
  rigidExpenditure: { zh: '刚性支出困难', en: 'Essential-expenditure hardship' },
  elderly: { zh: '老年人', en: 'Elderly' },
  disabled: { zh: '残疾人', en: 'Disabled' },
  minor: { zh: '未成年人', en: 'Minor' },
  otherLowIncome: { zh: '其他低收入', en: 'Other low income' },
} as const satisfies Record<HouseholdCategory, Word>;

/** 圈层: core 特困/低保, middle 边缘/支出型, outer the rest (shared/schemas/household.ts `circleOf`). */
export const householdCircles = ['core', 'middle', 'outer'] as const;
export type Circle = (typeof householdCircles)[number];

/** The circles' names; `none` is a household with no group recorded (the dashboard counts it too). */
export const householdCircleTerms = {
  core: { zh: '核心圈层', en: 'Core circle' },
  middle: { zh: '中间圈层', en: 'Middle circle' },
  outer: { zh: '外围圈层', en: 'Outer circle' },
  none: { zh: '未选择类别', en: 'No group chosen' },
} as const satisfies Record<Circle | 'none', Word>;
