import { useMemo } from 'react';
import type { SyncedCollection } from '../../shared/sync/collections';
import { mayChangeGroup, mayCreate, mayDelete, type Writer } from '../../shared/sync/writeCheck';
import { useAuth } from '../data';

export interface Permissions {
  /** May this user create a record of the collection (登记家庭, 发起申请, 记录照料需求 …)? */
  canCreate(collection: SyncedCollection): boolean;
  /** May this user change the group of this record now (the write policy's group names)? */
  canChange(collection: SyncedCollection, group: string, record: Readonly<Record<string, unknown>>): boolean;
  canDelete(collection: SyncedCollection, record: Readonly<Record<string, unknown>>): boolean;
}

const nothing: Permissions = { canCreate: () => false, canChange: () => false, canDelete: () => false };

/**
 * What the signed-in user may write, read from the same table the server enforces
 * (shared/sync/writePolicy.ts): the app offers a button only where the server would accept.
 */
export function usePermissions(): Permissions {
  const { session } = useAuth();
  const role = session?.user.role;
  const userId = session?.user.id;
  return useMemo(() => {
    if (!role || !userId) return nothing;
    const writer: Writer = { role, userId };
    return {
      canCreate: (collection) => mayCreate(collection, role),
      canChange: (collection, group, record) => mayChangeGroup(collection, group, record, writer),
      canDelete: (collection, record) => mayDelete(collection, record, writer),
    };
  }, [role, userId]);
}
