import { scopePrefix } from '../../../shared/auth/roles';
import { useAuth } from '../../data';

/** The signed-in user's area prefix: what an unfiltered list covers, for the export's audit record. */
export function useScopePrefix(): string {
  const { session } = useAuth();
  return session ? scopePrefix(session.user.role, session.user.areaCode) : '';
}
