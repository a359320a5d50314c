// STUB — being implemented; signatures are final.
import type { z } from 'zod';
import type { Household, householdFormSchema } from '../../shared/schemas/household';
import type { Visit, visitFormSchema } from '../../shared/schemas/visit';

export interface HouseholdSearch {
  /** Part of any member's name (姓名). */
  text?: string;
}

/** Live list: re-renders when a local save or a sync changes the households. Newest first. */
export function useHouseholds(_search: HouseholdSearch): { households: Household[]; loading: boolean } {
  throw new Error('not implemented');
}

/** undefined while loading, null when there is no such household. */
export function useHousehold(_id: string): Household | null | undefined {
  throw new Error('not implemented');
}

/** Visits of one household, newest visit date first, live. */
export function useVisits(_householdId: string): Visit[] {
  throw new Error('not implemented');
}

export type HouseholdFormOutput = z.output<typeof householdFormSchema> & { areaCode: string };

/** Saves locally at once (never waits on the network). Pass the id to update an existing household. */
export function useSaveHousehold(): (form: HouseholdFormOutput, existingId?: string) => Promise<Household> {
  throw new Error('not implemented');
}

export type VisitFormOutput = z.output<typeof visitFormSchema>;

export function useSaveVisit(): (householdId: string, form: VisitFormOutput) => Promise<Visit> {
  throw new Error('not implemented');
}
