import { z } from 'zod';

/**
 * The contract's error shape (sync-protocol.md), every refusal the server sends:
 * `{"error":{"code","message","details"?}}`. `message` is Chinese, for people; `code` is for the
 * app; `details` names ids and fields, never values.
 */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
