/**
 * What the 今日 page lists, worked out from the local records with the shared rules. Pure
 * functions, no React: each returns rows sorted by due date, the most urgent first.
 */
import type { Role } from '../../../shared/auth/roles';
import { chinaDateOf } from '../../../shared/domain/chinaTime';
import { addCalendarDays, calendarDaysBetween } from '../../../shared/rules/dates';
import type { DeadlineKey } from '../../../shared/rules/deadlines';
import { memberReviewInput, nextReview, REVIEW_NEAR_DAYS, reviewRhythmOf, type MemberForReview, type ReviewReason } from '../../../shared/rules/reviewSchedule';
import type { Application, ApplicationType, DocumentKind } from '../../../shared/schemas/application';
import type { ApplicationSummary } from '../../../shared/rules/applicationSummary';
import type { CareNeed } from '../../../shared/schemas/careNeed';
import type { NeedCategory } from '../../../shared/schemas/visit';
import { isLaterVisit, type HouseholdSummary, type LatestVisits, type VisitDates } from '../../data';
import { deadlinesOf } from '../applications/applicationFacts';
import { openFollowUps } from '../careNeeds/careNeedFacts';
import type { BenefitTodayItem } from '../caseLife/benefitTodayItems';

export type TodayKind = 'visit' | 'document' | 'deadline' | 'followUp' | 'benefit' | 'programme';

interface ItemBase {
  key: string;
  householdId: string;
  due: string;
  /** How many days from today to `due` (negative once overdue), in `unit`. */
  daysLeft: number;
  unit: 'calendarDays' | 'workingDays';
  /** Where a click leads (a hash route). */
  to: string;
}

export type VisitReason = 'yearly' | 'halfYearly' | 'afterDeath' | 'neverVisited' | 'planned';

export type TodayItem =
  | (ItemBase & { kind: 'visit'; reason: VisitReason })
  | (ItemBase & { kind: 'document'; document: DocumentKind; applicationType: ApplicationType })
  | (ItemBase & { kind: 'deadline'; deadline: DeadlineKey; applicationType: ApplicationType; estimated: boolean })
  | (ItemBase & { kind: 'followUp'; category: NeedCategory })
  | BenefitTodayItem
  // A programme's own reminder (programmeItems.ts): a 急难 file to complete, a recognition lapsing.
  | (ItemBase & { kind: 'programme'; reminder: 'emergencyFile' | 'recognitionLapsing'; applicationType: ApplicationType });

/** 容缺 documents promised within this many days are listed. */
export const DOCUMENT_DAYS = 7;
/** Follow-ups due within this many days are listed. */
export const FOLLOW_UP_DAYS = 3;

/** Which cards a role sees: what that role acts on. */
export const cardsByRole: Record<Role, TodayKind[]> = {
  assistant: ['visit', 'document', 'programme'],
  township: ['visit', 'document', 'deadline', 'benefit', 'programme'],
  social_worker: ['followUp'],
  county: ['deadline', 'benefit'],
  // The city oversees the counties: their decisions falling late.
  city: ['deadline'],
  admin: [],
  // A township PC's account; nobody works cases with it.
  relay: [],
};

const reviewReasons: Record<ReviewReason, VisitReason> = {
  yearly: 'yearly',
  halfYearly: 'halfYearly',
  afterDeath: 'afterDeath',
  'never visited': 'neverVisited',
};

const byDue = <T extends ItemBase>(items: T[]): T[] => items.sort((a, b) => a.due.localeCompare(b.due) || a.key.localeCompare(b.key));

/**
 * What `visitItems` needs of a household: plain fields and its review members, all in the household
 * index (which keeps only the members that matter, `reviewMembersOf`; all of them give the same).
 */
export type VisitSubject = Pick<HouseholdSummary, 'id' | 'archived' | 'categories' | 'createdAt' | 'irregularIncome'> & {
  reviewMembers: readonly MemberForReview[];
};

/**
 * Review visits (动态管理, B1 art. 31) overdue or due within 14 days, for 低保 and 特困 households
 * (`reviewRhythmOf`); and, for any household, the next visit agreed at its last visit when that is sooner.
 * From the household index's summaries: no household is read or decrypted to know which are due.
 */
