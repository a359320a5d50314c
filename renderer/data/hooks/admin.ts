import { useCallback, useEffect, useState } from 'react';
import type { Role } from '../../../shared/auth/roles';
import { adminUserAnswerSchema, adminUsersAnswerSchema, type AdminUser } from '../../../shared/wire/adminUsers';
import { useWorkspace } from './AppDataProvider';
import { SyncHttpError } from '../core/httpErrors';

/** A user as the server's admin API shows it (devices with their last sign-in): the shared wire type. */
export type ManagedUser = AdminUser;

export interface NewAccount {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  areaCode: string;
}

/** Why an admin call failed, as an i18n key under `admin.error.*`. */
export function adminErrorKey(error: unknown): string {
  if (error instanceof SyncHttpError) {
    if (error.kind === 'network') return 'admin.error.offline';
    if (error.code === 'username_taken') return 'admin.error.usernameTaken';
    if (error.kind === 'forbidden') return 'admin.error.outOfScope';
    if (error.kind === 'invalid') return 'admin.error.invalid';
  }
  return 'admin.error.server';
}

/**
 * Accounts the signed-in township or county manages. Administration needs the server: it is
 * never queued offline, and the page says so when the network is gone.
 */
export function useManagedUsers() {
  const { client } = useWorkspace();
  const [users, setUsers] = useState<ManagedUser[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const answer = await client.call('GET', '/api/v1/admin/users', adminUsersAnswerSchema);
      setUsers(answer.users);
      setError(null);
    } catch (failure) {
      setError(adminErrorKey(failure));
    }
  }, [client]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the list comes from the server: asked on mount, and again by 刷新 and after each change.
    void reload();
  }, [reload]);

  const act = useCallback(
    async (method: 'POST', path: string, body?: unknown) => {
      await client.call(method, path, adminUserAnswerSchema, body);
      await reload();
    },
    [client, reload],
  );

  return {
    users,
    error,
    reload,
    createUser: (account: NewAccount) => act('POST', '/api/v1/admin/users', account),
    resetPassword: (userId: string, password: string) => act('POST', `/api/v1/admin/users/${encodeURIComponent(userId)}/password`, { password }),
    deactivate: (userId: string) => act('POST', `/api/v1/admin/users/${encodeURIComponent(userId)}/deactivate`),
    revokeDevice: (userId: string, deviceId: string) =>
      act('POST', `/api/v1/admin/users/${encodeURIComponent(userId)}/devices/${encodeURIComponent(deviceId)}/revoke`),
  };
}
