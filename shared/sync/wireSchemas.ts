/**
 * zod schemas of the sync protocol's answers (the types are in wire.ts): what the app checks before
 * it believes an answer — a proxy's HTML page, a truncated body or another program answering at the
 * server's address must fail in words, not deep inside RxDB. Documents are checked as objects only:
 * RxDB checks each against its collection's schema as it stores it.
 */
import { z } from 'zod';
import { idleMinutesSchema } from '../wire/countySettings';
import { roles } from '../auth/roles';

const document = z.custom<Record<string, unknown> & { _deleted: boolean }>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { id?: unknown }).id === 'string',
  'not a document',
);

export const checkpointSchema = z.object({ seq: z.number().int().min(0) });

export const pullAnswerSchema = z.object({
  documents: z.array(document),
  checkpoint: checkpointSchema.nullable(),
  total: z.number().int().min(0).optional(),
});
/**
 * A township relay answers a push it has kept but not yet carried up with `relay` (issue 17): the
 * rows are the relay's to forward, the county's answer comes later (shared/wire/relayStatus.ts).
 */
export const pushAnswerSchema = z.object({
  conflicts: z.array(document),
  relay: z.object({ batchId: z.string().min(1).max(80), state: z.literal('pending') }).optional(),
});

export const sessionUserSchema = z.object({
  id: z.string().min(1),
  username: z.string().min(1),
  displayName: z.string(),
  role: z.enum(roles),
  areaCode: z.string().regex(/^\d{12}$/),
});

export const tokenAnswerSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresIn: z.number().positive(),
  user: sessionUserSchema,
  // Absent when a township relay signed the person in while the county was away: the laptop keeps
  // the keys its offline profile holds (renderer/data/core/auth/signIn.ts).
  searchKeys: z.record(z.string(), z.string()).optional(),
  bundleKey: z.string().optional(),
  bundlePublicKey: z.record(z.string(), z.unknown()).optional(),
  deviceDataKey: z.string().optional(),
  // A value out of the county bounds is dropped (the app keeps what it had), never the sign-in.
  idleMinutes: idleMinutesSchema.optional().catch(undefined),
});
