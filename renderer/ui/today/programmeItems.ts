/**
 * 今日 rows the programmes' paths add: a 急难 file the township granted at once and must still
 * complete (listed until the county has decided, overdue after its due date), and recognitions
 * (低保边缘, 刚性支出) lapsing within 30 days, for the township and the village assistant to plan
 * the re-assessment (listed until it is started: 重新认定).
 */
import type { Role } from '../../../shared/auth/roles';
import { addCalendarDays, calendarDaysBetween } from '../../../shared/rules/dates';
import { emergencyFileOpen } from '../../../shared/rules/programmes/emergencyGrant';
import { renewalOf } from '../../../shared/rules/recognitionRenewal';
import type { ApplicationSummary } from '../../../shared/rules/applicationSummary';
import type { TodayItem } from './todayItems';

/** Recognitions lapsing within this many days are listed (and those lapsed as long ago, as overdue). */
export const RECOGNITION_LAPSE_DAYS = 30;

export function programmeItems(applications: readonly ApplicationSummary[], role: Role, today: string): TodayItem[] {
  const items: TodayItem[] = [];
  for (const application of applications) {
    const grant = application.emergencyGrant;
    if (role === 'township' && grant && emergencyFileOpen(application)) {
      items.push({
        kind: 'programme',
        reminder: 'emergencyFile',
        key: `emergencyFile:${application.id}`,
        householdId: application.householdId,
        due: grant.fileDueBy,
        daysLeft: calendarDaysBetween(today, grant.fileDueBy),
        unit: 'calendarDays',
        applicationType: application.type,
        to: `/applications/${application.id}`,
      });
    }
    const validUntil = application.decision?.validUntil;
    // Listed until it is assessed again (重新认定: a later application of its type).
    if (
      (role === 'township' || role === 'assistant') &&
      application.status === 'approved' &&
      validUntil !== undefined &&
      renewalOf(application, applications) === undefined &&
      validUntil <= addCalendarDays(today, RECOGNITION_LAPSE_DAYS) &&
      validUntil >= addCalendarDays(today, -RECOGNITION_LAPSE_DAYS)
    ) {
      items.push({
        kind: 'programme',
        reminder: 'recognitionLapsing',
        key: `recognition:${application.id}`,
        householdId: application.householdId,
        due: validUntil,
        daysLeft: calendarDaysBetween(today, validUntil),
        unit: 'calendarDays',
        applicationType: application.type,
        to: `/applications/${application.id}`,
      });
    }
  }
  return items.sort((a, b) => a.due.localeCompare(b.due) || a.key.localeCompare(b.key));
}
