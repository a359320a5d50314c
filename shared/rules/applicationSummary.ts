import type { BenefitFacts } from './benefit';
import type { Application, ApplicationHistoryEntry } from '../schemas/application';

/**
 * An application as 今日 reads it: its path (status, history without notes, the dates the statutory
 * deadlines count from), promised documents, the programmes' grant and decision, and the benefit.
 * No income, property, spending, medical costs, findings or free text (notes, reasons, a refusal's
 * words): the laptop keeps these
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
  | 'emergencyGrant'
  | 'emergency'
  | 'extended'
> & {
  history: Omit<ApplicationHistoryEntry, 'note'>[];
  documents: Omit<Application['documents'][number], 'note'>[];
  decision?: Omit<NonNullable<Application['decision']>, 'refusalReason'> | undefined;
  benefit?: BenefitFacts | undefined;
  investigation?: { startedOn?: string | undefined } | undefined;
  publicNotice?: { start: string } | undefined;
};

/** The summary of a whole application (what the index keeps of it). */
export function applicationSummaryOf(application: Application): ApplicationSummary {
  const { id, householdId, areaCode, createdAt, updatedAt, type, status, coveredMemberIds } = application;
  const { decision, benefit } = application;
  return {
    id,
    householdId,
    areaCode,
    createdAt,
    updatedAt,
    type,
    status,
    coveredMemberIds,
    documents: application.documents.map(({ note: _note, ...document }) => document),
    history: application.history.map(({ note: _note, ...entry }) => entry),
    ...(application.emergencyGrant ? { emergencyGrant: application.emergencyGrant } : {}),
    ...(decision ? { decision: withoutKey(decision, 'refusalReason') } : {}),
    ...(benefit
      ? {
          benefit: {
            ...benefit,
            changes: benefit.changes.map(({ reason: _reason, ...change }) => change),
            reviews: benefit.reviews.map(({ note: _note, ...review }) => review),
          },
        }
      : {}),
    ...(application.emergency !== undefined ? { emergency: application.emergency } : {}),
    ...(application.extended !== undefined ? { extended: application.extended } : {}),
    ...(application.investigation?.startedOn ? { investigation: { startedOn: application.investigation.startedOn } } : {}),
    ...(application.publicNotice ? { publicNotice: { start: application.publicNotice.start } } : {}),
  };
}

function withoutKey<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const { [key]: _dropped, ...rest } = value;
  return rest;
}
