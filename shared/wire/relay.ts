import { z } from 'zod';
import { roles } from '../vocabulary/roles';
import { syncedCollections } from './collectionNames';

/**
 * What the central server and a township relay say to each other (issue 17): the relay forwards
 * each laptop's signed push batch as it came (`POST /api/v1/relay/forward`) and keeps a copy of
 * its township's accounts (`GET /api/v1/relay/accounts`) to sign people in while the county is
 * away. The relay and the app parse these answers with these schemas.
 */

/** A document as the sync protocol carries it (shared/sync/wire.ts `WireDocument`): checked as an object with an id only — the push path checks the rest. */
const wireDocument = z.custom<Record<string, unknown> & { _deleted: boolean }>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { id?: unknown }).id === 'string',
  'not a document',
);

/**
 * One row of a push (shared/sync/wire.ts `PushRow`). Any object passes here: the central server
 * refuses a bad row exactly as it refuses it in a push (422 `invalid_document`, naming the field).
 */
const pushRow = z.custom<{ assumedMasterState: (Record<string, unknown> & { _deleted: boolean }) | null; newDocumentState: Record<string, unknown> & { _deleted: boolean } }>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  'not a push row',
);

/**
 * `POST /api/v1/relay/forward` (relay accounts only): one laptop's push batch, as the laptop sent it.
 * `signature` is the laptop's `x-jiuzhu-push-signature` (shared/sync/pushSignature.ts) over
 * `userId`, `deviceId`, `collection` and `rows`; `batchId` is the relay's name for the batch.
 */
export const relayForwardBodySchema = z.object({
  batchId: z.string().min(1).max(80),
  collection: z.enum(syncedCollections),
  userId: z.string().min(1).max(80),
  deviceId: z.string().min(1).max(80),
  rows: z.array(pushRow),
  signature: z.string().min(1).max(200),
});
export type RelayForwardBody = z.infer<typeof relayForwardBodySchema>;

/** Its answer (200): the push's own — the masters of the rows the server kept another version of. */
export const relayForwardAnswerSchema = z.object({ conflicts: z.array(wireDocument) });
export type RelayForwardAnswer = z.infer<typeof relayForwardAnswerSchema>;

/** One laptop of an account: a revoked one signs in nowhere; a changed `sessionEpoch` ends its sessions. */
export const relayDeviceSchema = z.object({
  deviceId: z.string(),
  revoked: z.boolean(),
  sessionEpoch: z.number().int(),
});
export type RelayDevice = z.infer<typeof relayDeviceSchema>;

/** An account of the relay's township (never another relay's, never a password hash). */
export const relayAccountSchema = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  /** The user's own 12-digit area code. */
  areaCode: z.string().regex(/^\d{12}$/),
  active: z.boolean(),
  devices: z.array(relayDeviceSchema),
});
export type RelayAccount = z.infer<typeof relayAccountSchema>;

/** `GET /api/v1/relay/accounts` (relay accounts only): every account inside the relay's township. */
export const relayAccountsAnswerSchema = z.object({ accounts: z.array(relayAccountSchema) });
export type RelayAccountsAnswer = z.infer<typeof relayAccountsAnswerSchema>;
