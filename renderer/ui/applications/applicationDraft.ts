import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import type { FieldError, FieldErrors, Resolver, ResolverOptions, ResolverResult } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  applicationFormSchema,
  defaultDocuments,
  type applicationAssistance,
  type applicationModes,
  type Application,
  type ApplicationForm,
  type ApplicationType,
  type DocumentKind,
  type documentStates,
  type incomeKinds,
  type incomeTreatments,
} from '../../../shared/schemas/application';
import type { Household } from '../../../shared/schemas/household';
import { newId } from '../newId';

export type IncomeKind = (typeof incomeKinds)[number];
export type IncomeTreatment = (typeof incomeTreatments)[number];
export type DocumentState = (typeof documentStates)[number];
export type ApplicationMode = (typeof applicationModes)[number];
export type Assistance = (typeof applicationAssistance)[number];

/** The validated form, as the shared schema outputs it. */
export type ApplicationValues = z.output<typeof applicationFormSchema>;

/**
 * What the application form holds while someone types: like the shared `ApplicationForm`, but
 * amounts may be empty (null) until typed, the type starts unchosen, and optional texts are
 * strings so the inputs stay controlled.
 */
export interface IncomeItemDraft {
  id: string;
  /** '' = the household as a whole. */
  memberId: string;
  kind: IncomeKind;
  monthlyAmount: number | null;
  treatment: IncomeTreatment;
  note: string;
}

export interface PropertyItemDraft {
  id: string;
  description: string;
  value: number | null;
  exempt: boolean;
  exemptReason: string;
}

export interface DocumentDraft {
  kind: DocumentKind;
  state: DocumentState;
  promisedBy: string | undefined;
  note?: string;
}

export const spendingKeys = ['medicalAfterInsurance', 'education', 'rehabilitation', 'basicLiving'] as const;
export type SpendingKey = (typeof spendingKeys)[number];

export interface ApplicationDraft {
  type: ApplicationType | undefined;
  mode: ApplicationMode;
  assistance: Assistance;
  applicantMemberId: string;
  coveredMemberIds: string[];
  singlePersonUnit: boolean;
  incomeItems: IncomeItemDraft[];
  propertyItems: PropertyItemDraft[];
  essentialSpending: Record<SpendingKey, number | null>;
  medical: { totalCost: number | null; reimbursed: number | null };
  documents: DocumentDraft[];
  pledgeSigned: boolean;
  reason: string;
}

/** How B1 treats an income kind, offered when the kind is chosen (the worker may change it). */
export function defaultTreatment(kind: IncomeKind): IncomeTreatment {
  switch (kind) {
    case 'pension':
    case 'specialCare':
    case 'familyPlanningAward':
    case 'scholarship':
    case 'assistancePayment':
      return 'notCounted';
    case 'disabilityCost':
    case 'illnessCost':
      return 'deductible';
    default:
      return 'counted';
  }
}

export function newIncomeItem(): IncomeItemDraft {
  return { id: newId(), memberId: '', kind: 'wages', monthlyAmount: null, treatment: 'counted', note: '' };
}

export function newPropertyItem(): PropertyItemDraft {
  return { id: newId(), description: '', value: null, exempt: false, exemptReason: '' };
}

export function newDocument(kind: DocumentKind): DocumentDraft {
  return { kind, state: 'provided', promisedBy: undefined };
}

/**
 * The checklist for a new type: its usual documents (keeping what was already marked for
 * them), then any the worker added by hand.
 */
export function documentsForType(current: DocumentDraft[], previousType: ApplicationType | undefined, type: ApplicationType): DocumentDraft[] {
  const usual = defaultDocuments(type);
  const previousUsual = new Set(previousType ? defaultDocuments(previousType) : []);
  const byKind = new Map(current.map((doc) => [doc.kind, doc]));
  const added = current.filter((doc) => !usual.includes(doc.kind) && !previousUsual.has(doc.kind));
  return [...usual.map((kind) => byKind.get(kind) ?? newDocument(kind)), ...added];
}

/** A new application: every member covered, nothing else chosen yet. */
export function emptyApplicationDraft(household: Household): ApplicationDraft {
  return {
    type: undefined,
    mode: 'onApplication',
    assistance: 'none',
    applicantMemberId: '',
    coveredMemberIds: household.members.map((member) => member.id),
    singlePersonUnit: false,
    incomeItems: [],
    propertyItems: [],
    essentialSpending: { medicalAfterInsurance: null, education: null, rehabilitation: null, basicLiving: null },
    medical: { totalCost: null, reimbursed: null },
    documents: [],
    pledgeSigned: false,
    reason: '',
  };
}

export function applicationToDraft(application: Application): ApplicationDraft {
  const spending = application.essentialSpending;
  return {
    type: application.type,
    mode: application.mode,
    assistance: application.assistance,
    applicantMemberId: application.applicantMemberId,
    coveredMemberIds: [...application.coveredMemberIds],
    singlePersonUnit: application.singlePersonUnit,
    incomeItems: application.incomeItems.map((item) => ({
      id: item.id,
      memberId: item.memberId ?? '',
      kind: item.kind,
      monthlyAmount: item.monthlyAmount,
      treatment: item.treatment,
      note: item.note ?? '',
    })),
    propertyItems: application.propertyItems.map((item) => ({
      id: item.id,
      description: item.description,
      value: item.value ?? null,
      exempt: item.exempt,
      exemptReason: item.exemptReason ?? '',
    })),
    essentialSpending: {
      medicalAfterInsurance: spending?.medicalAfterInsurance ?? null,
      education: spending?.education ?? null,
      rehabilitation: spending?.rehabilitation ?? null,
      basicLiving: spending?.basicLiving ?? null,
    },
    medical: { totalCost: application.medical?.totalCost ?? null, reimbursed: application.medical?.reimbursed ?? null },
    documents: application.documents.map((doc) => ({ ...doc, promisedBy: doc.promisedBy })),
    pledgeSigned: application.pledgeSigned,
    reason: application.reason ?? '',
  };
}

