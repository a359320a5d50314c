import type { Word } from './term';

/** 与户主关系 — relation of a member to the head of the household (户主). */
export const memberRelations = [
  'head',
  'spouse',
  'child',
  'parent',
  'grandchild',
  'grandparent',
  'sibling',
  'childInLaw',
  'other',
] as const;
export type MemberRelation = (typeof memberRelations)[number];

/** A member's relation; the short form where a column names the head (户主: 王秀兰). */
export const memberRelationTerms = {
  head: { zh: '户主', en: 'Head of household', short: { en: 'Head' } },
  spouse: { zh: '配偶', en: 'Spouse' },
  child: { zh: '子女', en: 'Child' },
  parent: { zh: '父母', en: 'Parent' },
  grandchild: { zh: '孙子女', en: 'Grandchild' },
  grandparent: { zh: '祖父母', en: 'Grandparent' },
  sibling: { zh: '兄弟姐妹', en: 'Sibling' },
  childInLaw: { zh: '儿媳/女婿', en: 'Child-in-law' },
  other: { zh: '其他', en: 'Other' },
} as const satisfies Record<MemberRelation, Word>;

/** A member's sex, as the ID number gives it. */
export const sexes = ['male', 'female'] as const;
export type Sex = (typeof sexes)[number];

export const sexTerms = {
  male: { zh: '男', en: 'Male' },
  female: { zh: '女', en: 'Female' },
} as const satisfies Record<Sex, Word>;

/** 残疾类别 as on the disability certificate (残疾人证). */
export const disabilityCategories = ['physical', 'visual', 'hearing', 'speech', 'intellectual', 'mental', 'multiple'] as const;
export type DisabilityCategory = (typeof disabilityCategories)[number];

export const disabilityCategoryTerms = {
  physical: { zh: '肢体残疾', en: 'Physical' },
  visual: { zh: '视力残疾', en: 'Visual' },
  hearing: { zh: '听力残疾', en: 'Hearing' },
  speech: { zh: '言语残疾', en: 'Speech' },
  intellectual: { zh: '智力残疾', en: 'Intellectual' },
  mental: { zh: '精神残疾', en: 'Mental' },
  multiple: { zh: '多重残疾', en: 'Multiple' },
} as const satisfies Record<DisabilityCategory, Word>;

/** 劳动能力: full 有劳动能力, partial 部分丧失, none 完全丧失. */
export const labourAbilities = ['full', 'partial', 'none'] as const;
export type LabourAbility = (typeof labourAbilities)[number];

export const labourAbilityTerms = {
  full: { zh: '有劳动能力', en: 'Able to work' },
  partial: { zh: '部分丧失劳动能力', en: 'Partly unable to work' },
  none: { zh: '完全丧失劳动能力', en: 'Unable to work' },
} as const satisfies Record<LabourAbility, Word>;
