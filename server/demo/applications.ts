/**
 * Demo applications: the approvals that put households in their groups (with the monthly benefit
 * that makes the 花名册), and a month's work in progress — every programme at every status, some
 * deadlines near or past, one document promised (容缺受理), one 急难 临时救助 file open.
 */
import { createHash } from 'node:crypto';
import { TRACKING_ALPHABET } from '../../shared/domain/trackingCode';
import type { ApplicationAction, ApplicationStatus } from '../../shared/rules/applicationStatus';
import { addCalendarDays, addMonths, type IsoDate } from '../../shared/rules/dates';
import { addWorkingDays } from '../../shared/rules/workingDays';
import type { Application, ApplicationType } from '../../shared/schemas/application';
import type { Household } from '../../shared/schemas/household';
import type { Visit } from '../../shared/schemas/visit';
import { emergencyFileDueBy } from '../../shared/rules/programmes/emergencyGrant';
import { hasPublicNotice, programmePathOf } from '../../shared/rules/programmes/index';
import { medicalAidGroupOf, medicalAidSum } from '../../shared/rules/programmes/medicalAidAmount';
import { medicalAidFiguresOf, lookupIn } from '../../shared/rules/programmes/programmeFigures';
import { applicationStatuses } from '../../shared/vocabulary/applicationStatuses';
import { applicationEntry, dibaoMonthly } from './applicationContent';
import { historyOf, stepDates, stepsTo, type Actors } from './applicationPath';
import { chinaTimeOn, daysAgo, monthAfter, monthOf, startForDue, type DemoClock } from './demoClock';
import { fieldWorkerFor, type DemoTeam } from './demoTeam';
import { EXAMPLE_FIGURES } from './examplePolicy';
import type { Random } from './random';
import type { Standing } from './standing';

/** The programmes the demo shows (the six). */
export const DEMO_PROGRAMMES = ['dibao', 'tekun', 'dibaoEdge', 'rigidExpenditure', 'medicalAid', 'temporaryAid'] as const satisfies readonly ApplicationType[];

export type Timing = 'ok' | 'near' | 'overdue';

export interface Scenario {
  type: ApplicationType;
  status: ApplicationStatus;
  /** Where the dates put the deadline that matters at this status. */
  timing: Timing;
  /** One 容缺受理 document promised within days. */
  promised?: boolean;
  /** 急难 临时救助: granted at once, the file completed afterwards. */
  emergency?: boolean;
  /** Placed in this village (the assistant's, so it is on that assistant's 今日). */
  villageCode?: string;
}

/** Deadlines aimed at near or overdue; everything else runs in time. */
const TIMINGS: Partial<Record<`${ApplicationType}/${ApplicationStatus}`, Timing>> = {
  'dibao/accepted': 'near',
  'tekun/accepted': 'overdue',
  'rigidExpenditure/accepted': 'overdue',
  'dibao/investigating': 'near',
  'tekun/investigating': 'near',
  'medicalAid/investigating': 'overdue',
  'dibao/publicNotice': 'overdue',
  'tekun/publicNotice': 'near',
  'dibao/pendingConfirmation': 'near',
  'tekun/pendingConfirmation': 'overdue',
  'dibaoEdge/pendingConfirmation': 'overdue',
  'temporaryAid/pendingConfirmation': 'near',
};

/** The statuses a programme's path can reach: 医疗救助 has no village 公示 (shared/rules/programmes/). */
export function statusesOnPath(type: ApplicationType): readonly ApplicationStatus[] {
  return hasPublicNotice(programmePathOf({ type })) ? applicationStatuses : applicationStatuses.filter((status) => status !== 'publicNotice');
}

/** The steps behind a status on the application's own path (without the 公示 where it has none). */
function stepsOnPath(scenario: Scenario): readonly ApplicationAction[] {
  const path = programmePathOf(scenario);
  return stepsTo[scenario.status].filter((step) => path.steps.includes(step));
}

/**
 * Every programme at every status its path has, except approvals of the four groups (the
 * households' own approvals are those). The assistants' villages get the 容缺 case and some of the rest.
 */
