import { z } from 'zod';
import { isoDateField, systemFields } from './common';
import { toDocumentJsonSchema } from './rxSchema';
import { needCategories } from './visit';
import { careNeedStates, careSeverities, referralKinds, referralStates } from '../vocabulary/careNeeds';

// 紧急程度, 转介 and their states, with their words: shared/vocabulary/careNeeds.ts.
export { careSeverities, referralKinds, referralStates };

const entryShape = {
  memberId: z.string().max(40).optional(),
  category: z.enum(needCategories, { message: '请选择需求类别' }),
  severity: z.enum(careSeverities, { message: '请选择紧急程度' }),
  description: z.string().trim().min(1, '请填写需求情况').max(2000, '不超过2000个字'),
  /** 服务计划 */
  servicePlan: z.string().trim().max(4000, '不超过4000个字').optional(),
  referrals: z
    .array(
      z.strictObject({
        id: z.string().min(1).max(40),
        kind: z.enum(referralKinds),
        target: z.string().trim().min(1, '请填写转介对象').max(200),
        state: z.enum(referralStates),
        note: z.string().trim().max(500).optional(),
      }),
    )
    .max(30),
  /** 回访 */
  followUps: z
    .array(
      z.strictObject({
        id: z.string().min(1).max(40),
        dueDate: isoDateField,
        doneOn: isoDateField.optional(),
        note: z.string().trim().max(1000).optional(),
      }),
    )
    .max(50),
  state: z.enum(careNeedStates),
};

export const careNeedFormSchema = z.object(entryShape);

const storedShape = { ...systemFields, householdId: systemFields.id, ...entryShape };
export const careNeedSchema = z.strictObject(storedShape);

export type CareNeedForm = z.input<typeof careNeedFormSchema>;
export type CareNeed = z.output<typeof careNeedSchema>;

/**
 * v1 encrypts the need's description, plan, referrals and follow-up notes on the laptop.
 * v2 binds every encrypted value to its care need (re-sealed by the migration).
 */
export const CARE_NEED_SCHEMA_VERSION = 2;

export const careNeedJsonSchema = toDocumentJsonSchema(careNeedSchema, {
  version: CARE_NEED_SCHEMA_VERSION,
  indexes: ['householdId', 'areaCode', 'updatedAt'],
  encrypted: ['description', 'servicePlan', 'referrals', 'followUps'],
});
