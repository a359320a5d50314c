import { zodResolver } from '@hookform/resolvers/zod';
import { get, set, type FieldErrors, type Resolver, type ResolverOptions, type ResolverResult } from 'react-hook-form';
import type { z } from 'zod';
import {
  householdFormSchema,
  type DisabilityCategory,
  type Household,
  type HouseholdCategory,
  type HouseholdForm,
  type labourAbilities,
  type MemberRelation,
} from '../../../shared/schemas/household';
import { i18n } from '../../i18n';
import { todayIsoDate } from '../format';
import { newId } from '../newId';

export type LabourAbility = (typeof labourAbilities)[number];

/**
 * What the household form holds while someone types: like the shared `HouseholdForm`, but a
 * new member's relation starts empty (the person must choose it), text fields are strings and
 * check boxes booleans so the inputs stay controlled. `draftToForm` turns it into the form the
 * shared schema checks, leaving out what was not filled in.
 */
export interface MemberDraft {
  id: string;
  name: string;
  idNumber: string;
  relation: MemberRelation | undefined;
  /** 残疾类别 and 等级: both or neither. */
  disability: { category: DisabilityCategory | undefined; grade: number | undefined };
  seriousIllness: boolean;
  illnessNote: string;
  labourAbility: LabourAbility | undefined;
  wantsEmployment: boolean;
  /** 元; null when not filled in (InputNumber's empty value). */
  monthlyIncome: number | null;
  deceasedOn: string | undefined;
}

export interface HouseholdDraft {
  address: string;
  phone: string;
  note: string;
  members: MemberDraft[];
  categories: HouseholdCategory[];
  singlePersonUnitMemberIds: string[];
  registeredSeparately: boolean;
  irregularIncome: boolean;
}

/** What the household form's draft keeps: the values and the village chosen (outside the form's values). */
export interface HouseholdFormState {
  values: HouseholdDraft;
  areaCode: string | undefined;
}

/** The validated form, as the shared schema outputs it (trimmed, ID numbers upper-case). */
export type HouseholdValues = z.output<typeof householdFormSchema>;

/** What is handed to `useSaveHousehold()`: the form plus the village it belongs to. */
export type HouseholdSubmission = HouseholdValues & { areaCode: string };

export function newMember(relation?: MemberRelation): MemberDraft {
  return {
    id: newId(),
    name: '',
    idNumber: '',
    relation,
    disability: { category: undefined, grade: undefined },
    seriousIllness: false,
    illnessNote: '',
    labourAbility: undefined,
    wantsEmployment: false,
    monthlyIncome: null,
    deceasedOn: undefined,
  };
}

/** A blank form: one member, the head of the household (户主). */
export function emptyHouseholdDraft(): HouseholdDraft {
  return {
    address: '',
    phone: '',
    note: '',
    members: [newMember('head')],
    categories: [],
    singlePersonUnitMemberIds: [],
    registeredSeparately: false,
    irregularIncome: false,
  };
}

export function householdToDraft(household: Household): HouseholdDraft {
  return {
    address: household.address,
    phone: household.phone ?? '',
    note: household.note ?? '',
    members: household.members.map((member) => ({
      id: member.id,
      name: member.name,
      idNumber: member.idNumber,
      relation: member.relation,
      disability: { category: member.disability?.category, grade: member.disability?.grade },
      seriousIllness: member.seriousIllness ?? false,
      illnessNote: member.illnessNote ?? '',
      labourAbility: member.labourAbility,
      wantsEmployment: member.wantsEmployment ?? false,
      monthlyIncome: member.monthlyIncome ?? null,
      deceasedOn: member.deceasedOn,
    })),
    categories: [...(household.categories ?? [])],
    singlePersonUnitMemberIds: [...(household.singlePersonUnitMemberIds ?? [])],
    registeredSeparately: household.registeredSeparately ?? false,
    irregularIncome: household.irregularIncome ?? false,
  };
}

/** Whether anything under 更多信息 is filled in for this member. */
export function hasMemberDetails(member: MemberDraft): boolean {
  return (
    member.disability.category !== undefined ||
    member.disability.grade !== undefined ||
    member.seriousIllness ||
    member.labourAbility !== undefined ||
    member.wantsEmployment ||
    member.monthlyIncome !== null ||
    member.deceasedOn !== undefined
  );
}

