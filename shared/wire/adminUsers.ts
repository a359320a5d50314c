import { z } from 'zod';
import { roles } from '../vocabulary/roles';

/** One of a user's laptops, as account administration shows it. Times are ISO 8601. */
export const adminDeviceSchema = z.object({
  deviceId: z.string(),
  deviceName: z.string().nullable(),
  /** When the device was stopped (停用); null while it may sign in. */
  revokedAt: z.string().nullable(),
  /** Its latest sign-in or token refresh. */
  lastSeenAt: z.string(),
});
export type AdminDevice = z.infer<typeof adminDeviceSchema>;

/** A user as an administrator sees it: account state and devices, never the password hash. */
export const adminUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  /** The user's own 12-digit area code. */
  areaCode: z.string(),
  active: z.boolean(),
  /** Latest sign-in or token refresh on any device; null if the user never signed in. */
  lastSeenAt: z.string().nullable(),
  /** Most recently seen first. */
  devices: z.array(adminDeviceSchema),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

/** `GET /api/v1/admin/users`: the users the caller manages, by area, then username. */
export const adminUsersAnswerSchema = z.object({ users: z.array(adminUserSchema) });
export type AdminUsersAnswer = z.infer<typeof adminUsersAnswerSchema>;

/** `POST /api/v1/admin/users` (201), `…/:id/password`, `…/:id/deactivate`, `…/devices/:deviceId/revoke`: the user as it is now. */
export const adminUserAnswerSchema = z.object({ user: adminUserSchema });
export type AdminUserAnswer = z.infer<typeof adminUserAnswerSchema>;
