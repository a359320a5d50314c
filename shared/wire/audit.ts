import { z } from 'zod';

/**
 * An audit entry as `GET /api/v1/audit` gives it. `details` holds ids, field names, counts and
 * reasons — never a document's values, a password or a token (server/audit/auditLog.ts).
 */
export const auditEntryViewSchema = z.object({
  id: z.number().int(),
  /** ISO 8601. */
  at: z.string(),
  userId: z.string().nullable(),
  deviceId: z.string().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  collection: z.string().nullable(),
  documentId: z.string().nullable(),
  areaCode: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntryView = z.infer<typeof auditEntryViewSchema>;

/** `GET /api/v1/audit`: the trail of the caller's area, newest first. */
export const auditAnswerSchema = z.object({ entries: z.array(auditEntryViewSchema) });
export type AuditAnswer = z.infer<typeof auditAnswerSchema>;