export function visitItems(households: Iterable<VisitSubject>, visits: VisitsSeen, today: string): TodayItem[] {
  const lastVisit = lastVisits(visits);
  const horizon = addCalendarDays(today, REVIEW_NEAR_DAYS);
  const items: TodayItem[] = [];
  for (const household of households) {
    if (household.archived) continue;
    const last = lastVisit.get(household.id);
    const candidates: { due: string; reason: VisitReason }[] = [];
    const rhythm = reviewRhythmOf(household.categories);
    if (rhythm !== null) {
      const members = memberReviewInput(household.reviewMembers, today);
      const review = nextReview(
        {
          lastVisitDate: last?.visitDate ?? null,
          enrolledOn: chinaDateOf(household.createdAt),
          // 特困: yearly (B2); 低保: half-yearly where income is irregular or someone can work (B1 art. 31).
          irregularIncome: rhythm === 'dibao' && household.irregularIncome,
          membersAbleToWork: rhythm === 'dibao' && members.membersAbleToWork,
          memberDeathDates: members.memberDeathDates,
        },
        today,
      );
      candidates.push({ due: review.due, reason: reviewReasons[review.reason] });
    }
    if (last?.nextVisitDate) candidates.push({ due: last.nextVisitDate, reason: 'planned' });
    const next = candidates.sort((a, b) => a.due.localeCompare(b.due))[0];
    if (!next || next.due > horizon) continue;
    items.push({
      kind: 'visit',
      key: `visit:${household.id}`,
      householdId: household.id,
      due: next.due,
      daysLeft: calendarDaysBetween(today, next.due),
      unit: 'calendarDays',
      reason: next.reason,
      to: `/households/${household.id}`,
    });
  }
  return byDue(items);
}

/**
 * The visits 今日 goes by: each household's latest visit (the visit index's), or a list of visits
 * to find them in.
 */
export type VisitsSeen = LatestVisits | readonly VisitDates[];

/** Each household's latest visit, by visit date (on the same day, the one written last). */
function lastVisits(visits: VisitsSeen): LatestVisits {
  if (!Array.isArray(visits)) return visits as LatestVisits;
  const lastVisit = new Map<string, VisitDates>();
  for (const visit of visits as readonly VisitDates[]) {
    if (isLaterVisit(visit, lastVisit.get(visit.householdId))) lastVisit.set(visit.householdId, visit);
  }
  return lastVisit;
}

const closedApplication = new Set<Application['status']>(['withdrawn', 'refused']);

/** 容缺受理 documents promised by a date up to 7 days ahead (or already past). */
export function documentItems(applications: readonly ApplicationSummary[], today: string): TodayItem[] {
  const horizon = addCalendarDays(today, DOCUMENT_DAYS);
  const items: TodayItem[] = [];
  for (const application of applications) {
    if (closedApplication.has(application.status)) continue;
    application.documents.forEach((document, index) => {
      if (document.state !== 'promised' || !document.promisedBy || document.promisedBy > horizon) return;
      items.push({
        kind: 'document',
        key: `document:${application.id}:${index}`,
        householdId: application.householdId,
        due: document.promisedBy,
        daysLeft: calendarDaysBetween(today, document.promisedBy),
        unit: 'calendarDays',
        document: document.kind,
        applicationType: application.type,
        to: `/applications/${application.id}`,
      });
    });
  }
  return byDue(items);
}

/** The deadlines each role answers for: the township its steps, the county its decision; both the whole path. */
const deadlinesByRole: Partial<Record<Role, DeadlineKey[]>> = {
  township: ['startInvestigation', 'publicNoticeEnds', 'wholePath'],
  county: ['countyDecision', 'wholePath'],
  city: ['countyDecision', 'wholePath'],
};

/** Statutory deadlines near (2 days or fewer left) or overdue. */
export function deadlineItems(applications: readonly ApplicationSummary[], role: Role, today: string): TodayItem[] {
  const keys = deadlinesByRole[role] ?? [];
  const items: TodayItem[] = [];
  for (const application of applications) {
    for (const deadline of deadlinesOf(application, today)) {
      if (!keys.includes(deadline.key) || (deadline.state !== 'near' && deadline.state !== 'overdue')) continue;
      items.push({
        kind: 'deadline',
        key: `deadline:${application.id}:${deadline.key}`,
        householdId: application.householdId,
        due: deadline.due,
        daysLeft: deadline.daysLeft,
        unit: deadline.unit,
        deadline: deadline.key,
        applicationType: application.type,
        estimated: deadline.estimated,
        to: `/applications/${application.id}`,
      });
    }
  }
  return byDue(items);
}

/** 回访 not yet made, due within 3 days or overdue, on care needs still open. */
export function followUpItems(needs: CareNeed[], today: string): TodayItem[] {
  const horizon = addCalendarDays(today, FOLLOW_UP_DAYS);
  const items: TodayItem[] = [];
  for (const need of needs) {
    for (const followUp of openFollowUps(need)) {
      if (followUp.dueDate > horizon) continue;
      items.push({
        kind: 'followUp',
        key: `followUp:${need.id}:${followUp.id}`,
        householdId: need.householdId,
        due: followUp.dueDate,
        daysLeft: calendarDaysBetween(today, followUp.dueDate),
        unit: 'calendarDays',
        category: need.category,
        to: `/care-needs/${need.id}`,
      });
    }
  }
  return byDue(items);
}
