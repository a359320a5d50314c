/**
 * 统计 — the dashboard's figures, computed from plain lists of documents. One pure function used
 * both on the laptop (village and township scopes, from RxDB) and on the server (county and city
 * scopes, from the `documents` table), so both give the same figures for the same records. The
 * answer's shape is shared/wire/dashboard.ts.
 */
import { CITY_CODE } from '../areas';
import { chinaDateOf } from '../domain/chinaTime';
import { applicationStatuses } from '../rules/applicationStatus';
import { addMonths, ageOn, compareDates, daysInMonth, type IsoDate } from '../rules/dates';
import { applicationDeadlines } from '../rules/deadlines';
import { memberAbleToWork, nextReview, reviewRhythmOf } from '../rules/reviewSchedule';
import { applicationTypes, type Application } from '../schemas/application';
import type { CareNeed } from '../schemas/careNeed';
import { circleOf, type Household } from '../schemas/household';
import { needCategories, type Visit } from '../schemas/visit';
import { deadlineInputOf } from '../rules/deadlineInput';
import {
  ageBands,
  dashboardCircles,
  dashboardGroups,
  type AgeBand,
  type AreaFigure,
  type DashboardCircle,
  type DashboardFigures,
  type DashboardGroup,
  type Headcount,
  type MonthTrend,
} from '../wire/dashboard';

// The answer's shape and the dashboard's codes are declared once with their zod schema: shared/wire/dashboard.ts.
export {
  ageBands,
  dashboardCircles,
  dashboardGroups,
  type AgeBand,
  type AreaFigure,
  type DashboardCircle,
  type DashboardFigures,
  type DashboardGroup,
  type Headcount,
  type MonthTrend,
};

