import { z } from 'zod';

/**
 * `GET /api/v1/status-check/settings`: the address residents reach the server at
 * (`JIUZHU_PUBLIC_URL`), which acceptance receipts print as `<it>/q/<code>`; null when the county
 * has not set one (the laptop then prints the address it syncs with).
 */
export const statusCheckSettingsAnswerSchema = z.strictObject({ publicUrl: z.string().nullable() });
export type StatusCheckSettingsAnswer = z.infer<typeof statusCheckSettingsAnswerSchema>;
