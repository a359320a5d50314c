import { describe, expect, it } from 'vitest';
import { generateDemoCaseload } from '../../server/demo/caseload';
import type { DemoStaff } from '../../server/demo/demoTeam';
import { generateDemoHouseholds } from '../../server/demo/households';
import { EXAMPLE_FIGURES } from '../../server/demo/examplePolicy';
import { pushRulesFor } from '../../server/sync/writeGuards';
import { villagesIn } from '../../shared/areas';
import { scopePrefix, type PersonRole } from '../../shared/auth/roles';
import type { ApplicationAction } from '../../shared/rules/applicationStatus';
import { emergencyGrantProblems } from '../../shared/rules/programmes/emergencyGrant';
import { medicalAidGroupOf, medicalAidSum } from '../../shared/rules/programmes/medicalAidAmount';
import { emergencyFiguresOf, lookupIn, medicalAidFiguresOf } from '../../shared/rules/programmes/programmeFigures';
import type { Application } from '../../shared/schemas/application';

/**
 * The demo seed stores its records without the write guards (one seed writes the steps of several
 * roles at once). This replays them as the app would push them — each visit and care need by its
 * author, each application step by step by the user of the role that took it, with the fields that
 * step fills — through the server's own guards, so the demo holds nothing the app could not make.
 */

const now = Date.parse('2026-12-05T02:00:00Z');
const villages = villagesIn('371623102').map((v) => v.code);
const [villageA, villageB] = [villages[0]!, villages[1]!];
const staff = (id: string, role: PersonRole, areaCode: string): DemoStaff => ({ id, name: id, person: id, role, areaCode });
const team = {
  assistants: new Map([
    [villageA, staff('u-assistant-a', 'assistant', villageA)],
    [villageB, staff('u-assistant-b', 'assistant', villageB)],
  ]),
  township: staff('u-township', 'township', '371623102000'),
  socialWorker: staff('u-social', 'social_worker', '371623102000'),
  county: staff('u-county', 'county', '371623000000'),
  secondInvestigator: '赵明',
};
const everyone = [...team.assistants.values(), team.township, team.socialWorker, team.county];
const caseload = generateDemoCaseload({
  households: generateDemoHouseholds({ count: 200, villageCodes: [villageA, villageA, villageB, ...villages], seed: 2026, now, createdBy: team.township.id }),
  townshipCode: '371623102',
  team,
  now,
  seed: 2027,
});

type Doc = Record<string, unknown>;

/** What the guard says of one push by `userId` (null: accepted). */
function refusal(collection: 'visits' | 'careNeeds' | 'applications', userId: string, doc: Doc, previous: Doc | null): string | null {
  const user = everyone.find((u) => u.id === userId)!;
  const caller = { userId, deviceId: 'demo-replay', role: user.role, scope: scopePrefix(user.role, user.areaCode), areaCode: user.areaCode };
  try {
    pushRulesFor(collection, caller, 'root', () => now).guard!({ doc: { ...doc, updatedBy: userId }, deleted: false, previous: previous && { data: previous, deleted: false } });
    return null;
  } catch (error) {
    const problems = (error as { details?: { problems?: { field: string }[] } }).details?.problems ?? [];
    return `${(error as { code?: string }).code}:${problems.map((p) => p.field).join(',')}`;
  }
}

/** The process fields each step fills (the write policy's groups), as the app adds them. */
const filledBy: Partial<Record<ApplicationAction, (keyof Application)[]>> = {
  return: ['returnNotice'],
  // 码上查: the township's laptop draws the code at 受理.
  accept: ['trackingCode'],
  startInvestigation: ['investigation', 'facts'],
  preliminaryReview: ['preliminaryReview'],
  startPublicNotice: ['publicNotice'],
  approve: ['decision'],
  refuse: ['decision'],
};
const processFields: (keyof Application)[] = ['trackingCode', 'returnNotice', 'investigation', 'facts', 'preliminaryReview', 'publicNotice', 'verification', 'emergencyGrant', 'decision', 'benefit'];

