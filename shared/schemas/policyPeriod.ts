/**
 * `POST /api/v1/policies`: a county (or the city) sets a new period of figures. The server
 * closes the previous period, records who set it and stores the new one; the body never says who
 * set it, nor whether it is a placeholder or an example.
 */
import { z } from 'zod';
import { isoDateField } from './common';
import { policyFigureShape, policySchema } from './reference';

export const newPolicyPeriodSchema = z.strictObject({
  /** The county's code padded to 12 digits, or the city's for figures set city-wide. */
  areaCode: z.string().regex(/^\d{12}$/, '区划代码应为12位数字'),
  /** The first day the figures apply; the open period then ends the day before. */
  validFrom: isoDateField,
  /** Every figure; null or absent: 待配置. */
  figures: z.strictObject(policyFigureShape).partial(),
  /** The document the figures come from (文件名、文号): required. */
  source: z.string().trim().min(1, '请填写依据文件').max(500, '依据文件不超过500个字'),
  /** A figure's own source where it differs from the period's. */
  figureSources: policySchema.shape.figureSources.optional(),
});
export type NewPolicyPeriod = z.input<typeof newPolicyPeriodSchema>;
