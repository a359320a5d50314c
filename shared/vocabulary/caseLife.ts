import type { Word } from './term';

/** The township's 初审 opinion: the case goes on either way, or is closed with written reasons (B1 art. 16). */
export const preliminaryOutcomes = ['pass', 'negative'] as const;
export type PreliminaryOutcome = (typeof preliminaryOutcomes)[number];

export const preliminaryOutcomeTerms = {
  pass: { zh: '初审同意', en: 'Recommended' },
  negative: { zh: '初审不同意', en: 'Not recommended' },
} as const satisfies Record<PreliminaryOutcome, Word>;

/** 信息核对: what the county's check of hukou, tax, property, vehicles, bank… found against the declaration. */
export const verificationResults = ['consistent', 'inconsistent'] as const;
export type VerificationResult = (typeof verificationResults)[number];

export const verificationResultTerms = {
  consistent: { zh: '核对相符', en: 'Matches the declaration' },
  inconsistent: { zh: '核对不符', en: 'Does not match' },
} as const satisfies Record<VerificationResult, Word>;

/** 特困 self-care level, which sets the care standard (B2). */
export const selfCareLevels = ['full', 'partial', 'none'] as const;
export type SelfCareLevel = (typeof selfCareLevels)[number];

export const selfCareLevelTerms = {
  full: { zh: '全自理', en: 'Fully self-caring' },
  partial: { zh: '半失能', en: 'Partly dependent' },
  none: { zh: '全失能', en: 'Fully dependent' },
} as const satisfies Record<SelfCareLevel, Word>;

/** Where a monthly benefit stands after approval. */
export const benefitStates = ['active', 'phasingOut', 'stopped'] as const;
export type BenefitState = (typeof benefitStates)[number];

export const benefitStateTerms = {
  active: { zh: '正常发放', en: 'Being paid' },
  phasingOut: { zh: '渐退期', en: 'Phasing out' },
  stopped: { zh: '已停发', en: 'Stopped' },
} as const satisfies Record<BenefitState, Word>;

/** A change to a monthly benefit, from the month it takes effect. */
export const benefitChangeKinds = ['increase', 'decrease', 'phaseOut', 'stop'] as const;
export type BenefitChangeKind = (typeof benefitChangeKinds)[number];

export const benefitChangeKindTerms = {
  increase: { zh: '增发', en: 'Increase' },
  decrease: { zh: '减发', en: 'Decrease' },
  phaseOut: { zh: '进入渐退期', en: 'Start phase-out' },
  stop: { zh: '停发', en: 'Stop' },
} as const satisfies Record<BenefitChangeKind, Word>;

/** What a review (复核) found: it drives the next step. */
export const reviewOutcomes = ['continue', 'adjust', 'stop'] as const;
export type ReviewOutcome = (typeof reviewOutcomes)[number];

export const reviewOutcomeTerms = {
  continue: { zh: '继续保障', en: 'Continue' },
  adjust: { zh: '调整金额', en: 'Adjust the amount' },
  stop: { zh: '停止保障', en: 'Stop' },
} as const satisfies Record<ReviewOutcome, Word>;
