import { z } from 'zod';
import { checkIdNumber } from '../domain/idNumber';
import { checkMobile } from '../domain/phone';
import { isoDateField, systemFields } from './common';
import { toDocumentJsonSchema } from './rxSchema';
import { householdCategories, type Circle, type HouseholdCategory } from '../vocabulary/householdCategories';
import { residences } from '../vocabulary/residences';
import {
  disabilityCategories,
  labourAbilities,
  memberRelations,
  sexes,
  type DisabilityCategory,
  type MemberRelation,
} from '../vocabulary/members';

// A member's and a household's codes and their words are the vocabulary's (shared/vocabulary/):
// 与户主关系, 残疾类别 (as on the 残疾人证), 劳动能力, the 4+N groups.
export {
  disabilityCategories,
  householdCategories,
  labourAbilities,
  memberRelations,
  type DisabilityCategory,
  type HouseholdCategory,
  type MemberRelation,
};

const moneyField = z.number().min(0, '金额不能为负').max(10_000_000, '金额过大').multipleOf(0.01, '金额最多两位小数');

const memberEntryShape = {
  id: z.string().min(1).max(40),
  name: z.string().trim().min(1, '请填写姓名').max(40, '姓名不超过40个字'),
  idNumber: z.string().trim().toUpperCase().min(1, '请填写身份证号'),
  relation: z.enum(memberRelations, { message: '请选择与户主关系' }),
  disability: z
    .strictObject({
      category: z.enum(disabilityCategories, { message: '请选择残疾类别' }),
      grade: z.number().int().min(1, '残疾等级为1–4级').max(4, '残疾等级为1–4级'),
    })
    .optional(),
  /** 重特大疾病: whether the member has a serious illness recognised locally. */
  seriousIllness: z.boolean().optional(),
  /** Diagnosis in words; sensitive (encrypted at rest by the security work). */
  illnessNote: z.string().trim().max(500, '病情说明不超过500个字').optional(),
  labourAbility: z.enum(labourAbilities).optional(),
  /** 就业意愿 */
  wantsEmployment: z.boolean().optional(),
  /** 月收入 (元) as declared. */
  monthlyIncome: moneyField.optional(),
  /** 死亡日期: kept so the review rules can ask for a re-check within three months. */
  deceasedOn: isoDateField.optional(),
};

/** A member as stored: birth date and sex are derived from the ID number when saved. */
const memberShape = {
  ...memberEntryShape,
  idNumber: z.string().length(18),
  birthDate: isoDateField,
  sex: z.enum(sexes),
};

const householdEntryShape = {
  address: z.string().trim().min(1, '请填写家庭住址').max(200, '住址不超过200个字'),
  phone: z.string().trim().max(20).optional(),
  note: z.string().trim().max(2000, '备注不超过2000个字').optional(),
  categories: z.array(z.enum(householdCategories)).max(householdCategories.length).optional(),
  /** Members registered as 单人户 (B1 art. 8): they may apply alone. */
  singlePersonUnitMemberIds: z.array(z.string().max(40)).max(20).optional(),
  /** 单独登记备案: a close relative of civil-affairs staff or village cadres (B1 art. 9). */
  registeredSeparately: z.boolean().optional(),
  /** 收入不固定: such households are reviewed every six months (B1 art. 31). */
  irregularIncome: z.boolean().optional(),
};

/** Archiving replaces deletion: the record stays, with who archived it and why. */
const archiveShape = z.strictObject({
  at: z.number().int().min(0),
  by: z.string().min(1).max(40),
  reason: z.string().trim().min(1, '请填写归档原因').max(500),
});

interface HouseholdRuleInput {
  phone?: string | undefined;
  members: { id: string; idNumber: string; relation: MemberRelation; birthDate?: string; sex?: string }[];
  singlePersonUnitMemberIds?: string[] | undefined;
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
  const memberIds = new Set(members.map((m) => m.id));
  for (const id of value.singlePersonUnitMemberIds ?? []) {
    if (!memberIds.has(id)) {
      ctx.addIssue({ code: 'custom', path: ['singlePersonUnitMemberIds'], message: '单人户成员必须是本户成员' });
    }
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
const storedShape = {
  ...systemFields,
  ...householdEntryShape,
  members: z.array(z.strictObject(memberShape)).min(1),
  archived: archiveShape.optional(),
  /**
   * 城市 or 农村 低保 standard for this household, as the township marks it (v4). Absent: the
   * area's guess (a 社区 or a place under a 街道 counts as urban) stands.
   */
  residence: z.enum(residences).optional(),
  /**
   * Keyed hashes (HMAC) of the members' ID numbers: exact-match search without a plaintext
   * index. Written by the app with the deployment's search key.
   */
  idHashes: z.array(z.string().regex(/^[A-Za-z0-9_-]{16,64}$/)).max(40).optional(),
  /**
   * The members' names in member order, kept plain beside the encrypted `members` so the
   * laptop can search by name (姓名). Written by the app from `members`.
   */
  memberNames: z.array(z.string().max(40)).max(40).optional(),
};

export const householdSchema = z.strictObject(storedShape).superRefine(householdRules);

export type HouseholdForm = z.input<typeof householdFormSchema>;
export type HouseholdArchive = z.output<typeof archiveShape>;
export type Household = z.output<typeof householdSchema>;
export type Member = Household['members'][number];

/**
 * v1 added member details, categories, 单人户, 单独登记备案, archiving and ID hashes — all optional.
 * v2 encrypts members, phone and note on the laptop and adds the plain `memberNames`.
 * v3 encrypts everything that names or finds a person — the address, the members' names, the ID
 * hashes and the archive entry (its reason is free text) — and binds every value to its record:
 * nothing on the laptop names a person in plain text (the search index lives in memory).
 * v4 adds the optional `residence` (城市/农村), set by the township.
 */
export const HOUSEHOLD_SCHEMA_VERSION = 4;

export const householdJsonSchema = toDocumentJsonSchema(z.strictObject(storedShape), {
  version: HOUSEHOLD_SCHEMA_VERSION,
  indexes: ['areaCode', 'updatedAt'],
  encrypted: ['members', 'phone', 'note', 'address', 'memberNames', 'idHashes', 'archived'],
});

export type HouseholdCircle = Circle | null;

/** The circle (圈层) follows from the groups: core 特困/低保, middle 边缘/支出型, outer the rest. */
export function circleOf(categories: readonly HouseholdCategory[] | undefined): HouseholdCircle {
  const set = new Set(categories ?? []);
  if (set.has('tekun') || set.has('dibao')) return 'core';
  if (set.has('dibaoEdge') || set.has('rigidExpenditure')) return 'middle';
  return set.size > 0 ? 'outer' : null;
}

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
