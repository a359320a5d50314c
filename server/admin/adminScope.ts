import { scopePrefix, type Role } from '../../shared/auth/roles';
import type { Caller } from '../auth/caller';

/** Roles that manage accounts; village assistants and social workers manage none. */
export const ADMIN_ROLES = ['township', 'county', 'city', 'admin'] as const satisfies readonly Role[];

export interface AdministeredUser {
  id: string;
  role: Role;
  areaCode: string;
}

/**
 * Whether the caller may deactivate the user or revoke the user's devices: the user lies inside
 * the caller's area and works at a narrower level (a township manages its villages' assistants,
 * not its own colleagues; a county everyone below it in the county). An admin manages everyone
 * but themself, so that an admin cannot lock the last admin out by mistake.
 */
export function mayAdminister(caller: Caller, target: AdministeredUser): boolean {
  if (caller.role === 'admin') return target.id !== caller.userId;
  if (!(ADMIN_ROLES as readonly Role[]).includes(caller.role)) return false;
  return target.areaCode.startsWith(caller.scope) && scopePrefix(target.role, target.areaCode).length > caller.scope.length;
}
