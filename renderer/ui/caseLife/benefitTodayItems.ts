/**
 * What a benefit's life puts on 今日 (pure, no React): a 渐退期 ending this month (the payment
 * stops after it), a review due by a set date (benefit.reviewDueBy), a review visit whose outcome
 * the township has still to record, a review that found "adjust"
 * or "stop" and waits for the county's change, and — for the township in
 * the last days of a month — this month's 花名册 to check before the month closes. Reviews by the
 * rhythm and after a member's death are the visit card's (reviewSchedule.ts).
 */
import type { Role } from '../../../shared/auth/roles';
import { chinaDateOf } from '../../../shared/domain/chinaTime';
import { addMonthsTo, monthOf, reviewVisitToRecord, type ReviewVisit } from '../../../shared/rules/benefit';
import { addCalendarDays, addMonths, calendarDaysBetween } from '../../../shared/rules/dates';
import { rosterFor } from '../../../shared/rules/roster';
import type { ApplicationType } from '../../../shared/schemas/application';
import type { ApplicationSummary } from '../../../shared/rules/applicationSummary';
import type { ReviewOutcome } from '../../../shared/vocabulary/caseLife';

export type BenefitDue = 'phaseOutEnds' | 'reviewDue' | 'reviewToRecord' | 'reviewDecision' | 'rosterCheck';

export interface BenefitTodayItem {
  kind: 'benefit';
  what: BenefitDue;
  key: string;
  /** reviewDecision: what the review found (adjust or stop), which the county acts on; reviewToRecord: what the visit found. */
  outcome?: ReviewOutcome;
  /** '' for the month's roster, which is no one household's. */
  householdId: string;
  applicationType?: ApplicationType;
  due: string;
  daysLeft: number;
  unit: 'calendarDays';
  to: string;
}

/** The roster is checked in the month's last five days, before it goes to the payment office. */
export const ROSTER_CHECK_DAYS = 5;
/** A review due within this many days is listed (as the visits' 14). */
const REVIEW_DAYS = 14;

const lastDayOf = (month: string) => addCalendarDays(`${addMonthsTo(month, 1)}-01`, -1);

/** Which benefit items each role answers for: the county decides stops and reviews, the township checks the roster. */
export function benefitItems(
  applications: readonly ApplicationSummary[],
  role: Role,
  today: string,
  areaPrefix: string,
  latestVisits: ReadonlyMap<string, ReviewVisit> = new Map(),
): BenefitTodayItem[] {
  if (role !== 'township' && role !== 'county') return [];
  const month = monthOf(today);
  const monthEnd = lastDayOf(month);
  const items: BenefitTodayItem[] = [];
  for (const application of applications) {
    const benefit = application.benefit;
    if (application.status !== 'approved' || !benefit || benefit.state === 'stopped') continue;
    const base = { kind: 'benefit' as const, householdId: application.householdId, applicationType: application.type, unit: 'calendarDays' as const, to: `/applications/${application.id}` };
    if (benefit.state === 'phasingOut' && benefit.phaseOutUntil === month) {
      items.push({ ...base, what: 'phaseOutEnds', key: `phaseOut:${application.id}`, due: monthEnd, daysLeft: calendarDaysBetween(today, monthEnd) });
    }
    const dueBy = benefit.reviewDueBy;
    // Done once a review is recorded within the three months before the date it was due by.
    const reviewed = dueBy !== undefined && benefit.reviews.some((review) => review.on >= addMonths(dueBy, -3));
    if (dueBy !== undefined && !reviewed && dueBy <= addCalendarDays(today, REVIEW_DAYS)) {
      items.push({ ...base, what: 'reviewDue', key: `review:${application.id}`, due: dueBy, daysLeft: calendarDaysBetween(today, dueBy) });
    }
    // A review visit's outcome waits for the township to record it on the benefit.
    const visit = role === 'township' ? reviewVisitToRecord(benefit, latestVisits.get(application.householdId)) : undefined;
    if (visit?.reviewOutcome) {
      items.push({ ...base, what: 'reviewToRecord', outcome: visit.reviewOutcome, key: `record:${application.id}`, due: visit.visitDate, daysLeft: calendarDaysBetween(today, visit.visitDate) });
    }
    // A review that found "adjust" or "stop" drives the county's next step, until a change follows it.
    const last = benefit.reviews.at(-1);
    const acted = last !== undefined && benefit.changes.some((change) => chinaDateOf(change.at) >= last.on);
    if (role === 'county' && last && last.outcome !== 'continue' && !acted) {
      items.push({ ...base, what: 'reviewDecision', outcome: last.outcome, key: `decide:${application.id}`, due: last.on, daysLeft: calendarDaysBetween(today, last.on) });
    }
  }
  const daysLeft = calendarDaysBetween(today, monthEnd);
  if (role === 'township' && daysLeft < ROSTER_CHECK_DAYS && rosterFor(month, areaPrefix, applications, new Map()).length > 0) {
    items.push({ kind: 'benefit', what: 'rosterCheck', key: `roster:${month}`, householdId: '', due: monthEnd, daysLeft, unit: 'calendarDays', to: '/roster' });
  }
  return items.sort((a, b) => a.due.localeCompare(b.due) || a.key.localeCompare(b.key));
}
