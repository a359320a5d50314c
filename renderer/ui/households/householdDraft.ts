import { zodResolver } from '@hookform/resolvers/zod';
import type { Resolver, ResolverOptions, ResolverResult } from 'react-hook-form';
import type { z } from 'zod';
import {
  householdFormSchema,
  type Household,
  type HouseholdForm,
  type MemberRelation,
} from '../../../shared/schemas/household';
import { newId } from '../newId';

/**
 * What the household form holds while someone types: like the shared `HouseholdForm`, but a
 * new member's relation starts empty (the person must choose it), and phone and note are
 * strings so the inputs stay controlled.
 */
export interface MemberDraft {
  id: string;
  name: string;
  idNumber: string;
  relation: MemberRelation | undefined;
}

export interface HouseholdDraft {
  address: string;
  phone: string;
  note: string;
  members: MemberDraft[];
}

/** The validated form, as the shared schema outputs it (trimmed, ID numbers upper-case). */
export type HouseholdValues = z.output<typeof householdFormSchema>;

/** What is handed to `useSaveHousehold()`: the form plus the village it belongs to. */
export type HouseholdSubmission = HouseholdValues & { areaCode: string };

export function newMember(relation?: MemberRelation): MemberDraft {
  return { id: newId(), name: '', idNumber: '', relation };
}

/** A blank form: one member, the head of the household (户主). */
export function emptyHouseholdDraft(): HouseholdDraft {
  return { address: '', phone: '', note: '', members: [newMember('head')] };
}

export function householdToDraft(household: Household): HouseholdDraft {
  return {
    address: household.address,
    phone: household.phone ?? '',
    note: household.note ?? '',
    members: household.members.map(({ id, name, idNumber, relation }) => ({ id, name, idNumber, relation })),
  };
}

/** Empty optional fields are left out rather than stored as ''. */
export function toSubmission(values: HouseholdValues, areaCode: string): HouseholdSubmission {
  return { ...values, phone: values.phone || undefined, note: values.note || undefined, areaCode };
}

const schemaResolver = zodResolver(householdFormSchema);

/**
 * `zodResolver(householdFormSchema)` over the draft: an empty relation is exactly what the
 * schema reports as 请选择与户主关系, so the draft is handed to it as it is.
 */
export const householdResolver: Resolver<HouseholdDraft, unknown, HouseholdValues> = async (values, context, options) => {
  const result = await schemaResolver(values as HouseholdForm, context, options as ResolverOptions<HouseholdForm>);
  return result as ResolverResult<HouseholdDraft, HouseholdValues>;
};
