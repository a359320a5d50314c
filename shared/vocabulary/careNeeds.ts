import type { Word } from './term';

/** 紧急程度 of a care need. */
export const careSeverities = ['low', 'medium', 'high', 'urgent'] as const;
export type CareSeverity = (typeof careSeverities)[number];

export const careSeverityTerms = {
  low: { zh: '一般', en: 'Mild' },
  medium: { zh: '较重', en: 'Moderate' },
  high: { zh: '严重', en: 'Severe' },
  urgent: { zh: '紧急', en: 'Urgent' },
} as const satisfies Record<CareSeverity, Word>;

/** A care need is followed (跟进中) until the social worker closes it (已结束). */
export const careNeedStates = ['open', 'closed'] as const;
export type CareNeedState = (typeof careNeedStates)[number];

export const careNeedStateTerms = {
  open: { zh: '跟进中', en: 'Open' },
  closed: { zh: '已结束', en: 'Closed' },
} as const satisfies Record<CareNeedState, Word>;

/** 转介去向: charity funds, 工会 / 共青团 / 妇联, public-welfare posts (公益性岗位). */
export const referralKinds = ['charityFund', 'union', 'youthLeague', 'womensFederation', 'publicWelfarePost', 'other'] as const;
export type ReferralKind = (typeof referralKinds)[number];

export const referralKindTerms = {
  charityFund: { zh: '慈善基金', en: 'Charity fund' },
  union: { zh: '工会', en: 'Trade union' },
  youthLeague: { zh: '共青团', en: 'Youth League' },
  womensFederation: { zh: '妇联', en: 'Women’s Federation' },
  publicWelfarePost: { zh: '公益性岗位', en: 'Public-welfare post' },
  other: { zh: '其他', en: 'Other' },
} as const satisfies Record<ReferralKind, Word>;

/** How far a referral has got. */
export const referralStates = ['proposed', 'referred', 'accepted', 'declined', 'completed'] as const;
export type ReferralState = (typeof referralStates)[number];

export const referralStateTerms = {
  proposed: { zh: '拟转介', en: 'Proposed' },
  referred: { zh: '已转介', en: 'Referred' },
  accepted: { zh: '已接收', en: 'Accepted' },
  declined: { zh: '未接收', en: 'Declined' },
  completed: { zh: '已完成', en: 'Completed' },
} as const satisfies Record<ReferralState, Word>;
