import type { Word } from './term';

/** The statutory deadlines of an application (shared/rules/deadlines.ts computes them). */
export const deadlineKeys = ['startInvestigation', 'publicNoticeEnds', 'countyDecision', 'wholePath'] as const;
export type DeadlineKey = (typeof deadlineKeys)[number];

/** Each deadline's name; shared/rules/deadlines.ts adds the statute's period (受理后3个工作日内). */
export const deadlineKeyTerms = {
  startInvestigation: { zh: '启动家庭经济状况调查', en: 'Start the means investigation' },
  publicNoticeEnds: { zh: '公示期满', en: 'Public notice ends' },
  countyDecision: { zh: '县级审核确认', en: 'County decision' },
  wholePath: { zh: '审核确认办结', en: 'Decision on the whole application' },
} as const satisfies Record<DeadlineKey, Word>;

/** Where a deadline stands today. */
export const deadlineStates = ['done', 'ok', 'near', 'overdue'] as const;
export type DeadlineState = (typeof deadlineStates)[number];

export const deadlineStateTerms = {
  done: { zh: '已完成', en: 'Done' },
  ok: { zh: '未到期', en: 'On time' },
  near: { zh: '快到期', en: 'Due soon' },
  overdue: { zh: '已超期', en: 'Overdue' },
} as const satisfies Record<DeadlineState, Word>;