/** Empty optional fields are left out rather than stored as '' or null; amounts still empty become 0 (and are reported). */
export function draftToForm(draft: ApplicationDraft): ApplicationForm {
  const spendingEntries = spendingKeys.flatMap((key) => {
    const value = draft.essentialSpending[key];
    return value === null ? [] : [[key, value] as const];
  });
  const medical = draft.type === 'medicalAid' && (draft.medical.totalCost !== null || draft.medical.reimbursed !== null)
    ? { totalCost: draft.medical.totalCost ?? 0, reimbursed: draft.medical.reimbursed ?? 0 }
    : undefined;
  return {
    type: draft.type as ApplicationType,
    mode: draft.mode,
    assistance: draft.assistance,
    applicantMemberId: draft.applicantMemberId,
    coveredMemberIds: draft.singlePersonUnit && draft.applicantMemberId ? [draft.applicantMemberId] : draft.coveredMemberIds,
    singlePersonUnit: draft.singlePersonUnit,
    incomeItems: draft.incomeItems.map((item) => ({
      id: item.id,
      ...(item.memberId ? { memberId: item.memberId } : {}),
      kind: item.kind,
      monthlyAmount: item.monthlyAmount ?? 0,
      treatment: item.treatment,
      ...(item.note.trim() ? { note: item.note } : {}),
    })),
    propertyItems: draft.propertyItems.map((item) => ({
      id: item.id,
      description: item.description,
      ...(item.value === null ? {} : { value: item.value }),
      exempt: item.exempt,
      ...(item.exempt && item.exemptReason.trim() ? { exemptReason: item.exemptReason } : {}),
    })),
    ...(spendingEntries.length > 0 ? { essentialSpending: Object.fromEntries(spendingEntries) } : {}),
    ...(medical ? { medical } : {}),
    documents: draft.documents.map((doc) => ({
      kind: doc.kind,
      state: doc.state,
      ...(doc.state === 'promised' && doc.promisedBy ? { promisedBy: doc.promisedBy } : {}),
      ...(doc.note?.trim() ? { note: doc.note } : {}),
    })),
    pledgeSigned: draft.pledgeSigned,
    ...(draft.reason.trim() ? { reason: draft.reason } : {}),
  };
}

/** Puts an error at a dotted path (incomeItems.0.monthlyAmount), making arrays for numeric parts. */
function setError(errors: Record<string, unknown>, path: string, error: FieldError): void {
  const parts = path.split('.');
  let node: Record<string, unknown> = errors;
  parts.forEach((part, i) => {
    if (i === parts.length - 1) {
      node[part] ??= error;
      return;
    }
    const nextIsIndex = /^\d+$/.test(parts[i + 1] ?? '');
    node[part] ??= nextIsIndex ? [] : {};
    node = node[part] as Record<string, unknown>;
  });
}

const schemaResolver = zodResolver(applicationFormSchema);

/**
 * `zodResolver(applicationFormSchema)` over the draft, plus the amounts the draft lets be
 * empty: an income row without its amount, a medical cost without the other half.
 */
export function useApplicationResolver(): Resolver<ApplicationDraft, unknown, ApplicationValues> {
  const { t } = useTranslation();
  return useMemo<Resolver<ApplicationDraft, unknown, ApplicationValues>>(() => {
    const requiredMessages = {
      amount: t('application.form.income.amountRequired'),
      total: t('application.form.medical.totalRequired'),
      reimbursed: t('application.form.medical.reimbursedRequired'),
    };
    return async (values, context, options) => {
      const extra: Record<string, unknown> = {};
      const required = (path: string, message: string) => setError(extra, path, { type: 'required', message });
      values.incomeItems.forEach((item, i) => {
        if (item.monthlyAmount === null) required(`incomeItems.${i}.monthlyAmount`, requiredMessages.amount);
      });
      if (values.type === 'medicalAid') {
        const { totalCost, reimbursed } = values.medical;
        if (totalCost === null && reimbursed !== null) required('medical.totalCost', requiredMessages.total);
        if (reimbursed === null && totalCost !== null) required('medical.reimbursed', requiredMessages.reimbursed);
      }
      const result = (await schemaResolver(
        draftToForm(values),
        context,
        options as unknown as ResolverOptions<ApplicationForm>,
      )) as unknown as ResolverResult<ApplicationDraft, ApplicationValues>;
      if (Object.keys(extra).length === 0) return result;
      const errors = { ...(result.errors as Record<string, unknown>) };
      mergeInto(errors, extra);
      return { values: {}, errors: errors as FieldErrors<ApplicationDraft> };
    };
  }, [t]);
}

/** Adds `extra`'s errors to `target` where the schema reported nothing at that place. */
function mergeInto(target: Record<string, unknown>, extra: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(extra)) {
    const existing = target[key];
    if (existing === undefined) {
      target[key] = value;
    } else if (typeof existing === 'object' && existing !== null && !('message' in existing) && typeof value === 'object' && value !== null) {
      const copy = Array.isArray(existing) ? [...existing] : { ...(existing as Record<string, unknown>) };
      mergeInto(copy as Record<string, unknown>, value as Record<string, unknown>);
      target[key] = copy;
    }
  }
}
