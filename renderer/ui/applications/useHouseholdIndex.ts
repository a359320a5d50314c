import { useMemo } from 'react';
import type { Household } from '../../../shared/schemas/household';
import { useHouseholds, type HouseholdSearch } from '../../data';

// Stable, so the data layer's live query is not rebuilt on every render.
const everyHousehold: HouseholdSearch = { includeArchived: true };

/** Every household on this computer by id (archived ones too): for names in application lists. */
export function useHouseholdIndex(): { byId: Map<string, Household>; loading: boolean } {
  const { households, loading } = useHouseholds(everyHousehold);
  const byId = useMemo(() => new Map(households.map((household) => [household.id, household])), [households]);
  return { byId, loading };
}