export function inFlightScenarios(assistantVillages: readonly string[]): Scenario[] {
  const scenarios: Scenario[] = [];
  for (const type of DEMO_PROGRAMMES) {
    for (const status of statusesOnPath(type)) {
      if (status === 'approved' && type !== 'medicalAid' && type !== 'temporaryAid') continue;
      scenarios.push({ type, status, timing: TIMINGS[`${type}/${status}`] ?? 'ok' });
    }
  }
  // A month has more cases arriving and under way than closed: a few more, all in time.
  const more: [ApplicationType, ApplicationStatus][] = [
    ['dibao', 'submitted'],
    ['medicalAid', 'submitted'],
    ['temporaryAid', 'submitted'],
    ['dibao', 'investigating'],
    ['medicalAid', 'investigating'],
    ['dibao', 'preliminaryReviewed'],
    ['dibao', 'publicNotice'],
  ];
  for (const [type, status] of more) scenarios.push({ type, status, timing: 'ok' });
  const [villageA, villageB] = assistantVillages;
  const at = (type: ApplicationType, status: ApplicationStatus) => scenarios.find((s) => s.type === type && s.status === status)!;
  Object.assign(at('dibao', 'investigating'), { promised: true, villageCode: villageA });
  Object.assign(at('temporaryAid', 'investigating'), { emergency: true, villageCode: villageB });
  Object.assign(at('dibao', 'submitted'), { villageCode: villageA });
  Object.assign(at('medicalAid', 'draft'), { villageCode: villageA });
  Object.assign(at('dibaoEdge', 'returned'), { villageCode: villageB });
  return scenarios;
}

const B1_SPANS = { startInvestigation: 3, wholePath: 30, county: 10 };
const B2_SPANS = { township: 15, county: 15 };
const DUE_IN: Record<Timing, number> = { ok: 0, near: 2, overdue: -2 };

/** The step the dates are counted from, and its day, so the status's deadline comes out as `timing` says. */
function anchorOf(scenario: Scenario, clock: DemoClock, decidedOn?: IsoDate): { action: Parameters<typeof stepDates>[1]; on: IsoDate } | null {
  const tekun = scenario.type === 'tekun';
  const { timing } = scenario;
  const due = (ok: number) => (timing === 'ok' ? ok : DUE_IN[timing]);
  switch (scenario.status) {
    case 'draft':
      return null;
    case 'submitted':
      return { action: 'submit', on: addWorkingDays(clock.today, -1) };
    case 'returned':
      return { action: 'return', on: addWorkingDays(clock.today, -2) };
    case 'withdrawn':
      return { action: 'withdraw', on: addWorkingDays(clock.today, -3) };
    case 'accepted':
      return { action: 'accept', on: startForDue(clock, due(3), tekun ? B2_SPANS.township : B1_SPANS.startInvestigation) };
    case 'investigating':
      // B2: the township's 初审 within 15 working days; B1: the whole path within 30.
      // 急难: granted on 受理 eight working days ago, the file due in two (the example's 10 working days).
      return scenario.emergency
        ? { action: 'accept', on: addWorkingDays(clock.today, 2 - EXAMPLE_FIGURES.emergencyFileDays) }
        : { action: 'accept', on: startForDue(clock, due(tekun ? 8 : 20), tekun ? B2_SPANS.township : B1_SPANS.wholePath) };
    case 'preliminaryReviewed':
      return { action: 'preliminaryReview', on: addWorkingDays(clock.today, -1) };
    case 'publicNotice':
      // The 7-day 公示 counts calendar days: posted 9 days ago it is past, 6 days ago it ends tomorrow.
      return { action: 'startPublicNotice', on: daysAgo(clock, { ok: 2, near: 6, overdue: 9 }[timing]) };
    case 'pendingConfirmation':
      return { action: 'sendToCounty', on: startForDue(clock, due(6), tekun ? B2_SPANS.county : B1_SPANS.county) };
    case 'approved':
    case 'refused':
      return { action: scenario.status === 'approved' ? 'approve' : 'refuse', on: decidedOn ?? addWorkingDays(clock.today, -6) };
  }
}

export interface BuiltApplications {
  applications: Application[];
  /** The 入户调查 visits the investigations made (two investigators each). */
  visits: Visit[];
}

interface Context {
  random: Random;
  clock: DemoClock;
  team: DemoTeam;
  newId: (prefix: string) => string;
}

