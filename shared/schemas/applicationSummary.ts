import type { Application, ApplicationHistoryEntry } from './application';

/**
 * An application as 今日 reads it: its path (status, history without notes, the dates the statutory
 * deadlines count from), promised documents, the programmes' grant and decision, and the benefit.
 * No income, property, spending, medical costs, findings or free text: the laptop keeps these
 * summaries in memory and sealed in a snapshot (renderer/data/applications/applicationIndex.ts),
 * so 今日 does not decrypt every application at each start. A whole Application is one too.
 */
export type ApplicationSummary = Pick<
  Application,
  | 'id'
  | 'householdId'
  | 'areaCode'
  | 'createdAt'
  | 'updatedAt'
  | 'type'
  | 'status'
  | 'coveredMemberIds'
  | 'documents'
  | 'emergencyGrant'
  | 'decision'
  | 'benefit'
  | 'emergency'
  | 'extended'
> & {
  history: Omit<ApplicationHistoryEntry, 'note'>[];
  investigation?: { startedOn?: string | undefined } | undefined;
  publicNotice?: { start: string } | undefined;
};

/** The summary of a whole application (what the index keeps of it). */
export function applicationSummaryOf(application: Application): ApplicationSummary {
  const { id, householdId, areaCode, createdAt, updatedAt, type, status, coveredMemberIds, documents } = application;
  return {
    id,
    householdId,
    areaCode,
    createdAt,
    updatedAt,
    type,
    status,
    coveredMemberIds,
    documents,
    history: application.history.map(({ note: _note, ...entry }) => entry),
    ...(application.emergencyGrant ? { emergencyGrant: application.emergencyGrant } : {}),
    ...(application.decision ? { decision: application.decision } : {}),
    ...(application.benefit ? { benefit: application.benefit } : {}),
    ...(application.emergency !== undefined ? { emergency: application.emergency } : {}),
    ...(application.extended !== undefined ? { extended: application.extended } : {}),
    ...(application.investigation?.startedOn ? { investigation: { startedOn: application.investigation.startedOn } } : {}),
    ...(application.publicNotice ? { publicNotice: { start: application.publicNotice.start } } : {}),
  };
}
