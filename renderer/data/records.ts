import { useCallback, useEffect, useState } from 'react';
import { hashIdNumber } from '../../shared/domain/idHash';
import { map } from 'rxjs';
import type { z } from 'zod';
import type { Household, HouseholdCategory, householdFormSchema } from '../../shared/schemas/household';
import type { Visit, visitFormSchema } from '../../shared/schemas/visit';
import { useWorkspace } from './AppDataProvider';
import { archiveHousehold, saveHousehold } from './householdRecords';
import { useObservable } from './useObservable';
import { saveVisit } from './visitRecords';

export interface HouseholdSearch {
  /** Part of any member's name (姓名), or a whole 18-character ID number (exact match). */
  text?: string;
  /** 12-digit village code. */
  villageCode?: string;
  category?: HouseholdCategory;
  /** Archived households are hidden unless asked for. */
  includeArchived?: boolean;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const looksLikeIdNumber = (text: string) => /^\d{17}[\dXx]$/.test(text);

/** The keyed hash of an ID number typed into the search box; null while it is computed. */
function useIdHash(text: string): string | null {
  const { searchKey } = useWorkspace();
  const [hash, setHash] = useState<{ text: string; hash: string } | null>(null);
  useEffect(() => {
    if (!searchKey || !looksLikeIdNumber(text)) return;
    let live = true;
    void hashIdNumber(searchKey, text).then((value) => live && setHash({ text, hash: value }));
    return () => {
      live = false;
    };
  }, [searchKey, text]);
  return hash?.text === text ? hash.hash : null;
}

/** Live list: re-renders when a local save or a sync changes the households. Newest first. */
export function useHouseholds(search: HouseholdSearch): { households: Household[]; loading: boolean } {
  const { db } = useWorkspace();
  const text = search.text?.trim() ?? '';
  const idHash = useIdHash(text);
  const byId = looksLikeIdNumber(text);
  const selector: Record<string, unknown> = {};
  if (byId) selector['idHashes'] = idHash ?? '-';
  else if (text) selector['members'] = { $elemMatch: { name: { $regex: escapeRegex(text) } } };
  if (search.villageCode) selector['areaCode'] = search.villageCode;
  if (search.category) selector['categories'] = search.category;
  if (!search.includeArchived) selector['archived'] = { $exists: false };
  const key = JSON.stringify(selector);
  const result = useObservable<{ households: Household[]; loading: boolean }>(
    () =>
      db.households
        .find({ selector: JSON.parse(key) as Record<string, never>, sort: [{ updatedAt: 'desc' }] })
        .$.pipe(map((docs) => ({ households: docs.map((d) => d.toJSON() as Household), loading: false }))),
    { households: [], loading: true },
    [db, key],
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

/** 归档 with a reason; the household stays readable under "include archived". */
export function useArchiveHousehold(): (id: string, reason: string) => Promise<Household> {
  const workspace = useWorkspace();
  return useCallback((id, reason) => archiveHousehold(workspace, id, reason), [workspace]);
}

/** Every visit in the local database (the village's or township's), newest first: for the 今日 page. */
export function useAllVisits(): Visit[] {
  const { db } = useWorkspace();
  return useObservable<Visit[]>(
    () => db.visits.find({ sort: [{ updatedAt: 'desc' }] }).$.pipe(map((docs) => docs.map((d) => d.toJSON() as Visit))),
    [],
    [db],
  );
}
