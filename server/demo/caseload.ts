/**
 * A township's month of work on top of the demo households (households.ts): who is in which
 * group and why (the approvals, with their benefits), the applications in progress, the visits
 * made and due, and the social worker's care needs. Deterministic for a seed and a day; every date
 * is counted from `now`, so the demo looks like the current month whenever it is started.
 */
import { chinaDateOf } from '../../shared/domain/chinaTime';
import { addCalendarDays, addMonths, ageOn, compareDates, type IsoDate } from '../../shared/rules/dates';
import type { Application } from '../../shared/schemas/application';
import type { CareNeed } from '../../shared/schemas/careNeed';
import type { Household, HouseholdCategory } from '../../shared/schemas/household';
import type { Visit } from '../../shared/schemas/visit';
import { buildApplication, inFlightScenarios, standingApproval, type BenefitPlan, type Scenario } from './applications';
import { careNeedFor, type FollowUpTarget } from './careNeeds';
import { demoClock } from './demoClock';
import type { DemoTeam } from './demoTeam';
import { createRandom, type Random } from './random';
import { reviewMonths, reviewVisit, type VisitTarget } from './reviewVisits';
import { likelyStanding, memberTags, withMemberDetails, type Standing } from './standing';

export interface DemoCaseloadOptions {
  households: readonly Household[];
  /** 9-digit code of the township whose work is shown. */
  townshipCode: string;
  team: DemoTeam;
  now: number;
  seed: number;
}

export interface DemoCaseload {
  households: Household[];
  applications: Application[];
  visits: Visit[];
  careNeeds: CareNeed[];
}

const FOLLOW_UP_TARGETS: readonly FollowUpTarget[] = ['overdue', 'soon', 'later', 'overdue', 'later', 'soon', 'closed', 'later', 'overdue', 'later', 'soon', 'closed', 'later', 'later'];

