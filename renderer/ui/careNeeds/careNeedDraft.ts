import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldErrors, Resolver, ResolverOptions, ResolverResult } from 'react-hook-form';
import { set } from 'react-hook-form';
import type { z } from 'zod';
import {
  careNeedFormSchema,
  type CareNeed,
  type CareNeedForm,
  type careSeverities,
  type referralKinds,
  type referralStates,
} from '../../../shared/schemas/careNeed';
import type { NeedCategory } from '../../../shared/schemas/visit';
import { i18n } from '../../i18n';
import { newId } from '../newId';

export type CareSeverity = (typeof careSeverities)[number];
export type ReferralKind = (typeof referralKinds)[number];
export type ReferralState = (typeof referralStates)[number];

export interface ReferralDraft {
  id: string;
  kind: ReferralKind | undefined;
  target: string;
  state: ReferralState;
  note: string;
}

export interface FollowUpDraft {
  id: string;
  dueDate: string | undefined;
  doneOn: string | undefined;
  note: string;
}

/** What the care-need form holds while it is filled in: choices may be empty, texts are strings. */
export interface CareNeedFormValues {
  /** undefined: the whole household (全户). */
  memberId: string | undefined;
  category: NeedCategory | undefined;
  severity: CareSeverity | undefined;
  description: string;
  servicePlan: string;
  referrals: ReferralDraft[];
  followUps: FollowUpDraft[];
  state: 'open' | 'closed';
}

export type CareNeedValues = z.output<typeof careNeedFormSchema>;

export function newReferral(): ReferralDraft {
  return { id: newId(), kind: undefined, target: '', state: 'proposed', note: '' };
}

export function newFollowUp(): FollowUpDraft {
  return { id: newId(), dueDate: undefined, doneOn: undefined, note: '' };
}

export function emptyCareNeedValues(): CareNeedFormValues {
  return {
    memberId: undefined,
    category: undefined,
    severity: undefined,
    description: '',
    servicePlan: '',
    referrals: [],
    followUps: [],
    state: 'open',
  };
}

export function careNeedToValues(need: CareNeed): CareNeedFormValues {
  return {
    memberId: need.memberId,
    category: need.category,
    severity: need.severity,
    description: need.description,
    servicePlan: need.servicePlan ?? '',
    referrals: need.referrals.map((r) => ({ id: r.id, kind: r.kind, target: r.target, state: r.state, note: r.note ?? '' })),
    followUps: need.followUps.map((f) => ({ id: f.id, dueDate: f.dueDate, doneOn: f.doneOn, note: f.note ?? '' })),
    state: need.state,
  };
}

/** The form as the shared schema's input: empty optional texts and dates left out. */
export function toCareNeedForm(values: CareNeedFormValues): CareNeedForm {
  return {
    ...(values.memberId ? { memberId: values.memberId } : {}),
    category: values.category as NeedCategory,
    severity: values.severity as CareSeverity,
    description: values.description,
    ...(values.servicePlan.trim() ? { servicePlan: values.servicePlan } : {}),
    referrals: values.referrals.map((r) => ({
      id: r.id,
      kind: r.kind as ReferralKind,
      target: r.target,
      state: r.state,
      ...(r.note.trim() ? { note: r.note } : {}),
    })),
    followUps: values.followUps.map((f) => ({
      id: f.id,
      dueDate: f.dueDate as string,
      ...(f.doneOn ? { doneOn: f.doneOn } : {}),
      ...(f.note.trim() ? { note: f.note } : {}),
    })),
    state: values.state,
  };
}

const schemaResolver = zodResolver(careNeedFormSchema);

/**
 * `zodResolver(careNeedFormSchema)` over `toCareNeedForm(values)`. A referral without a 去向 or
 * a follow-up without a date is a missing choice, which the schema can only report in generic
 * words: those get their own messages.
 */
export const careNeedResolver: Resolver<CareNeedFormValues, unknown, CareNeedValues> = async (values, context, options) => {
  const result = await schemaResolver(toCareNeedForm(values), context, options as unknown as ResolverOptions<CareNeedForm>);
  const t = i18n.t.bind(i18n);
  const missing: { path: string; message: string }[] = [];
  values.referrals.forEach((referral, index) => {
    if (!referral.kind) missing.push({ path: `referrals.${index}.kind`, message: t('careNeed.form.referralKindRequired') });
  });
  values.followUps.forEach((followUp, index) => {
    if (!followUp.dueDate) missing.push({ path: `followUps.${index}.dueDate`, message: t('careNeed.form.followUpDueRequired') });
  });
  if (missing.length === 0) return result as unknown as ResolverResult<CareNeedFormValues, CareNeedValues>;
  const errors = { ...(result.errors as FieldErrors<CareNeedFormValues>) };
  for (const { path, message } of missing) set(errors, path, { type: 'required', message });
  return { values: {}, errors };
};
