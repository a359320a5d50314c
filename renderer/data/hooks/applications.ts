import { useCallback } from 'react';
import { map, of } from 'rxjs';
import type { ApplicationAction, ApplicationStatus } from '../../../shared/rules/applicationStatus';
import type { Application, ApplicationForm } from '../../../shared/schemas/application';
import { useWorkspace } from './AppDataProvider';
import { applyAction, createApplication, revokeTrackingCode, updateApplication, type ActionInput } from '../applications/applicationRecords';
import { useObservable } from './useObservable';
import type { EmergencyFigures } from '../../../shared/rules/programmes/emergencyGrant';
import { grantEmergency, recordVerification, type EmergencyGrantInput, type VerificationInput } from '../applications/programmeRecords';
import { renewRecognition } from '../applications/recognitionRenewal';
import type { ApplicationSummary } from '../../../shared/rules/applicationSummary';
import { applicationSummaries$ } from '../applications/applicationIndex';

export interface ApplicationFilter {
  householdId?: string;
  /** Any of these statuses (a queue: 待受理, 待县审核确认 …). */
  statuses?: ApplicationStatus[];
}

/**
 * Applications in the local database, newest change first, live. `null`: none are needed (a 今日
 * without application cards), so none are read and decrypted.
 */
export function useApplications(filter: ApplicationFilter | null = {}): { applications: Application[]; loading: boolean } {
  const { db } = useWorkspace();
  const selector: Record<string, unknown> = {};
  if (filter?.householdId) selector['householdId'] = filter.householdId;
  if (filter?.statuses) selector['status'] = { $in: filter.statuses };
  const key = filter ? JSON.stringify(selector) : null;
  return useObservable<{ applications: Application[]; loading: boolean }>(
    () =>
      key === null
        ? of({ applications: [], loading: false })
        : db.applications
            .find({ selector: JSON.parse(key) as Record<string, never>, sort: [{ updatedAt: 'desc' }] })
            .$.pipe(map((docs) => ({ applications: docs.map((d) => d.toJSON() as Application), loading: false }))),
    { applications: [], loading: true },
    [db, key],
  );
}

const noSummaries: { summaries: readonly ApplicationSummary[]; loading: boolean } = { summaries: [], loading: true };

/**
 * Every application's summary (what 今日 reads), newest change first, live, from the application
 * index: no application is decrypted whole. `needed` false: nothing is read (a 今日 without
 * application cards).
 */
export function useApplicationSummaries(needed: boolean): { summaries: readonly ApplicationSummary[]; loading: boolean } {
  const { db } = useWorkspace();
  return useObservable(
    () => (needed ? applicationSummaries$(db).pipe(map((summaries) => ({ summaries, loading: false }))) : of({ summaries: [], loading: false })),
    noSummaries,
    [db, needed],
  );
}

/** undefined while loading, null when there is no such application. */
export function useApplication(id: string): Application | null | undefined {
  const { db } = useWorkspace();
  return useObservable<Application | null | undefined>(
    () => db.applications.findOne(id).$.pipe(map((doc) => (doc ? (doc.toJSON() as Application) : null))),
    undefined,
    [db, id],
  );
}

export function useCreateApplication(): (householdId: string, form: ApplicationForm) => Promise<Application> {
  const workspace = useWorkspace();
  return useCallback((householdId, form) => createApplication(workspace, householdId, form), [workspace]);
}

export function useUpdateApplication(): (id: string, form: ApplicationForm) => Promise<Application> {
  const workspace = useWorkspace();
  return useCallback((id, form) => updateApplication(workspace, id, form), [workspace]);
}

/** Runs one step of the path; rejects with ActionRefusedError (its `problems` in Chinese) when not allowed. */
export function useApplyAction(): (id: string, action: ApplicationAction, input?: ActionInput) => Promise<Application> {
  const workspace = useWorkspace();
  return useCallback((id, action, input) => applyAction(workspace, id, action, input), [workspace]);
}

/** 码上查 停用 (rejects with ActionRefusedError, or the write policy's refusal). */
export function useRevokeTrackingCode(): (id: string) => Promise<Application> {
  const workspace = useWorkspace();
  return useCallback((id) => revokeTrackingCode(workspace, id), [workspace]);
}

/** 信息核对: the county records the economic check's result (rejects with ActionRefusedError). */
export function useRecordVerification(): (id: string, input: VerificationInput) => Promise<Application> {
  const workspace = useWorkspace();
  return useCallback((id, input) => recordVerification(workspace, id, input), [workspace]);
}

/** 急难先行救助: the township grants at once (rejects with ActionRefusedError). */
export function useGrantEmergency(): (id: string, input: EmergencyGrantInput, figures: EmergencyFigures | null) => Promise<Application> {
  const workspace = useWorkspace();
  return useCallback((id, input, figures) => grantEmergency(workspace, id, input, figures), [workspace]);
}

/** 重新认定: a lapsing 边缘 or 刚性支出 recognition assessed again, as a new draft application; rejects with ActionRefusedError. */
export function useRenewRecognition(): (id: string) => Promise<Application> {
  const workspace = useWorkspace();
  return useCallback((id) => renewRecognition(workspace, id), [workspace]);
}