function idMaker(random: Random): (prefix: string) => string {
  const used = new Set<string>();
  return (prefix) => {
    for (;;) {
      const id = prefix + random.hex(12);
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
}

/** A day between `from` and `to` (inclusive), or null when `from` is after `to`. */
function dayBetween(random: Random, from: IsoDate, to: IsoDate): IsoDate | null {
  const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  return span < 0 ? null : addCalendarDays(from, random.int(0, span));
}

/** When the household's group was approved: after it was registered, and 边缘/刚性支出 within the last year (still valid). */
function approvalDay(random: Random, household: Household, standing: Standing, today: IsoDate): IsoDate | null {
  let from = addCalendarDays(chinaDateOf(household.createdAt), 45);
  if (standing === 'dibaoEdge' || standing === 'rigidExpenditure') {
    const yearAgo = addCalendarDays(today, -355);
    if (compareDates(from, yearAgo) < 0) from = yearAgo;
  }
  return dayBetween(random, from, addCalendarDays(today, -10));
}

export function generateDemoCaseload(options: DemoCaseloadOptions): DemoCaseload {
  const { townshipCode, team } = options;
  const random = createRandom(options.seed);
  const clock = demoClock(options.now);
  const newId = idMaker(random);
  const ctx = { random, clock, team, newId, socialWorker: team.socialWorker };
  const inTownship = (h: Household) => h.areaCode.startsWith(townshipCode);

  const households = options.households.map((h) => (inTownship(h) ? withMemberDetails(random, h, clock.today) : h));
  const applications: Application[] = [];
  const visits: Visit[] = [];
  const standingOf = new Map<string, Standing>();
  const busy = new Set<string>();
  const add = (built: { applications: Application[]; visits: Visit[] }) => {
    applications.push(...built.applications);
    visits.push(...built.visits);
    return built.applications[0]!;
  };

  // The groups, each from its approval: the first 低保 household is in its 渐退期.
  // One 刚性支出 recognition lapses in about two weeks (recognised for 12 months, 350 days ago).
  let phasingOutPlaced = false;
  let lapsingPlaced = false;
  for (const household of households.filter(inTownship)) {
    const standing = likelyStanding(random, household, clock.today);
    let decidedOn = standing ? approvalDay(random, household, standing, clock.today) : null;
    if (!standing || !decidedOn) continue;
    const lapsing = addCalendarDays(clock.today, -350);
    if (standing === 'rigidExpenditure' && !lapsingPlaced && compareDates(addCalendarDays(chinaDateOf(household.createdAt), 45), lapsing) <= 0) {
      decidedOn = lapsing;
      lapsingPlaced = true;
    }
    let plan: BenefitPlan = 'active';
    if (standing === 'dibao' && !phasingOutPlaced) {
      plan = 'phasingOut';
      phasingOutPlaced = true;
    }
    add(standingApproval(ctx, household, standing, decidedOn, plan));
    standingOf.set(household.id, standing);
  }
  // One household left 低保 this month (停发): no longer in the group.
  const stopped = households.find((h) => inTownship(h) && !standingOf.has(h.id) && compareDates(addCalendarDays(chinaDateOf(h.createdAt), 45), addCalendarDays(clock.today, -60)) < 0);
  if (stopped) {
    add(standingApproval(ctx, stopped, 'dibao', addCalendarDays(clock.today, -60), 'stopped'));
    busy.add(stopped.id);
  }

  // The month's work in progress, each on a household of its own.
  const assistantVillages = [...team.assistants.keys()];
  for (const scenario of inFlightScenarios(assistantVillages)) {
    const household = pickFor(scenario, households.filter(inTownship), standingOf, busy, clock.today);
    if (!household) throw new Error(`demo: no household left for ${scenario.type}/${scenario.status}`);
    busy.add(household.id);
    // The group the household is in when the county decides (医疗救助's figures are the group's).
    const standing = standingOf.get(household.id);
    add(buildApplication(ctx, { ...household, categories: standing ? [standing] : [] }, scenario));
  }

  // Categories: the group its approval gave (still paid or recognised), and the members' tags.
  const withGroups = households.map((h): Household => {
    if (!inTownship(h)) return h;
    const standing = standingOf.get(h.id);
    const categories: HouseholdCategory[] = [...(standing ? [standing] : []), ...memberTags(h, clock.today)];
    if (categories.length === 0 && random.chance(0.4)) categories.push('otherLowIncome');
    return categories.length > 0 ? { ...h, categories, updatedBy: team.township.id } : h;
  });

  // Review visits for every household in a group; in the assistants' villages one due this week and one overdue.
  const lastSeen = new Map<string, IsoDate>();
  for (const visit of visits) {
    const seen = lastSeen.get(visit.householdId);
    if (!seen || compareDates(visit.visitDate, seen) > 0) lastSeen.set(visit.householdId, visit.visitDate);
  }
  const forced = new Map<string, VisitTarget[]>(assistantVillages.map((code) => [code, ['thisWeek', 'overdue', 'planned']]));
  for (const household of withGroups) {
    if (!inTownship(household) || !household.categories?.length) continue;
    // A forced target goes to a household whose last visit is old enough for it (not one just investigated).
    const wanted = forced.get(household.areaCode);
    const seen = lastSeen.get(household.id) ?? chinaDateOf(household.createdAt);
    const reachable = wanted?.[0] !== undefined && compareDates(seen, addMonths(addCalendarDays(clock.today, -45), -reviewMonths(household, clock.today))) < 0;
    const target = (reachable ? wanted.shift() : undefined) ?? random.weighted<VisitTarget>([['overdue', 5], ['thisWeek', 6], ['planned', 2], ['inTime', 87]]);
    const visit = reviewVisit(ctx, household, target, lastSeen.get(household.id));
    if (visit) visits.push(visit);
  }

  bereave(withGroups, applications, visits, standingOf, busy, clock.today);

  // The social worker's needs: old or disabled members first.
  const careNeeds: CareNeed[] = withGroups
    .filter((h) => inTownship(h) && h.members.some((m) => m.disability || ageOn(m.birthDate, clock.today) >= 70))
    .slice(0, FOLLOW_UP_TARGETS.length)
    .map((h, i) => careNeedFor(ctx, h, FOLLOW_UP_TARGETS[i]!, i));

  return { households: withGroups, applications, visits, careNeeds };
}

/**
 * A member of a 低保 household died 80 days ago, after the household's last visit: its review is
 * owed within three months of the death (B1 art. 31) — on 今日, and on the benefit.
 */
function bereave(households: Household[], applications: Application[], visits: Visit[], standingOf: Map<string, Standing>, busy: Set<string>, today: IsoDate): void {
  const deathOn = addCalendarDays(today, -80);
  const lastVisit = (id: string) => visits.filter((v) => v.householdId === id).reduce<IsoDate | null>((a, v) => (!a || compareDates(v.visitDate, a) > 0 ? v.visitDate : a), null);
  const index = households.findIndex((h) => {
    const last = lastVisit(h.id);
    return standingOf.get(h.id) === 'dibao' && !busy.has(h.id) && h.members.length >= 2 && last !== null && compareDates(last, deathOn) < 0;
  });
  const household = households[index];
  const benefit = applications.find((a) => a.householdId === household?.id && a.type === 'dibao' && a.status === 'approved')?.benefit;
  if (!household || benefit?.state !== 'active') return;
  const deceased = household.members[household.members.length - 1]!;
  const members = household.members.map((m) => (m.id === deceased.id ? { ...m, deceasedOn: deathOn } : m));
  const updated = { ...household, members };
  households[index] = { ...updated, categories: ['dibao', ...memberTags(updated, today)] };
  benefit.reviewDueBy = addMonths(deathOn, 3);
}

/** A household fit for the scenario: applying for a group it is not in; 特困 alone and old. */
function pickFor(scenario: Scenario, households: Household[], standingOf: Map<string, Standing>, busy: Set<string>, today: IsoDate): Household | undefined {
  const fits = (h: Household) => {
    if (busy.has(h.id)) return false;
    if (scenario.type === 'tekun') return !standingOf.has(h.id) && h.members.length === 1 && ageOn(h.members[0]!.birthDate, today) >= 60;
    if (scenario.type === 'medicalAid' || scenario.type === 'temporaryAid') return true;
    return !standingOf.has(h.id);
  };
  const inVillage = scenario.villageCode ? households.find((h) => h.areaCode === scenario.villageCode && fits(h)) : undefined;
  return inVillage ?? households.find(fits) ?? (scenario.type === 'tekun' ? households.find((h) => !busy.has(h.id) && !standingOf.has(h.id)) : undefined);
}
