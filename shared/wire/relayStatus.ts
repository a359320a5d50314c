/**
 * What a township relay tells the laptops about itself and the batches it carries up (issue 17):
 * its health answer (which server the laptop talks to, and whether the county is reachable from
 * it), the county's answers to batches it kept, and what waits at the station to go up. The
 * central server answers health without `mode` and has no /relay/ routes (404: not a relay).
 */
import { z } from 'zod';
import { errorBodySchema } from './errors';

/** GET /api/v1/health: `mode: 'relay'` only on a relay; every other field of the answer is ignored here. */
export const healthAnswerSchema = z.object({
  status: z.string(),
  mode: z.literal('relay').optional(),
  name: z.string().optional(),
  upstream: z.object({ reachable: z.boolean(), lastContactAt: z.number().nullable() }).optional(),
});
export type HealthAnswer = z.infer<typeof healthAnswerSchema>;

const masterDocument = z.custom<Record<string, unknown> & { id: string }>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { id?: unknown }).id === 'string',
  'not a document',
);

export const relayBatchStates = ['pending', 'stored', 'conflict', 'refused'] as const;
export type RelayBatchState = (typeof relayBatchStates)[number];

/** One kept batch as the county answered it (or has not yet: pending). */
export const relayOutcomeSchema = z.object({
  batchId: z.string().min(1).max(80),
  state: z.enum(relayBatchStates),
  /** conflict: the county's versions that won; refused: the versions it holds of the refused rows. */
  conflicts: z.array(masterDocument),
  /** refused: the county's refusal as a push would have given it (code, Chinese message, details). */
  error: errorBodySchema.shape.error.nullable(),
});
export type RelayOutcome = z.infer<typeof relayOutcomeSchema>;

/** GET /api/v1/relay/outcomes?batch=ID&batch=ID2 */
export const relayOutcomesAnswerSchema = z.object({ outcomes: z.array(relayOutcomeSchema) });
export type RelayOutcomesAnswer = z.infer<typeof relayOutcomesAnswerSchema>;

/** GET /api/v1/relay/pending: what waits at the relay to go up, within the caller's scope. */
export const relayPendingAnswerSchema = z.object({
  documents: z.array(z.object({ collection: z.string(), id: z.string(), areaCode: z.string(), since: z.number() })),
  villages: z.array(z.object({ areaCode: z.string(), count: z.number().int().min(0), oldestAt: z.number() })),
});
export type RelayPendingAnswer = z.infer<typeof relayPendingAnswerSchema>;
