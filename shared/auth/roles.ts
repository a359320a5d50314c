import { findArea, type AreaLevel } from '../areas';
import { personRoles, roles, type PersonRole, type Role } from '../vocabulary/roles';

/** Roles (their names are in shared/vocabulary/roles.ts) and the length of the area-code prefix each one's scope has (sync-protocol.md). */
export { personRoles, roles, type PersonRole, type Role };

const scopeLength: Record<Role, number> = {
  assistant: 12, // 村级协理员: one village
  social_worker: 9, // 社工: a township
  township: 9, // 乡镇工作人员
  county: 6, // 县级民政
  city: 4, // 市级
  admin: 0,
  relay: 9, // 乡镇中转站: reads its township and forwards its villages' pushes, never writes itself
};

/** A role that signs a step or has a colleague's record: any but a relay's, which never does. */
export function personRoleOf(role: Role): PersonRole {
  if (role === 'relay') throw new Error('a township relay acts for nobody: it signs no step and has no colleague record');
  return role;
}

/** The area prefix that bounds what a user may read and write. */
export function scopePrefix(role: Role, areaCode: string): string {
  return areaCode.slice(0, scopeLength[role]);
}

const scopeLevel: Record<Role, AreaLevel | null> = {
  assistant: 'village',
  social_worker: 'township',
  township: 'township',
  county: 'county',
  city: 'city',
  admin: null,
  relay: 'township',
};

/**
 * Whether a 12-digit area code fits the role: an assistant names a real village, a township
 * user a real township padded with zeros, and so on.
 */
export function isAreaCodeValidForRole(role: Role, areaCode: string): boolean {
  if (!/^\d{12}$/.test(areaCode)) return false;
  const len = scopeLength[role];
  if (!/^0*$/.test(areaCode.slice(len))) return false;
  const level = scopeLevel[role];
  return level === null || findArea(areaCode.slice(0, len))?.level === level;
}

export function isInScope(docAreaCode: string, prefix: string): boolean {
  return docAreaCode.startsWith(prefix);
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** 12-digit code; the role decides how much of it is the scope. */
  areaCode: string;
}
