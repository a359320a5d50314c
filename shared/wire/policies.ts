import { z } from 'zod';

/**
 * The answer to `POST /api/v1/policies` (201): the new period, and the one it closed (its last
 * day now the day before the new one starts). The documents themselves reach laptops through the
 * pull of `policies`, like every reference row.
 */
export const policyPeriodAnswerSchema = z.object({
  id: z.string(),
  areaCode: z.string(),
  validFrom: z.string(),
  setByName: z.string().optional(),
  closed: z.object({ id: z.string(), validTo: z.string() }).nullable(),
});
export type PolicyPeriodAnswer = z.infer<typeof policyPeriodAnswerSchema>;