/** One application, its history and the process fields its status implies. */
export function buildApplication(ctx: Context, household: Household, scenario: Scenario, decidedOn?: IsoDate): BuiltApplications {
  const { random, clock, team } = ctx;
  const intake = fieldWorkerFor(team, household.areaCode);
  const actors: Actors = { intake, township: team.township, county: team.county };
  const steps = stepsOnPath(scenario);
  const anchor = anchorOf(scenario, clock, decidedOn);
  const dates = anchor ? stepDates(steps, anchor.action, anchor.on, clock.today) : [];
  const history = historyOf(random, steps, dates, actors, clock, () => ctx.newId('he-'), scenario);
  const dateOf = (action: (typeof steps)[number]) => dates[steps.indexOf(action)];
  const id = ctx.newId('app-');
  const entry = applicationEntry(random, household, scenario.type, clock.today, () => ctx.newId('it-'));
  const createdAt = history[0]?.at ?? chinaTimeOn(clock, daysAgo(clock, 1), 15 * 60);
  const last = history[history.length - 1];
  const lastActor = last ? { id: last.byUserId } : intake;
  const visits: Visit[] = [];
  const application: Application = {
    id,
    areaCode: household.areaCode,
    householdId: household.id,
    ...entry,
    ...(scenario.status === 'draft' ? { pledgeSigned: false } : {}),
    status: scenario.status,
    history,
    createdAt,
    createdBy: intake.id,
    updatedAt: last?.at ?? createdAt,
    updatedBy: lastActor.id,
  };

  // 码上查: what the township's laptop draws at 受理, here made from the id so the demo stays the same run to run.
  if (steps.includes('accept')) application.trackingCode = demoTrackingCode(id);
  if (scenario.status === 'returned') {
    application.documents = application.documents.map((doc, i) => (i === 2 ? { ...doc, state: 'missing' } : doc));
    application.returnNotice = { missingDocuments: [application.documents[2]!.kind], note: '请补交后重新提交' };
  }
  if (scenario.promised) {
    // 容缺受理: accepted with one document still to come, promised within days.
    application.documents = application.documents.map((doc, i) =>
      i === 1 ? { ...doc, state: 'promised', promisedBy: addCalendarDays(clock.today, 3), note: '申请人承诺三日内补交' } : doc,
    );
  }
  const startedOn = dateOf('startInvestigation');
  if (startedOn) {
    const visitId = ctx.newId('vs-');
    const investigators = [intake === team.township ? team.township.person : intake.person, team.secondInvestigator];
    if (intake !== team.township) investigators.push(team.township.person);
    visits.push({
      id: visitId,
      areaCode: household.areaCode,
      householdId: household.id,
      type: 'investigation',
      visitDate: startedOn,
      investigators,
      findings: '入户核实家庭人口、收入和财产情况，与申报基本一致。',
      membersPresent: [application.applicantMemberId],
      conditions: { housing: '砖瓦房，年久失修', food: '基本能保障', income: '以种植和养老金为主' },
      createdAt: chinaTimeOn(clock, startedOn, 16 * 60),
      createdBy: team.township.id,
      updatedAt: chinaTimeOn(clock, startedOn, 16 * 60),
      updatedBy: team.township.id,
    });
    application.investigation = { investigators, startedOn, visitId, ...(dateOf('preliminaryReview') ? { findings: '家庭经济状况与申报一致。' } : {}) };
    application.facts = {
      propertyWithinLimits: true,
      ...(scenario.type === 'tekun' ? { legalSupporterAbleToSupport: false, selfCare: random.pick(['full', 'partial', 'none'] as const) } : {}),
    };
  }
  if (scenario.emergency) {
    const grantedOn = dateOf('accept')!;
    application.emergency = true;
    // Within what the county delegates to the township, the file due the example's working days on.
    application.emergencyGrant = { amount: 1500, grantedOn, fileDueBy: emergencyFileDueBy(grantedOn, EXAMPLE_FIGURES.emergencyFileDays) };
  }
  if (dateOf('preliminaryReview')) application.preliminaryReview = { outcome: 'pass', opinion: '经调查核实，同意上报。' };
  const noticeStart = dateOf('startPublicNotice');
  if (noticeStart) application.publicNotice = { start: noticeStart };
  const sent = dateOf('sendToCounty');
  // 信息核对: on file before the county decides (the 低保/特困 path requires it before approval).
  if (sent && scenario.status !== 'pendingConfirmation') {
    application.verification = { result: scenario.status === 'refused' ? 'inconsistent' : 'consistent', checkedOn: addWorkingDays(sent, 2) };
  }
  const decided = dateOf('approve');
  if (decided) application.decision = decisionFor(ctx, household, application, decided);
  if (dateOf('refuse')) application.decision = { refusalReason: '经信息核对，家庭人均存款超过当地规定标准，不符合条件。' };
  return { applications: [application], visits };
}

