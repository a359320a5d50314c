/**
 * The Chinese words of the exported sheets and printed forms, taken from the vocabulary
 * (shared/vocabulary/). An export is an official record (台账) handed to Chinese offices, so it is
 * written in Chinese whatever the UI language; `Record<…>` keys make a new code a compile error
 * in the vocabulary until it has its words.
 */
import { applicationActionTerms } from '../vocabulary/applicationActions';
import { applicationAssistanceTerms, applicationModeTerms } from '../vocabulary/applicationModes';
import { applicationStatusTerms } from '../vocabulary/applicationStatuses';
import { applicationTypeTerms } from '../vocabulary/applicationTypes';
import { careNeedStateTerms, careSeverityTerms } from '../vocabulary/careNeeds';
import { deadlineStateTerms } from '../vocabulary/deadlines';
import { documentKindTerms, documentStateTerms } from '../vocabulary/documentKinds';
import { householdCategoryTerms } from '../vocabulary/householdCategories';
import { disabilityCategoryTerms, labourAbilityTerms, memberRelationTerms, sexTerms } from '../vocabulary/members';
import { roleTerms } from '../vocabulary/roles';
import { labelsIn, shortLabelsIn } from '../vocabulary/term';
import { needCategoryTerms, visitTypeTerms } from '../vocabulary/visits';

export const statusWords = labelsIn(applicationStatusTerms, 'zh');
/** A step as the printed history names it (办理事项). */
export const actionWords = labelsIn(applicationActionTerms, 'zh');
/** A person's role after their name on a printed form: the official term (村级民政协理员). */
export const roleWords = labelsIn(roleTerms, 'zh');
export const applicationTypeWords = labelsIn(applicationTypeTerms, 'zh');
export const applicationModeWords = labelsIn(applicationModeTerms, 'zh');
/** 办理方式 in a cell: 本人申请, 导办, 帮办, 代办. */
export const assistanceWords = shortLabelsIn(applicationAssistanceTerms, 'zh');
export const documentWords = labelsIn(documentKindTerms, 'zh');
export const documentStateWords = labelsIn(documentStateTerms, 'zh');
export const deadlineStateWords = labelsIn(deadlineStateTerms, 'zh');
export const householdCategoryWords = labelsIn(householdCategoryTerms, 'zh');
export const relationWords = labelsIn(memberRelationTerms, 'zh');
export const sexWords = labelsIn(sexTerms, 'zh');
export const disabilityWords = labelsIn(disabilityCategoryTerms, 'zh');
export const labourWords = labelsIn(labourAbilityTerms, 'zh');
export const visitTypeWords = labelsIn(visitTypeTerms, 'zh');
export const needWords = labelsIn(needCategoryTerms, 'zh');
export const severityWords = labelsIn(careSeverityTerms, 'zh');
export const careStateWords = labelsIn(careNeedStateTerms, 'zh');

/** Joins names or words in one cell: 张三、李四. */
export const LIST_SEPARATOR = '、';
