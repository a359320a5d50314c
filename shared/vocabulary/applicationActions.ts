import type { Term, VocabularyLanguage, Word } from './term';

/** The steps of the status machine (shared/rules/applicationStatus.ts), one per move. */
export const applicationActions = [
  'submit',
  'accept',
  'return',
  'startInvestigation',
  'preliminaryReview',
  'startPublicNotice',
  'objection',
  'sendToCounty',
  'approve',
  'refuse',
  'withdraw',
] as const;
export type ApplicationAction = (typeof applicationActions)[number];

/** A step's name, and where the button that takes it says more (开始入户调查, 审核确认（批准）), the button's words. */
export interface ActionWord extends Word {
  readonly button?: Partial<Term>;
}

/**
 * Each step as the history, the printed 申请情况表 and the server's refusals name it
 * (申请处于“已受理”状态，不能执行“开始调查”), and the county's queue (审核确认); with its button's
 * words (in English the step is a noun, its button a verb).
 */
export const applicationActionTerms = {
  submit: { zh: '提交申请', en: 'Submission', button: { en: 'Submit' } },
  accept: { zh: '受理', en: 'Acceptance', button: { en: 'Accept' } },
  return: { zh: '退回补正', en: 'Return for documents' },
  startInvestigation: { zh: '开始调查', en: 'Start of investigation', button: { zh: '开始入户调查', en: 'Start home investigation' } },
  preliminaryReview: { zh: '初审', en: 'Preliminary review' },
  startPublicNotice: { zh: '开始公示', en: 'Start of public notice', button: { en: 'Start public notice' } },
  objection: { zh: '公示异议', en: 'Objection to notice', button: { zh: '公示有异议' } },
  sendToCounty: { zh: '公示期满报县', en: 'Sent to county', button: { en: 'Send to county' } },
  approve: { zh: '审核确认', en: 'Confirmation', button: { zh: '审核确认（批准）', en: 'Confirm (approve)' } },
  refuse: { zh: '不予批准', en: 'Refusal', button: { en: 'Refuse' } },
  withdraw: { zh: '撤回', en: 'Withdrawal', button: { zh: '撤回申请', en: 'Withdraw' } },
} as const satisfies Record<ApplicationAction, ActionWord>;

/** The words on the button that takes a step (the step's name where the button says no more). */
export function buttonLabelsIn(lang: VocabularyLanguage): Record<ApplicationAction, string> {
  return Object.fromEntries(
    applicationActions.map((action) => {
      const word: ActionWord = applicationActionTerms[action];
      return [action, word.button?.[lang] ?? word[lang]];
    }),
  ) as Record<ApplicationAction, string>;
}
