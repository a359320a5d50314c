import type { Word } from './term';

/** 救助类型: the programs an application can be for. */
export const applicationTypes = [
  'dibao', // 低保
  'tekun', // 特困
  'dibaoEdge', // 低保边缘
  'rigidExpenditure', // 刚性支出困难
  'medicalAid', // 医疗救助
  'temporaryAid', // 临时救助
  'educationAid', // 教育救助
  'housingAid', // 住房救助
  'employmentAid', // 就业救助
  'charity', // 慈善帮扶
] as const;
export type ApplicationType = (typeof applicationTypes)[number];

/**
 * Each program's name as lists, forms, prints and exports give it; the short form where a line
 * names it beside something else (今日: 残疾证 · 特困供养申请).
 */
export const applicationTypeTerms = {
  dibao: { zh: '低保', en: 'Minimum living allowance (dibao)', short: { en: 'Dibao' } },
  tekun: { zh: '特困人员救助供养', en: 'Support for people in extreme poverty (tekun)', short: { zh: '特困供养', en: 'Tekun support' } },
  dibaoEdge: { zh: '低保边缘', en: 'Dibao edge' },
  rigidExpenditure: { zh: '刚性支出困难', en: 'Essential-expenditure hardship', short: { en: 'Expenditure hardship' } },
  medicalAid: { zh: '医疗救助', en: 'Medical aid' },
  temporaryAid: { zh: '临时救助', en: 'Temporary aid' },
  educationAid: { zh: '教育救助', en: 'Education aid' },
  housingAid: { zh: '住房救助', en: 'Housing aid' },
  employmentAid: { zh: '就业救助', en: 'Employment aid' },
  charity: { zh: '慈善帮扶', en: 'Charity support' },
} as const satisfies Record<ApplicationType, Word>;