export interface FigureInput {
  households: readonly Household[];
  applications: readonly Application[];
  visits: readonly Visit[];
  careNeeds: readonly CareNeed[];
  today: IsoDate;
  /** The area prefix of the scope; decides the level of `byArea`. */
  scope: string;
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
const zeroHeads = <K extends string>(keys: readonly K[]): Record<K, Headcount> =>
  Object.fromEntries(keys.map((key) => [key, { households: 0, people: 0 }])) as Record<K, Headcount>;

/** The band of an age in completed years (a birth date after today counts as 0). */
export function ageBandOf(age: number): AgeBand {
  if (age < 16) return 'under16';
  if (age < 60) return 'age16to59';
  if (age < 80) return 'age60to79';
  return 'age80plus';
}

/** Prefix length of the areas one level below a scope: city → counties, county → townships, … */
export function areaLevelLength(scope: string): number {
  if (scope.length <= CITY_CODE.length) return 6;
  if (scope.length <= 6) return 9;
  return 12;
}


const isLiving = (member: Household['members'][number], today: IsoDate) =>
  !member.deceasedOn || compareDates(member.deceasedOn, today) > 0;

export function dashboardFigures(input: FigureInput): DashboardFigures {
  const { today, scope } = input;
  const month = today.slice(0, 7);
  const monthStart = `${month}-01`;
  const monthEnd = `${month}-${String(daysInMonth(Number(today.slice(0, 4)), Number(today.slice(5, 7)))).padStart(2, '0')}`;

  // Households (archived ones are no longer helped and are left out, as in the household list).
  const households = input.households.filter((household) => !household.archived);
  const totals: Headcount = { households: 0, people: 0 };
  const byGroup = zeroHeads(dashboardGroups);
  const byCircle = zeroHeads(dashboardCircles);
  const ages = { ...zeros(ageBands), age60plus: 0 };
  const areaLength = areaLevelLength(scope);
  const byArea = new Map<string, AreaFigure>();
  for (const household of households) {
    const living = household.members.filter((member) => isLiving(member, today));
    const people = living.length;
    totals.households += 1;
    totals.people += people;
    const categories = new Set(household.categories ?? []);
    for (const group of dashboardGroups) {
      if (!categories.has(group)) continue;
      byGroup[group].households += 1;
      byGroup[group].people += people;
    }
    const circle = circleOf(household.categories) ?? 'none';
    byCircle[circle].households += 1;
    byCircle[circle].people += people;
    for (const member of living) {
      const band = ageBandOf(Math.max(0, ageOn(member.birthDate, today)));
      ages[band] += 1;
      if (band === 'age60to79' || band === 'age80plus') ages.age60plus += 1;
    }
    const code = household.areaCode.slice(0, areaLength);
    const area = byArea.get(code) ?? { code, households: 0, people: 0 };
    area.households += 1;
    area.people += people;
    byArea.set(code, area);
  }

  // Applications, with their deadlines as of today.
  const byType = zeros(applicationTypes);
  const byStatus = zeros(applicationStatuses);
  let deadlinesNear = 0;
  let deadlinesOverdue = 0;
  const trendMonths = Array.from({ length: 12 }, (_, i) => addMonths(monthStart, i - 11).slice(0, 7));
  const trend = new Map<string, MonthTrend>(trendMonths.map((m) => [m, { month: m, created: 0, approved: 0 }]));
  for (const application of input.applications) {
    byType[application.type] += 1;
    byStatus[application.status] += 1;
    const states = applicationDeadlines(deadlineInputOf(application), today).map((deadline) => deadline.state);
    if (states.includes('overdue')) deadlinesOverdue += 1;
    else if (states.includes('near')) deadlinesNear += 1;
    const created = trend.get(chinaDateOf(application.createdAt).slice(0, 7));
    if (created) created.created += 1;
    for (const entry of application.history) {
      if (entry.action !== 'approve') continue;
      const approved = trend.get(chinaDateOf(entry.at).slice(0, 7));
      if (approved) approved.approved += 1;
    }
  }

  // Home visits this month against the review schedule (动态管理).
  const lastBeforeMonth = new Map<string, IsoDate>();
  const visitedThisMonth = new Set<string>();
  let visitsThisMonth = 0;
  for (const visit of input.visits) {
    if (visit.visitDate >= monthStart && visit.visitDate <= today) {
      visitsThisMonth += 1;
      visitedThisMonth.add(visit.householdId);
    } else if (visit.visitDate < monthStart) {
      const seen = lastBeforeMonth.get(visit.householdId);
      if (!seen || visit.visitDate > seen) lastBeforeMonth.set(visit.householdId, visit.visitDate);
    }
  }
  let required = 0;
  let requiredVisited = 0;
  let householdsVisited = 0;
  for (const household of households) {
    if (visitedThisMonth.has(household.id)) householdsVisited += 1;
    const rhythm = reviewRhythmOf(household.categories);
    if (rhythm === null) continue;
    const review = nextReview(
      {
        lastVisitDate: lastBeforeMonth.get(household.id) ?? null,
        enrolledOn: chinaDateOf(household.createdAt),
        irregularIncome: rhythm === 'dibao' && household.irregularIncome === true,
        membersAbleToWork: rhythm === 'dibao' && household.members.some((member) => isLiving(member, today) && memberAbleToWork(member, today)),
        memberDeathDates: household.members.flatMap((member) => (member.deceasedOn ? [member.deceasedOn] : [])),
      },
      today,
    );
    if (review.due > monthEnd) continue;
    required += 1;
    if (visitedThisMonth.has(household.id)) requiredVisited += 1;
  }

  // Open care needs by category.
  const byCategory = zeros(needCategories);
  let open = 0;
  for (const need of input.careNeeds) {
    if (need.state !== 'open') continue;
    open += 1;
    byCategory[need.category] += 1;
  }

  return {
    today,
    scope,
    totals,
    byGroup,
    byCircle,
    ages,
    byArea: [...byArea.values()].sort((a, b) => a.code.localeCompare(b.code)),
    applications: { total: input.applications.length, byType, byStatus, deadlinesNear, deadlinesOverdue },
    visits: { month, required, requiredVisited, visitsThisMonth, householdsVisited },
    careNeeds: { open, byCategory },
    trend: [...trend.values()],
  };
}
