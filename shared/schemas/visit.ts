import { z } from 'zod';
import { isoDateField, systemFields } from './common';
import { toDocumentJsonSchema } from './rxSchema';
import { reviewOutcomes } from '../vocabulary/caseLife';
import { needCategories, visitTypes, type NeedCategory, type VisitType } from '../vocabulary/visits';

// 走访类型 and 发现的需求 (also the categories of care needs), with their words: shared/vocabulary/visits.ts.
export { needCategories, visitTypes, type NeedCategory, type VisitType };

const conditionText = z.string().trim().max(1000, '不超过1000个字').optional();

/** 入户调查表: actual income, property and living conditions as the investigators saw them. */
const conditionsShape = z.strictObject({
  income: conditionText,
  property: conditionText,
  food: conditionText,
  clothing: conditionText,
  housing: conditionText,
  dailyUse: conditionText,
});

const visitEntryShape = {
  type: z.enum(visitTypes, { message: '请选择走访类型' }),
  visitDate: isoDateField,
  investigators: z
    .array(z.string().trim().min(1, '请填写走访人姓名').max(40))
    .min(1, '至少填写一位走访人')
    .max(10),
  findings: z.string().trim().min(1, '请填写走访情况').max(4000, '走访情况不超过4000个字'),
  nextVisitDate: isoDateField.optional(),
  /** Ids of the household members present (在场成员). */
  membersPresent: z.array(z.string().max(40)).max(20).optional(),
  conditions: conditionsShape.optional(),
  /** 健康和残疾状况变化 */
  healthChanges: z.string().trim().max(1000, '不超过1000个字').optional(),
  needsFound: z.array(z.enum(needCategories)).max(needCategories.length).optional(),
  /**
   * 复核结论: what a visit to a household receiving a monthly benefit found — continue, adjust or
   * stop (B1 art. 31). The township records it on the benefit (benefit.reviews, with this visit's
   * id), and the county acts on adjust and stop.
   */
  reviewOutcome: z.enum(reviewOutcomes, { message: '请选择复核结论' }).optional(),
};

interface VisitRuleInput {
  type: VisitType;
  visitDate: string;
  investigators: string[];
  nextVisitDate?: string | undefined;
}

function visitRules(value: VisitRuleInput, ctx: z.RefinementCtx): void {
  // 入户调查 must be done by at least two people (B1 art. 12).
  if (value.type === 'investigation' && value.investigators.length < 2) {
    ctx.addIssue({ code: 'custom', path: ['investigators'], message: '入户调查须有两名以上调查人员' });
  }
  if (value.nextVisitDate && value.nextVisitDate <= value.visitDate) {
    ctx.addIssue({ code: 'custom', path: ['nextVisitDate'], message: '下次走访日期应晚于本次走访日期' });
  }
}

export const visitFormSchema = z.object(visitEntryShape).superRefine(visitRules);

export const visitSchema = z
  .strictObject({ ...systemFields, householdId: systemFields.id, ...visitEntryShape })
  .superRefine(visitRules);

export type VisitForm = z.input<typeof visitFormSchema>;
export type Visit = z.output<typeof visitSchema>;

/**
 * v1 added members present, living conditions, health changes and needs found — all optional.
 * v2 encrypts what the visitors wrote down (findings, living conditions, health) on the laptop.
 * v3 binds every encrypted value to its visit (re-sealed by the migration).
 * v4 adds the optional review outcome (复核结论).
 */
export const VISIT_SCHEMA_VERSION = 4;

export const visitJsonSchema = toDocumentJsonSchema(
  z.strictObject({ ...systemFields, householdId: systemFields.id, ...visitEntryShape }),
  { version: VISIT_SCHEMA_VERSION, indexes: ['householdId', 'areaCode', 'updatedAt'], encrypted: ['findings', 'conditions', 'healthChanges'] },
);
