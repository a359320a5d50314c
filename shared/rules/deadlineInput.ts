import { chinaDateOf } from '../domain/chinaTime';
import type { ApplicationSummary } from './applicationSummary';
import type { ApplicationAction } from '../vocabulary/applicationActions';
import type { DeadlineInput } from './deadlines';

/** The date (in China) of the last history entry for `action`, if any. */
function lastDateOf(application: Pick<ApplicationSummary, 'history'>, action: ApplicationAction): string | undefined {
  const entries = application.history.filter((entry) => entry.action === action);
  const last = entries[entries.length - 1];
  return last ? chinaDateOf(last.at) : undefined;
}

/**
 * Every application field `deadlineInputOf` reads (its parameter's type allows no other): a reader
 * that selects only these — the server's SQL figures — gets the same deadlines as a full record.
 */
export const deadlineInputFields = ['type', 'emergency', 'status', 'history', 'investigation', 'publicNotice', 'extended'] as const;

/** The dates `applicationDeadlines` counts from, read off an application's history and process fields. */
export function deadlineInputOf(application: Pick<ApplicationSummary, (typeof deadlineInputFields)[number]>): DeadlineInput {
  const input: DeadlineInput = { type: application.type, status: application.status };
  const acceptedOn = lastDateOf(application, 'accept');
  const investigationStartedOn = application.investigation?.startedOn ?? lastDateOf(application, 'startInvestigation');
  const sentToCountyOn = lastDateOf(application, 'sendToCounty');
  if (acceptedOn) input.acceptedOn = acceptedOn;
  if (investigationStartedOn) input.investigationStartedOn = investigationStartedOn;
  if (application.publicNotice?.start) input.publicNoticeStart = application.publicNotice.start;
  if (sentToCountyOn) input.sentToCountyOn = sentToCountyOn;
  if (application.extended) input.extended = true;
  if (application.emergency) input.emergency = true;
  return input;
}
