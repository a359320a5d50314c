import { z } from 'zod';
import { syncedCollections } from './collectionNames';

/** `POST /api/v1/bundles/import`: what a USB bundle stored, per collection, and the server's versions of what collided. */
export const bundleImportAnswerSchema = z.object({
  stored: z.partialRecord(z.enum(syncedCollections), z.number().int().min(0)),
  conflicts: z.partialRecord(z.enum(syncedCollections), z.array(z.unknown())),
});
export type BundleImportAnswer = z.infer<typeof bundleImportAnswerSchema>;

/** `POST /api/v1/audit/exports`: whether this export was recorded now (false: it had been already). */
export const exportAuditAnswerSchema = z.object({ recorded: z.boolean() });
export type ExportAuditAnswer = z.infer<typeof exportAuditAnswerSchema>;
