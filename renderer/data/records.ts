import { useCallback } from 'react';
import { map } from 'rxjs';
import type { z } from 'zod';
import type { Household, householdFormSchema } from '../../shared/schemas/household';
import type { Visit, visitFormSchema } from '../../shared/schemas/visit';
import { useWorkspace } from './AppDataProvider';
import { saveHousehold } from './householdRecords';
import { useObservable } from './useObservable';
import { saveVisit } from './visitRecords';

export interface HouseholdSearch {
  /** Part of any member's name (姓名). */
  text?: string;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Live list: re-renders when a local save or a sync changes the households. Newest first. */
export function useHouseholds(search: HouseholdSearch): { households: Household[]; loading: boolean } {
  const { db } = useWorkspace();
  const text = search.text?.trim() ?? '';
  const result = useObservable<{ households: Household[]; loading: boolean }>(
    () =>
      db.households
        .find({
          selector: text ? { members: { $elemMatch: { name: { $regex: escapeRegex(text) } } } } : {},
          sort: [{ updatedAt: 'desc' }],
        })
        .$.pipe(map((docs) => ({ households: docs.map((d) => d.toJSON() as Household), loading: false }))),
    { households: [], loading: true },
    [db, text],
  );
  return result;
}

/** undefined while loading, null when there is no such household. */
export function useHousehold(id: string): Household | null | undefined {
  const { db } = useWorkspace();
  return useObservable<Household | null | undefined>(
    () => db.households.findOne(id).$.pipe(map((doc) => (doc ? (doc.toJSON() as Household) : null))),
    undefined,
    [db, id],
  );
}

/** Visits of one household, newest visit date first, live. */
export function useVisits(householdId: string): Visit[] {
  const { db } = useWorkspace();
  return useObservable<Visit[]>(
    () =>
      db.visits
        .find({ selector: { householdId }, sort: [{ updatedAt: 'desc' }] })
        .$.pipe(map((docs) => docs.map((d) => d.toJSON() as Visit).sort((a, b) => b.visitDate.localeCompare(a.visitDate)))),
    [],
    [db, householdId],
  );
}

export type HouseholdFormOutput = z.output<typeof householdFormSchema> & { areaCode: string };

/** Saves locally at once (never waits on the network). Pass the id to update an existing household. */
export function useSaveHousehold(): (form: HouseholdFormOutput, existingId?: string) => Promise<Household> {
  const workspace = useWorkspace();
  return useCallback((form, existingId) => saveHousehold(workspace, form, existingId), [workspace]);
}

export type VisitFormOutput = z.output<typeof visitFormSchema>;

export function useSaveVisit(): (householdId: string, form: VisitFormOutput) => Promise<Visit> {
  const workspace = useWorkspace();
  return useCallback((householdId, form) => saveVisit(workspace, householdId, form), [workspace]);
}
