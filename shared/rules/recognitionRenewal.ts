/**
 * 重新认定 of a recognition without a payment (低保边缘, 刚性支出): it holds until its valid-until
 * day (B3: 刚性支出 at most 12 months) and is then assessed afresh as a new application of the same
 * type. Which recognitions are assessed again, and whether one already is.
 */
import type { ApplicationStatus } from '../vocabulary/applicationStatuses';

/** The recognitions that lapse and are assessed again (the paid programmes are reviewed instead). */
export const RENEWABLE_TYPES: readonly string[] = ['dibaoEdge', 'rigidExpenditure'];

interface Recognition {
  id: string;
  householdId: string;
  type: string;
  status: ApplicationStatus;
  createdAt: number;
  decision?: { validUntil?: string | undefined } | undefined;
}

export function isRenewableRecognition(application: Pick<Recognition, 'type' | 'status' | 'decision'>): boolean {
  return RENEWABLE_TYPES.includes(application.type) && application.status === 'approved' && application.decision?.validUntil !== undefined;
}

/** The household's later application of the same type that re-assesses it (any not withdrawn or refused), if any. */
export function renewalOf<A extends Recognition>(recognition: Recognition, applications: readonly A[]): A | undefined {
  return applications.find(
    (other) =>
      other.id !== recognition.id &&
      other.householdId === recognition.householdId &&
      other.type === recognition.type &&
      other.createdAt > recognition.createdAt &&
      other.status !== 'withdrawn' &&
      other.status !== 'refused',
  );
}
