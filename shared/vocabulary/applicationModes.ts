import type { Word } from './term';

/** 依申请 (the household applies) or 主动发现 (found by the assistant). */
export const applicationModes = ['onApplication', 'proactive'] as const;
export type ApplicationMode = (typeof applicationModes)[number];

export const applicationModeTerms = {
  onApplication: { zh: '依申请', en: 'On application' },
  proactive: { zh: '主动发现', en: 'Found proactively' },
} as const satisfies Record<ApplicationMode, Word>;

/** Who helped: 导办 guided, 帮办 helped, 代办 delegated. */
export const applicationAssistance = ['none', 'guided', 'helped', 'delegated'] as const;
export type ApplicationAssistance = (typeof applicationAssistance)[number];

/** On screens the form's answer to 代办情况; the short form in a printed or exported cell (办理方式). */
export const applicationAssistanceTerms = {
  none: { zh: '无（本人申请）', en: 'None (applied in person)', short: { zh: '本人申请', en: 'In person' } },
  guided: { zh: '导办', en: 'Guided' },
  helped: { zh: '帮办', en: 'Helped' },
  delegated: { zh: '代办', en: 'Delegated' },
} as const satisfies Record<ApplicationAssistance, Word>;
