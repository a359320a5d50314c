/**
 * The vocabulary: every coded word of the domain, once, in Chinese and English (./term.ts says
 * how). Schemas, rules, exports, the server's messages and the app's i18n resources all take their
 * words from here; `vocabulary` lists each kind with its codes, for the check that every code has
 * both words (tests/shared/vocabulary.test.ts).
 */
import { applicationActions, applicationActionTerms } from './applicationActions';
import { applicationAssistance, applicationAssistanceTerms, applicationModes, applicationModeTerms } from './applicationModes';
import { applicationStatuses, applicationStatusTerms } from './applicationStatuses';
import { applicationTypes, applicationTypeTerms } from './applicationTypes';
import { attachmentKinds, attachmentKindTerms } from './attachmentKinds';
import {
  careNeedStates,
  careNeedStateTerms,
  careSeverities,
  careSeverityTerms,
  referralKinds,
  referralKindTerms,
  referralStates,
  referralStateTerms,
} from './careNeeds';
import {
  benefitChangeKinds,
  benefitChangeKindTerms,
  benefitStates,
  benefitStateTerms,
  preliminaryOutcomes,
  preliminaryOutcomeTerms,
  reviewOutcomes,
  reviewOutcomeTerms,
  selfCareLevels,
  selfCareLevelTerms,
  verificationResults,
  verificationResultTerms,
} from './caseLife';
import { deadlineKeys, deadlineKeyTerms, deadlineStates, deadlineStateTerms } from './deadlines';
import { decisionMethods, decisionMethodTerms } from './decisionMethods';
import { documentKinds, documentKindTerms, documentStates, documentStateTerms } from './documentKinds';
import { householdCategories, householdCategoryTerms, householdCircles, householdCircleTerms } from './householdCategories';
import { incomeKinds, incomeKindTerms, incomeTreatments, incomeTreatmentTerms } from './income';
import {
  disabilityCategories,
  disabilityCategoryTerms,
  labourAbilities,
  labourAbilityTerms,
  memberRelations,
  memberRelationTerms,
  sexes,
  sexTerms,
} from './members';
import { policyFigureCodes, policyFigureGroups, policyFigureGroupTerms, policyFigureTerms } from './policyFigures';
import { residences, residenceTerms } from './residences';
import { decisionForms, decisionFormTerms, medicalAidGroups, medicalAidGroupTerms, temporaryAidKinds, temporaryAidKindTerms } from './programmePaths';
import { roles, roleTerms } from './roles';
import type { Word } from './term';
import { needCategories, needCategoryTerms, visitTypes, visitTypeTerms } from './visits';

export * from './applicationActions';
export * from './applicationModes';
export * from './applicationStatuses';
export * from './applicationTypes';
export * from './attachmentKinds';
export * from './careNeeds';
export * from './caseLife';
export * from './deadlines';
export * from './decisionMethods';
export * from './documentKinds';
export * from './householdCategories';
export * from './income';
export * from './members';
export * from './policyFigures';
export * from './residences';
export * from './programmePaths';
export * from './roles';
export * from './term';
export * from './visits';

export interface VocabularyKind {
  /** Every code of the kind, in the order lists show them. */
  readonly codes: readonly string[];
  /** One word per code. */
  readonly terms: Readonly<Record<string, Word>>;
}

/** Every kind of word, by the name of its codes. */
export const vocabulary = {
  roles: { codes: roles, terms: roleTerms },
  applicationTypes: { codes: applicationTypes, terms: applicationTypeTerms },
  applicationModes: { codes: applicationModes, terms: applicationModeTerms },
  applicationAssistance: { codes: applicationAssistance, terms: applicationAssistanceTerms },
  applicationStatuses: { codes: applicationStatuses, terms: applicationStatusTerms },
  applicationActions: { codes: applicationActions, terms: applicationActionTerms },
  decisionMethods: { codes: decisionMethods, terms: decisionMethodTerms },
  documentKinds: { codes: documentKinds, terms: documentKindTerms },
  documentStates: { codes: documentStates, terms: documentStateTerms },
  deadlineKeys: { codes: deadlineKeys, terms: deadlineKeyTerms },
  deadlineStates: { codes: deadlineStates, terms: deadlineStateTerms },
  incomeKinds: { codes: incomeKinds, terms: incomeKindTerms },
  incomeTreatments: { codes: incomeTreatments, terms: incomeTreatmentTerms },
  householdCategories: { codes: householdCategories, terms: householdCategoryTerms },
  householdCircles: { codes: [...householdCircles, 'none'], terms: householdCircleTerms },
  memberRelations: { codes: memberRelations, terms: memberRelationTerms },
  sexes: { codes: sexes, terms: sexTerms },
  disabilityCategories: { codes: disabilityCategories, terms: disabilityCategoryTerms },
  labourAbilities: { codes: labourAbilities, terms: labourAbilityTerms },
  visitTypes: { codes: visitTypes, terms: visitTypeTerms },
  needCategories: { codes: needCategories, terms: needCategoryTerms },
  careSeverities: { codes: careSeverities, terms: careSeverityTerms },
  careNeedStates: { codes: careNeedStates, terms: careNeedStateTerms },
  referralKinds: { codes: referralKinds, terms: referralKindTerms },
  referralStates: { codes: referralStates, terms: referralStateTerms },
  attachmentKinds: { codes: attachmentKinds, terms: attachmentKindTerms },
  preliminaryOutcomes: { codes: preliminaryOutcomes, terms: preliminaryOutcomeTerms },
  verificationResults: { codes: verificationResults, terms: verificationResultTerms },
  selfCareLevels: { codes: selfCareLevels, terms: selfCareLevelTerms },
  benefitStates: { codes: benefitStates, terms: benefitStateTerms },
  benefitChangeKinds: { codes: benefitChangeKinds, terms: benefitChangeKindTerms },
  reviewOutcomes: { codes: reviewOutcomes, terms: reviewOutcomeTerms },
  policyFigures: { codes: policyFigureCodes, terms: policyFigureTerms },
  residences: { codes: residences, terms: residenceTerms },
  policyFigureGroups: { codes: policyFigureGroups, terms: policyFigureGroupTerms },
  temporaryAidKinds: { codes: temporaryAidKinds, terms: temporaryAidKindTerms },
  decisionForms: { codes: decisionForms, terms: decisionFormTerms },
  medicalAidGroups: { codes: medicalAidGroups, terms: medicalAidGroupTerms },
} as const satisfies Record<string, VocabularyKind>;
