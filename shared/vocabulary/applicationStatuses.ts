import type { Word } from './term';

/** Where an application stands on the B1 path (shared/rules/applicationStatus.ts moves it). */
export const applicationStatuses = [
  'draft', // 草稿
  'submitted', // 已申请
  'returned', // 退回补正
  'accepted', // 已受理
  'investigating', // 调查中
  'preliminaryReviewed', // 已初审 (the opinion may be negative)
  'publicNotice', // 公示中
  'pendingConfirmation', // 待县审核确认
  'approved', // 已批准
  'refused', // 不予批准
  'withdrawn', // 已撤回
] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export const applicationStatusTerms = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已申请', en: 'Submitted' },
  returned: { zh: '退回补正', en: 'Returned for documents' },
  accepted: { zh: '已受理', en: 'Accepted' },
  investigating: { zh: '调查中', en: 'Under investigation' },
  preliminaryReviewed: { zh: '已初审', en: 'Preliminary review given' },
  publicNotice: { zh: '公示中', en: 'Public notice' },
  pendingConfirmation: { zh: '待县审核确认', en: 'Awaiting county confirmation' },
  approved: { zh: '已批准', en: 'Approved' },
  refused: { zh: '不予批准', en: 'Refused' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
} as const satisfies Record<ApplicationStatus, Word>;
