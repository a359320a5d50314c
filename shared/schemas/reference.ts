import { z } from 'zod';
import { roles } from '../auth/roles';
import { areaCodeField, isoDateField, timestampField } from './common';
import { toDocumentJsonSchema } from './rxSchema';

/** A figure of a policy: a number, or null where no source gives one yet (待配置). */
const figure = z.number().min(0).nullable();

/**
 * 政策参数 of one county and year, each with its source and validity. Rules read figures from
 * here, never from code; a null figure is a placeholder an administrator must set.
 */
export const policySchema = z.strictObject({
  id: z.string().min(1).max(40),
  /** The county's code padded to 12 digits. */
  areaCode: areaCodeField,
  year: z.number().int().min(2000).max(2100),
  dibaoStandardUrbanMonthly: figure,
  dibaoStandardRuralMonthly: figure,
  edgeMultiplier: figure,
  lastYearPerCapitaDisposableIncomeMonthly: figure,
  rigidSpendingShare: figure,
  source: z.string().max(500),
  validFrom: isoDateField,
  validTo: isoDateField,
  placeholder: z.boolean(),
  updatedAt: timestampField,
});
export type Policy = z.output<typeof policySchema>;

/** The 3+N catalogue of programs (救助项目). */
export const programSchema = z.strictObject({
  id: z.string().min(1).max(40),
  areaCode: areaCodeField,
  name: z.string().min(1).max(80),
  tier: z.enum(['basicLiving', 'special', 'emergency', 'other']),
  description: z.string().max(1000),
  updatedAt: timestampField,
});
export type Program = z.output<typeof programSchema>;

/** Names of colleagues for display (history entries, assignees); no credentials. */
export const userRefSchema = z.strictObject({
  id: z.string().min(1).max(40),
  areaCode: areaCodeField,
  displayName: z.string().min(1).max(80),
  role: z.enum(roles),
  active: z.boolean(),
  updatedAt: timestampField,
});
export type UserRef = z.output<typeof userRefSchema>;

export const policyJsonSchema = toDocumentJsonSchema(policySchema, { version: 0, indexes: ['areaCode'] });
export const programJsonSchema = toDocumentJsonSchema(programSchema, { version: 0 });
export const userRefJsonSchema = toDocumentJsonSchema(userRefSchema, { version: 0 });