/** Each push the application took, in order: who pushed it, the document before and after. */
function pushesOf(application: Application): { label: string; userId: string; previous: Doc | null; next: Doc }[] {
  const pushes: { label: string; userId: string; previous: Doc | null; next: Doc }[] = [];
  let current: Doc = { ...application, status: 'draft', history: [] };
  for (const field of processFields) delete current[field];
  if (application.history.length === 0) return [{ label: 'draft', userId: application.createdBy, previous: null, next: current }];
  application.history.forEach((entry, i) => {
    const push = (label: string, userId: string, next: Doc) => {
      pushes.push({ label, userId, previous: pushes.length === 0 ? null : current, next });
      current = next;
    };
    // 信息核对: the county records the check while the file is with it, before deciding.
    if ((entry.action === 'approve' || entry.action === 'refuse') && application.verification) {
      push('verification', entry.byUserId, { ...current, verification: application.verification });
    }
    const next: Doc = { ...current, history: application.history.slice(0, i + 1), status: entry.to };
    for (const field of filledBy[entry.action] ?? []) if (application[field] !== undefined) next[field] = application[field];
    if (entry.action === 'accept' && application.emergencyGrant) next['emergencyGrant'] = application.emergencyGrant;
    // The benefit as approved; its later changes (渐退, 停发) are pushes of their own.
    if (entry.action === 'approve' && application.benefit) {
      const { changes, phaseOutUntil: _p, stoppedFrom: _s, reviewDueBy: _r, ...approved } = application.benefit;
      const monthlyAmount = application.decision?.approvedMonthlyAmount ?? approved.monthlyAmount;
      next['benefit'] = { ...approved, state: 'active', monthlyAmount, changes: [], reviews: [] };
      push(`${application.type}:${entry.action}`, entry.byUserId, next);
      if (changes.length > 0 || application.benefit.reviewDueBy) push(`${application.type}:benefitChange`, team.county.id, { ...current, benefit: application.benefit });
      return;
    }
    push(`${application.type}:${entry.action}`, entry.byUserId, next);
  });
  return pushes;
}

describe('the demo records, pushed as the app would push them', () => {
  it('are accepted by the server’s write guards: visits and care needs by their authors', () => {
    const refused = [
      ...caseload.visits.map((visit) => refusal('visits', visit.createdBy, visit, null)),
      ...caseload.careNeeds.map((need) => refusal('careNeeds', need.createdBy, need, null)),
    ].filter(Boolean);
    expect(refused).toEqual([]);
    expect(caseload.visits.length + caseload.careNeeds.length).toBeGreaterThan(100);
  });

  it('are accepted step by step for applications, each step by the demo user of its role', () => {
    const refused = new Set<string>();
    let pushes = 0;
    for (const application of caseload.applications) {
      for (const push of pushesOf(application)) {
        pushes++;
        const why = refusal('applications', push.userId, push.next, push.previous);
        if (why) refused.add(`${push.label} ${why}`);
      }
    }
    expect(pushes).toBeGreaterThan(500);
    expect([...refused]).toEqual([]);
  });

  it('agree with the demo’s example figures: the 急难 grant within the delegated limit and file days, the one-off sums as the rules give them, 特困 as basic living plus care', () => {
    // The server holds a grant to the figures in force (server/sync/programmeFigures.ts); the demo seeds these.
    const lookup = lookupIn(EXAMPLE_FIGURES);
    const emergency = emergencyFiguresOf(lookup);
    expect(emergency.ok).toBe(true);
    const grants = caseload.applications.filter((a) => a.emergencyGrant);
    expect(grants.length).toBeGreaterThan(0);
    for (const application of grants) {
      const grant = application.emergencyGrant!;
      expect(emergencyGrantProblems(application, undefined, grant, grant.grantedOn, emergency.ok ? emergency.figures : null)).toEqual([]);
    }
    const approved = caseload.applications.filter((a) => a.status === 'approved');
    const temporary = approved.filter((a) => a.type === 'temporaryAid');
    expect(temporary.length).toBeGreaterThan(0);
    for (const application of temporary) expect(application.decision!.oneOffAmount!).toBeLessThanOrEqual(EXAMPLE_FIGURES.temporaryAidMaxAmount);
    const tekun = approved.filter((a) => a.type === 'tekun');
    expect(tekun.length).toBeGreaterThan(0);
    const care = { full: EXAMPLE_FIGURES.tekunCareFullSelfCareMonthly, partial: EXAMPLE_FIGURES.tekunCarePartialMonthly, none: EXAMPLE_FIGURES.tekunCareNoneMonthly };
    for (const application of tekun) {
      expect(application.decision!.approvedMonthlyAmount).toBe(EXAMPLE_FIGURES.tekunBasicLivingMonthly + care[application.facts!.selfCare!]);
    }
    const medical = approved.filter((a) => a.type === 'medicalAid');
    expect(medical.length).toBeGreaterThan(0);
    for (const application of medical) {
      const household = caseload.households.find((h) => h.id === application.householdId)!;
      const cost = { ...application.medical!, grantedThisYear: 0 };
      const group = medicalAidGroupOf(household.categories ?? [], cost.totalCost - cost.reimbursed, EXAMPLE_FIGURES.illnessPovertyThreshold);
      const figures = medicalAidFiguresOf(lookup, group!);
      expect(figures.ok).toBe(true);
      expect(application.decision!.oneOffAmount).toBe(figures.ok ? medicalAidSum(cost, figures.figures).amount : null);
    }
  });
});
