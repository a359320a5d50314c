import { z } from 'zod';
import { checkIdNumber } from '../domain/idNumber';
import { checkMobile } from '../domain/phone';
import { isoDateField, systemFields } from './common';
import { toDocumentJsonSchema } from './rxSchema';

/** 与户主关系 — relation of a member to the head of the household (户主). */
export const memberRelations = [
  'head',
  'spouse',
  'child',
  'parent',
  'grandchild',
  'grandparent',
  'sibling',
  'childInLaw',
  'other',
] as const;
export type MemberRelation = (typeof memberRelations)[number];

const memberEntryShape = {
  id: z.string().min(1).max(40),
  name: z.string().trim().min(1, '请填写姓名').max(40, '姓名不超过40个字'),
  idNumber: z.string().trim().toUpperCase().min(1, '请填写身份证号'),
  relation: z.enum(memberRelations, { message: '请选择与户主关系' }),
};

/** A member as stored: birth date and sex are derived from the ID number when saved. */
const memberShape = {
  ...memberEntryShape,
  idNumber: z.string().length(18),
  birthDate: isoDateField,
  sex: z.enum(['male', 'female']),
};

const householdEntryShape = {
  address: z.string().trim().min(1, '请填写家庭住址').max(200, '住址不超过200个字'),
  phone: z.string().trim().max(20).optional(),
  note: z.string().trim().max(2000, '备注不超过2000个字').optional(),
};

interface HouseholdRuleInput {
  phone?: string | undefined;
  members: { idNumber: string; relation: MemberRelation; birthDate?: string; sex?: string }[];
}

/** Rules that hold for a household whether it is being typed into a form or pushed to the server. */
function householdRules(value: HouseholdRuleInput, ctx: z.RefinementCtx): void {
  const { members } = value;
  if (value.phone) {
    const phone = checkMobile(value.phone);
    if (!phone.ok) ctx.addIssue({ code: 'custom', path: ['phone'], message: phone.message });
  }
  const heads = members.filter((m) => m.relation === 'head').length;
  if (heads !== 1) {
    ctx.addIssue({
      code: 'custom',
      path: ['members'],
      message: heads === 0 ? '请指定一位户主' : '一户只能有一位户主',
    });
  }
  const seen = new Map<string, number>();
  members.forEach((member, index) => {
    const check = checkIdNumber(member.idNumber);
    if (!check.ok) {
      ctx.addIssue({ code: 'custom', path: ['members', index, 'idNumber'], message: check.message });
      return;
    }
    const earlier = seen.get(member.idNumber);
    if (earlier !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['members', index, 'idNumber'],
        message: `与第${earlier + 1}位成员的身份证号重复`,
      });
    }
    seen.set(member.idNumber, index);
    if (member.birthDate !== undefined && member.birthDate !== check.birthDate) {
      ctx.addIssue({ code: 'custom', path: ['members', index, 'birthDate'], message: '出生日期与身份证号不符' });
    }
    if (member.sex !== undefined && member.sex !== check.sex) {
      ctx.addIssue({ code: 'custom', path: ['members', index, 'sex'], message: '性别与身份证号不符' });
    }
  });
}

/** What a person fills in: the household form (登记家庭). */
export const householdFormSchema = z
  .object({
    ...householdEntryShape,
    members: z.array(z.object(memberEntryShape)).min(1, '至少登记一位家庭成员'),
  })
  .superRefine(householdRules);

/** A household document as stored on the laptop and on the server. */
export const householdSchema = z
  .strictObject({
    ...systemFields,
    ...householdEntryShape,
    members: z.array(z.strictObject(memberShape)).min(1),
  })
  .superRefine(householdRules);

export type HouseholdForm = z.input<typeof householdFormSchema>;
export type Household = z.output<typeof householdSchema>;
export type Member = Household['members'][number];

export const HOUSEHOLD_SCHEMA_VERSION = 0;

export const householdJsonSchema = toDocumentJsonSchema(
  z.strictObject({ ...systemFields, ...householdEntryShape, members: z.array(z.strictObject(memberShape)) }),
  { version: HOUSEHOLD_SCHEMA_VERSION, indexes: ['areaCode', 'updatedAt'] },
);

/** Turns a validated form into the stored members, deriving birth date and sex from each ID number. */
export function membersFromForm(members: z.output<typeof householdFormSchema>['members']): Member[] {
  return members.map((member) => {
    const check = checkIdNumber(member.idNumber);
    if (!check.ok) throw new Error(`member ${member.id}: ${check.message}`);
    return { ...member, birthDate: check.birthDate, sex: check.sex };
  });
}

export function headOf(household: Pick<Household, 'members'>): Member | undefined {
  return household.members.find((m) => m.relation === 'head') ?? household.members[0];
}