function decisionFor(ctx: Context, household: Household, application: Application, decided: IsoDate): NonNullable<Application['decision']> {
  const { random } = ctx;
  switch (application.type) {
    case 'dibao':
      return { approvedMonthlyAmount: dibaoMonthly(application, household), method: 'gap' };
    case 'tekun':
      // The example's basic-living standard and the care standard of the self-care level found at the
      // investigation; recorded as 分档 (the step asks every monthly sum for a method).
      return { approvedMonthlyAmount: tekunMonthly(application.facts?.selfCare ?? 'full'), method: 'band' };
    case 'dibaoEdge':
    case 'rigidExpenditure':
      // A recognition for 12 months (刚性支出: at most 12, B3).
      return { validUntil: addCalendarDays(addMonths(decided, 12), -1) };
    case 'medicalAid': {
      // The sum the app suggests from the example figures, for the household's group (no earlier grant this year).
      const cost = { ...application.medical!, grantedThisYear: 0 };
      const group = medicalAidGroupOf(household.categories ?? [], cost.totalCost - cost.reimbursed, EXAMPLE_FIGURES.illnessPovertyThreshold);
      const figures = group && medicalAidFiguresOf(lookupIn(EXAMPLE_FIGURES), group);
      if (!figures?.ok) throw new Error('demo: a 医疗救助 approval outside every group of the example figures');
      return { oneOffAmount: medicalAidSum(cost, figures.figures).amount };
    }
    default:
      // 临时救助: a few hundred to a few thousand 元, within the example's most for one grant.
      return { oneOffAmount: Math.min(random.int(8, 30) * 100, EXAMPLE_FIGURES.temporaryAidMaxAmount) };
  }
}

export type BenefitPlan = 'active' | 'phasingOut' | 'stopped';

/**
 * The approval that put a household in its group, `decidedOn`; 低保 and 特困 with their monthly
 * benefit — paid, phasing out (渐退期) or stopped this month.
 */
export function standingApproval(ctx: Context, household: Household, standing: Standing, decidedOn: IsoDate, plan: BenefitPlan): BuiltApplications {
  const built = buildApplication(ctx, household, { type: standing, status: 'approved', timing: 'ok' }, decidedOn);
  const application = built.applications[0]!;
  if (standing !== 'dibao' && standing !== 'tekun') return built;
  const { clock, team } = ctx;
  const monthlyAmount = application.decision!.approvedMonthlyAmount!;
  const benefit: NonNullable<Application['benefit']> = { state: 'active', monthlyAmount, fromMonth: monthAfter(decidedOn), changes: [], reviews: [] };
  const changedAt = chinaTimeOn(clock, addWorkingDays(clock.today, -4), 10 * 60);
  const county = { at: changedAt, byUserId: team.county.id, byName: team.county.name };
  if (plan === 'phasingOut') {
    // Income rose above the standard: paid three more months at a lower sum, then stopped.
    const month = monthOf(clock.today);
    benefit.state = 'phasingOut';
    benefit.phaseOutUntil = monthOf(addMonths(clock.today, 2));
    const reduced = Math.round(monthlyAmount / 2);
    benefit.monthlyAmount = reduced;
    benefit.changes.push({ id: ctx.newId('bc-'), kind: 'phaseOut', month, monthlyAmount: reduced, reason: '家庭成员外出务工，人均收入超过低保标准，进入渐退期', ...county });
  }
  if (plan === 'stopped') {
    const month = monthOf(clock.today);
    benefit.state = 'stopped';
    benefit.stoppedFrom = month;
    benefit.changes.push({ id: ctx.newId('bc-'), kind: 'stop', month, reason: '经复核，家庭收入已稳定超过低保标准，停发', ...county });
  }
  application.benefit = benefit;
  if (plan !== 'active') {
    application.updatedAt = changedAt;
    application.updatedBy = team.county.id;
  }
  return built;
}

/** A monthly 特困 sum from the example figures: basic living plus care by self-care level. */
function tekunMonthly(selfCare: 'full' | 'partial' | 'none'): number {
  const care = { full: EXAMPLE_FIGURES.tekunCareFullSelfCareMonthly, partial: EXAMPLE_FIGURES.tekunCarePartialMonthly, none: EXAMPLE_FIGURES.tekunCareNoneMonthly }[selfCare];
  return EXAMPLE_FIGURES.tekunBasicLivingMonthly + care;
}

/** A tracking code for a demo application: the code's alphabet and length, its bits from a hash of the id. */
export function demoTrackingCode(applicationId: string): string {
  const bytes = createHash('sha256').update(`jiuzhu-demo-tracking:${applicationId}`).digest();
  return Array.from(bytes.subarray(0, 16), (byte) => TRACKING_ALPHABET[byte & 31]).join('');
}
