import { childrenOf, countiesOf, padAreaCode, villagesIn } from '../../../shared/areas';
import { scopePrefix, type Role, type SessionUser } from '../../../shared/auth/roles';

/** Posts a user may create: only those below its own level (the server checks the same). */
export function creatableRoles(user: SessionUser): Role[] {
  switch (user.role) {
    case 'township':
      return ['assistant'];
    // A township relay (乡镇中转站) is the county's to set up: its PC carries the township's data up.
    case 'county':
      return ['assistant', 'social_worker', 'township', 'relay'];
    case 'city':
    case 'admin':
      return ['assistant', 'social_worker', 'township', 'county', 'relay'];
    default:
      return [];
  }
}

/** The areas a new account of that post can work in, inside the creator's scope, as 12-digit codes. */
export function areaChoices(user: SessionUser, role: Role): { value: string; code: string }[] {
  const scope = scopePrefix(user.role, user.areaCode);
  if (role === 'assistant') return villagesIn(scope).map((v) => ({ value: v.code, code: v.code }));
  const counties = countiesOf().filter((c) => c.code.startsWith(scope) || scope.startsWith(c.code));
  if (role === 'county') return counties.map((c) => ({ value: padAreaCode(c.code), code: c.code }));
  return counties
    .flatMap((c) => childrenOf(c.code))
    .filter((t) => t.code.startsWith(scope))
    .map((t) => ({ value: padAreaCode(t.code), code: t.code }));
}
