import type { Word } from './term';

/** How the county set the monthly amount (审核确认): the gap to the standard (差额) or by bands. */
export const decisionMethods = ['gap', 'band'] as const;
export type DecisionMethod = (typeof decisionMethods)[number];

export const decisionMethodTerms = {
  gap: { zh: '差额（补足到低保标准）', en: 'Gap (up to the standard)' },
  band: { zh: '分档', en: 'By band' },
} as const satisfies Record<DecisionMethod, Word>;
