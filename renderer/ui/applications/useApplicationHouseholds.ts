import { useMemo } from 'react';
import type { Application } from '../../../shared/schemas/application';
import type { Household } from '../../../shared/schemas/household';
import { useHouseholdsByIds } from '../../data';

/**
 * The households of the listed applications by id (archived ones too), for the applicants' names:
 * a name is found by member id, and members are encrypted, so just these households are read.
 */
export function useApplicationHouseholds(applications: readonly Application[]): { byId: Map<string, Household>; loading: boolean } {
  const ids = useMemo(() => applications.map((application) => application.householdId), [applications]);
  return useHouseholdsByIds(ids);
}