/**
 * The draft as the shared schema's input: empty optional fields and unticked boxes left out,
 * a half-filled disability left out (`draftIssues` reports it), 单人户 limited to the members
 * still on the form.
 */
export function draftToForm(draft: HouseholdDraft): HouseholdForm {
  const memberIds = new Set(draft.members.map((member) => member.id));
  const singles = draft.singlePersonUnitMemberIds.filter((id) => memberIds.has(id));
  return {
    address: draft.address,
    phone: draft.phone,
    note: draft.note,
    members: draft.members.map((m) => ({
      id: m.id,
      name: m.name,
      idNumber: m.idNumber,
      relation: m.relation as MemberRelation,
      ...(m.disability.category !== undefined && m.disability.grade !== undefined
        ? { disability: { category: m.disability.category, grade: m.disability.grade } }
        : {}),
      ...(m.seriousIllness ? { seriousIllness: true } : {}),
      ...(m.seriousIllness && m.illnessNote.trim() ? { illnessNote: m.illnessNote } : {}),
      ...(m.labourAbility ? { labourAbility: m.labourAbility } : {}),
      ...(m.wantsEmployment ? { wantsEmployment: true } : {}),
      ...(m.monthlyIncome !== null && m.monthlyIncome !== undefined ? { monthlyIncome: m.monthlyIncome } : {}),
      ...(m.deceasedOn ? { deceasedOn: m.deceasedOn } : {}),
    })),
    ...(draft.categories.length > 0 ? { categories: draft.categories } : {}),
    ...(singles.length > 0 ? { singlePersonUnitMemberIds: singles } : {}),
    ...(draft.registeredSeparately ? { registeredSeparately: true } : {}),
    ...(draft.irregularIncome ? { irregularIncome: true } : {}),
  };
}

interface DraftIssue {
  path: string;
  message: string;
}

/** What the shared schema cannot see because `draftToForm` left it out: a half-filled disability, a future death. */
export function draftIssues(draft: HouseholdDraft, today: string = todayIsoDate()): DraftIssue[] {
  const t = i18n.t.bind(i18n);
  const issues: DraftIssue[] = [];
  draft.members.forEach((member, index) => {
    const { category, grade } = member.disability;
    if (category !== undefined && grade === undefined) {
      issues.push({ path: `members.${index}.disability.grade`, message: t('householdExtra.form.gradeRequired') });
    }
    if (category === undefined && grade !== undefined) {
      issues.push({ path: `members.${index}.disability.category`, message: t('householdExtra.form.categoryRequired') });
    }
    if (member.deceasedOn && member.deceasedOn > today) {
      issues.push({ path: `members.${index}.deceasedOn`, message: t('householdExtra.form.deceasedInFuture') });
    }
  });
  return issues;
}

/** Empty optional fields are left out rather than stored as ''. */
export function toSubmission(values: HouseholdValues, areaCode: string): HouseholdSubmission {
  return { ...values, phone: values.phone || undefined, note: values.note || undefined, areaCode };
}

const schemaResolver = zodResolver(householdFormSchema);

/**
 * `zodResolver(householdFormSchema)` over `draftToForm(draft)`; error paths are the same on
 * both (members.0.disability.grade …), so the schema's messages land under the right fields.
 * An empty relation is exactly what the schema reports as 请选择与户主关系.
 */
export const householdResolver: Resolver<HouseholdDraft, unknown, HouseholdValues> = async (values, context, options) => {
  const result = await schemaResolver(draftToForm(values), context, options as ResolverOptions<HouseholdForm>);
  const issues = draftIssues(values);
  if (issues.length === 0) return result as ResolverResult<HouseholdDraft, HouseholdValues>;
  const errors: FieldErrors<HouseholdDraft> = { ...(result.errors as FieldErrors<HouseholdDraft>) };
  for (const issue of issues) {
    if (!get(errors, issue.path)) set(errors, issue.path, { type: 'custom', message: issue.message });
  }
  return { values: {}, errors };
};
