import { zodResolver } from '@hookform/resolvers/zod';
import { get, set, type FieldErrors, type Resolver, type ResolverOptions, type ResolverResult } from 'react-hook-form';
import type { z } from 'zod';
import { visitFormSchema, type NeedCategory, type VisitForm, type VisitType } from '../../../shared/schemas/visit';
import type { ReviewOutcome } from '../../../shared/vocabulary/caseLife';
import { i18n } from '../../i18n';

export const conditionKeys = ['income', 'property', 'food', 'clothing', 'housing', 'dailyUse'] as const;
export type ConditionKey = (typeof conditionKeys)[number];

/**
 * What the 入户调查表 holds while someone fills it in: every text a string and every list an
 * array, so the inputs stay controlled and the whole thing can be kept as a draft (JSON).
 */
export interface VisitFormValues {
  type: VisitType;
  visitDate: string;
  investigators: string[];
  membersPresent: string[];
  conditions: Record<ConditionKey, string>;
  healthChanges: string;
  needsFound: NeedCategory[];
  findings: string;
  nextVisitDate: string | undefined;
  /** 复核结论, asked where the household receives a monthly benefit (absent in drafts older than it). */
  reviewOutcome?: ReviewOutcome | undefined;
}

/** What the form's resolver is told besides the values: whether this visit must give a 复核结论. */
export interface VisitFormContext {
  reviewAsked: boolean;
}

/** The validated visit, as the shared schema outputs it: what `useSaveVisit()` takes. */
export type VisitValues = z.output<typeof visitFormSchema>;

/** What `useDraft` keeps for an unsaved visit: the values, the step it was on, and when. */
export interface VisitDraftState {
  values: VisitFormValues;
  step: number;
  savedAt: number;
}

export function visitDraftKey(householdId: string): string {
  return `visit:${householdId}`;
}

/** The three sections of the form and the fields each one holds (for 下一步 and for errors). */
export const visitSteps = [
  { key: 'basic', fields: ['type', 'visitDate', 'investigators', 'membersPresent'] },
  { key: 'living', fields: ['conditions', 'healthChanges'] },
  { key: 'needs', fields: ['needsFound', 'findings', 'nextVisitDate', 'reviewOutcome'] },
] as const;
export type VisitStepKey = (typeof visitSteps)[number]['key'];

export function emptyVisitValues(investigator: string, today: string): VisitFormValues {
  return {
    type: 'routine',
    visitDate: today,
    investigators: [investigator],
    membersPresent: [],
    conditions: { income: '', property: '', food: '', clothing: '', housing: '', dailyUse: '' },
    healthChanges: '',
    needsFound: [],
    findings: '',
    nextVisitDate: undefined,
  };
}

/**
 * A draft read back from storage, made whole: keys added since it was written get their empty
 * value, members no longer in the household are dropped.
 */
export function restoreVisitValues(saved: Partial<VisitFormValues>, empty: VisitFormValues, memberIds: string[]): VisitFormValues {
  return {
    ...empty,
    ...saved,
    conditions: { ...empty.conditions, ...saved.conditions },
    membersPresent: (saved.membersPresent ?? []).filter((id) => memberIds.includes(id)),
  };
}

/** The form as the shared schema's input: empty texts and lists left out. */
export function toVisitForm(values: VisitFormValues): VisitForm {
  const conditions = Object.fromEntries(conditionKeys.filter((key) => values.conditions[key].trim()).map((key) => [key, values.conditions[key]]));
  return {
    type: values.type,
    visitDate: values.visitDate,
    investigators: values.investigators,
    findings: values.findings,
    ...(values.nextVisitDate ? { nextVisitDate: values.nextVisitDate } : {}),
    ...(values.membersPresent.length > 0 ? { membersPresent: values.membersPresent } : {}),
    ...(Object.keys(conditions).length > 0 ? { conditions } : {}),
    ...(values.healthChanges.trim() ? { healthChanges: values.healthChanges } : {}),
    ...(values.needsFound.length > 0 ? { needsFound: values.needsFound } : {}),
    ...(values.reviewOutcome ? { reviewOutcome: values.reviewOutcome } : {}),
  };
}

const schemaResolver = zodResolver(visitFormSchema);

/**
 * `zodResolver(visitFormSchema)` over `toVisitForm(values)`. The schema's own rules (入户调查
 * 须有两名以上调查人员, 下次走访晚于本次) run only once every field is valid, but 下一步 on the
 * first section must already show them: so while 走访情况 (last section) is still empty, the
 * rules are also run with a stand-in for it, and what they find is added.
 */
export const visitResolver: Resolver<VisitFormValues, unknown, VisitValues> = async (values, context, options) => {
  const schemaOptions = options as unknown as ResolverOptions<VisitForm>;
  const form = toVisitForm(values);
  const result = await schemaResolver(form, context, schemaOptions);
  // A visit to a household receiving a monthly benefit is its review: it says what it found.
  if ((context as VisitFormContext | undefined)?.reviewAsked === true && !values.reviewOutcome) {
    const errors = { ...(result.errors as FieldErrors<VisitFormValues>) };
    set(errors, 'reviewOutcome', { type: 'required', message: i18n.t('caseLife.visitReview.required') });
    const withFindings = form.findings.trim() ? null : await schemaResolver({ ...form, findings: '-' }, context, schemaOptions);
    for (const path of ['investigators', 'nextVisitDate'] as const) {
      const ruleError = withFindings ? (get(withFindings.errors, path) as FieldErrors | undefined) : undefined;
      if (ruleError && !get(errors, path)) set(errors, path, ruleError);
    }
    return { values: {}, errors };
  }
  if (form.findings.trim()) return result as unknown as ResolverResult<VisitFormValues, VisitValues>;
  const withFindings = await schemaResolver({ ...form, findings: '-' }, context, schemaOptions);
  const errors = { ...(result.errors as FieldErrors<VisitFormValues>) };
  for (const path of ['investigators', 'nextVisitDate'] as const) {
    const ruleError = get(withFindings.errors, path) as FieldErrors | undefined;
    if (ruleError && !get(errors, path)) set(errors, path, ruleError);
  }
  return { values: {}, errors };
};
