import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../support/pgliteSnapshots';
import { buildServer } from '../../server/app';
import { trackingCodeHash } from '../../server/sync/trackingCodes';
import type { Database } from '../../server/db/database';
import { DEMO_PROGRAMMES, statusesOnPath } from '../../server/demo/applications';
import { generateDemoCaseload } from '../../server/demo/caseload';
import { seedDemoData } from '../../server/demo/seedDemo';
import { ensureReferenceData } from '../../server/reference/seedReference';
import { generateDemoHouseholds } from '../../server/demo/households';
import { validatePushBody } from '../../server/sync/validateDocuments';
import { chinaDateOf, chinaToday } from '../../shared/domain/chinaTime';
import { villagesIn } from '../../shared/areas';
import { transition, type ApplicationStatus } from '../../shared/rules/applicationStatus';
import { addCalendarDays, compareDates } from '../../shared/rules/dates';
import { deadlineInputOf } from '../../shared/rules/deadlineInput';
import { applicationDeadlines } from '../../shared/rules/deadlines';
import { summarizeIncome } from '../../shared/rules/eligibility/income';
import { householdResidence } from '../../shared/rules/residence';
import { memberAbleToWork, nextReview } from '../../shared/rules/reviewSchedule';
import type { Application } from '../../shared/schemas/application';
import type { CareNeed } from '../../shared/schemas/careNeed';
import type { Household } from '../../shared/schemas/household';
import { policyFigureNames, type Policy } from '../../shared/schemas/reference';
import type { Visit } from '../../shared/schemas/visit';
import { collectionDefinitions, type SyncedCollection } from '../../shared/sync/collections';

/**
 * `JIUZHU_DEMO=1` seeds a township in the middle of a month: this seeds an empty database as the
 * server does and checks what a demo user would look for — every programme at every status,
 * deadlines near and past, visits and follow-ups due, a roster that agrees with the groups.
 */

interface UserRow {
  id: string;
  username: string;
  role: string;
  display_name: string;
}

let db: Database;
const now = Date.now();
const today = chinaToday(now);
let users: Map<string, UserRow>;
let households: Household[];
let applications: Application[];
let visits: Visit[];
let careNeeds: CareNeed[];
let seedMs = 0;

async function stored<T>(collection: SyncedCollection | 'policies'): Promise<T[]> {
  const rows = await db.query<{ data: T }>('SELECT data FROM documents WHERE collection = $1 AND NOT deleted', [collection]);
  return rows.map((row) => row.data);
}

beforeAll(async () => {
  db = await openMemoryDatabase();
  const started = Date.now();
  const counts = await seedDemoData(db, now);
  seedMs = Date.now() - started;
  expect(counts).not.toBeNull();
  users = new Map((await db.query<UserRow>('SELECT id, username, role, display_name FROM users')).map((u) => [u.id, u]));
  households = await stored<Household>('households');
  applications = await stored<Application>('applications');
  visits = await stored<Visit>('visits');
  careNeeds = await stored<CareNeed>('careNeeds');
  expect(counts).toEqual({ users: 6, households: 200, applications: applications.length, visits: visits.length, careNeeds: careNeeds.length });
}, 120_000);

afterAll(async () => {
  await db?.close();
});

const roleOf = (userId: string) => users.get(userId)?.role;

describe('the demo township', () => {
  it('has a city user of 滨州市民政局 beside the others', () => {
    const byName = new Map([...users.values()].map((u) => [u.username, u]));
    expect(byName.get('shi')).toMatchObject({ role: 'city', display_name: expect.stringContaining('滨州市民政局') });
    expect([...byName.keys()].sort()).toEqual(['shegong', 'shi', 'xian', 'xieli_a', 'xieli_b', 'zhen']);
  });

  it('stores records every schema and the push validation accept, written by demo users of the right role', () => {
    const all = { households, applications, visits, careNeeds } as const;
    for (const [collection, docs] of Object.entries(all) as [SyncedCollection, { id: string }[]][]) {
      expect(docs.length, collection).toBeGreaterThan(0);
      for (const doc of docs) {
        const parsed = collectionDefinitions[collection].schema.safeParse(doc);
        expect(parsed.success, `${collection} ${doc.id}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      }
      const stripped = docs.map((doc) => {
        // The store's derived search fields are not part of a push.
        const { idHashes: _h, memberNames: _n, ...rest } = doc as Record<string, unknown>;
        return { assumedMasterState: null, newDocumentState: { ...rest, _deleted: false } };
      });
      expect(() => validatePushBody(collection, stripped, '')).not.toThrow();
    }
    for (const visit of visits) expect(['assistant', 'township']).toContain(roleOf(visit.createdBy));
    for (const need of careNeeds) expect([roleOf(need.createdBy), roleOf(need.updatedBy)]).toEqual(['social_worker', 'social_worker']);
    for (const application of applications) {
      expect(['assistant', 'township']).toContain(roleOf(application.createdBy));
      expect(roleOf(application.updatedBy)).toBeDefined();
    }
  });

  it('has every programme at every status its path has, each history a path the status machine allows, step by step and by role', () => {
    for (const type of DEMO_PROGRAMMES) {
      for (const status of statusesOnPath(type)) {
        expect(applications.some((a) => a.type === type && a.status === status), `${type} ${status}`).toBe(true);
      }
    }
    for (const application of applications) {
      let status: ApplicationStatus = 'draft';
      let at = 0;
      for (const entry of application.history) {
        expect(entry.from).toBe(status);
        const step = transition(status, entry.action, entry.role, application);
        expect(step.ok, `${application.id} ${entry.action}`).toBe(true);
        expect(step.ok && step.to).toBe(entry.to);
        const user = users.get(entry.byUserId);
        expect(user?.role).toBe(entry.role);
        expect(user?.display_name).toBe(entry.byName);
        expect(entry.at).toBeGreaterThan(at);
        expect(entry.at).toBeLessThanOrEqual(now);
        at = entry.at;
        status = entry.to;
      }
      expect(application.status).toBe(status);
      if (application.investigation) expect(application.investigation.investigators.length).toBeGreaterThanOrEqual(2);
      if (application.publicNotice) expect(compareDates(application.publicNotice.start, today)).toBeLessThanOrEqual(0);
    }
    const decided = applications.filter((a) => a.status === 'approved');
    expect(decided.every((a) => a.decision !== undefined)).toBe(true);
    expect(applications.filter((a) => a.status === 'refused').every((a) => a.decision?.refusalReason)).toBe(true);
    expect(decided.filter((a) => a.type === 'medicalAid' || a.type === 'temporaryAid').every((a) => (a.decision?.oneOffAmount ?? 0) > 0)).toBe(true);
  });

  it('has statutory deadlines near and past, for the township and for the county', () => {
    const states = applications.flatMap((a) => applicationDeadlines(deadlineInputOf(a), today).map((d) => `${d.key}:${d.state}`));
    const near = states.filter((s) => s.endsWith(':near'));
    const overdue = states.filter((s) => s.endsWith(':overdue'));
    expect(near.length).toBeGreaterThanOrEqual(3);
    expect(overdue.length).toBeGreaterThanOrEqual(3);
    expect(states.filter((s) => s.startsWith('countyDecision:') && !s.endsWith(':ok') && !s.endsWith(':done')).length).toBeGreaterThanOrEqual(2);
    expect(states.filter((s) => s.startsWith('publicNoticeEnds:') && !s.endsWith(':ok') && !s.endsWith(':done')).length).toBeGreaterThanOrEqual(1);
  });

  it('has a document promised within days (容缺受理) and a 急难 临时救助 file still open', () => {
    const promised = applications.flatMap((a) => a.documents.filter((d) => d.state === 'promised').map((d) => d.promisedBy!));
    expect(promised.some((by) => compareDates(by, today) >= 0 && compareDates(by, addCalendarDays(today, 7)) <= 0)).toBe(true);
    const emergency = applications.filter((a) => a.emergency && a.emergencyGrant && a.status !== 'approved');
    expect(emergency).toHaveLength(1);
    expect(emergency[0]!.type).toBe('temporaryAid');
    expect(compareDates(emergency[0]!.emergencyGrant!.fileDueBy, today)).toBeGreaterThanOrEqual(0);
  });

  it('puts each household in the groups its approvals give, with a roster of monthly benefits and one 渐退期', () => {
    const paid = applications.filter((a) => a.status === 'approved' && a.benefit && a.benefit.state !== 'stopped');
    expect(paid.length).toBeGreaterThan(20);
    expect(paid.filter((a) => a.benefit!.state === 'phasingOut')).toHaveLength(1);
    expect(paid.find((a) => a.benefit!.state === 'phasingOut')!.benefit!.phaseOutUntil! > today.slice(0, 7)).toBe(true);
    for (const household of households) {
      const own = applications.filter((a) => a.householdId === household.id && a.status === 'approved');
      const receives = (type: string) => own.some((a) => a.type === type && a.benefit && a.benefit.state !== 'stopped');
      const recognised = (type: string) => own.some((a) => a.type === type && a.decision?.validUntil && compareDates(a.decision.validUntil, today) >= 0);
      const categories = new Set(household.categories ?? []);
      expect(categories.has('dibao'), household.id).toBe(receives('dibao'));
      expect(categories.has('tekun'), household.id).toBe(receives('tekun'));
      expect(categories.has('dibaoEdge'), household.id).toBe(recognised('dibaoEdge'));
      expect(categories.has('rigidExpenditure'), household.id).toBe(recognised('rigidExpenditure'));
    }
    // A recognition lapses within weeks (shown on 今日 before it does).
    const validUntil = applications.flatMap((a) => (a.decision?.validUntil ? [a.decision.validUntil] : []));
    expect(validUntil.some((d) => compareDates(d, today) >= 0 && compareDates(d, addCalendarDays(today, 30)) <= 0)).toBe(true);
    // Every circle: core, middle, and households in N groups only (the outer circle).
    const circles = households.map((h) => h.categories ?? []);
    expect(circles.some((c) => c.includes('tekun'))).toBe(true);
    expect(circles.some((c) => c.includes('dibaoEdge'))).toBe(true);
    expect(circles.some((c) => c.includes('rigidExpenditure'))).toBe(true);
    for (const tag of ['elderly', 'disabled', 'minor'] as const) {
      expect(circles.some((c) => c.length > 0 && c.every((k) => ['elderly', 'disabled', 'minor', 'otherLowIncome'].includes(k)) && c.includes(tag)), tag).toBe(true);
    }
  });

  it('pays each 低保 household the gap between the example standard for its residence and its counted income (差额)', async () => {
    const policies = await stored<Policy>('policies');
    const dibao = applications.filter((a) => a.type === 'dibao' && a.decision?.approvedMonthlyAmount !== undefined);
    expect(dibao.length).toBeGreaterThan(10);
    for (const application of dibao) {
      const household = households.find((h) => h.id === application.householdId)!;
      const policy = policies.find((p) => p.example && p.areaCode.slice(0, 6) === application.areaCode.slice(0, 6))!;
      const urban = householdResidence(household, household.areaCode) === 'urban';
      const standard = (urban ? policy.dibaoStandardUrbanMonthly : policy.dibaoStandardRuralMonthly)!;
      const income = summarizeIncome(application.incomeItems, application.coveredMemberIds, true);
      expect(income.perCapitaMonthly, application.id).toBeLessThan(standard);
      expect(application.decision!.approvedMonthlyAmount, application.id).toBe(Math.round(standard * income.memberCount - income.netMonthly));
    }
  });

  it('has review visits due this week and overdue, and the rest in time', () => {
    const last = new Map<string, string>();
    for (const visit of visits) if (compareDates(visit.visitDate, last.get(visit.householdId) ?? '1900-01-01') > 0) last.set(visit.householdId, visit.visitDate);
    const reviews = households
      .filter((h) => (h.categories ?? []).length > 0)
      .map((h) =>
        nextReview(
          {
            lastVisitDate: last.get(h.id) ?? null,
            enrolledOn: chinaDateOf(h.createdAt),
            irregularIncome: h.irregularIncome === true,
            membersAbleToWork: h.members.some((m) => !m.deceasedOn && memberAbleToWork(m, today)),
            memberDeathDates: h.members.flatMap((m) => (m.deceasedOn ? [m.deceasedOn] : [])),
          },
          today,
        ),
      );
    const states = reviews.map((review) => review.state);
    // A member of a 低保 household died since its last visit: the review owed within 3 months is near, and on the benefit.
    const afterDeath = reviews.filter((review) => review.reason === 'afterDeath');
    expect(afterDeath.map((review) => review.state)).toEqual(['near']);
    expect(applications.filter((a) => a.benefit?.reviewDueBy).map((a) => a.benefit!.reviewDueBy)).toEqual([afterDeath[0]!.due]);
    expect(states.filter((s) => s === 'overdue').length).toBeGreaterThanOrEqual(2);
    expect(states.filter((s) => s === 'near').length).toBeGreaterThanOrEqual(2);
    expect(states.filter((s) => s === 'ok').length).toBeGreaterThan(states.length / 2);
    expect(visits.filter((v) => v.nextVisitDate && compareDates(v.nextVisitDate, addCalendarDays(today, 7)) <= 0).length).toBeGreaterThanOrEqual(1);
  });

  it('has care needs with plans and referrals, follow-ups due within days and overdue', () => {
    const open = careNeeds.filter((n) => n.state === 'open');
    expect(open.every((n) => n.servicePlan && n.referrals.length > 0)).toBe(true);
    const due = open.flatMap((n) => n.followUps.filter((f) => !f.doneOn).map((f) => f.dueDate));
    expect(due.some((d) => compareDates(d, today) < 0)).toBe(true);
    expect(due.some((d) => compareDates(d, today) >= 0 && compareDates(d, addCalendarDays(today, 3)) <= 0)).toBe(true);
    expect(careNeeds.some((n) => n.state === 'closed')).toBe(true);
  });

  it('has example policy figures (示例) for 无棣县 and 惠民县 from 1 January of last year, which the server’s placeholders leave alone', async () => {
    // The server adds its reference rows after the seed (server/app.ts): placeholders only where a county has no period.
    await ensureReferenceData(db);
    const policies = await stored<Policy>('policies');
    const lastYear = Number(today.slice(0, 4)) - 1;
    for (const [code, name] of [['371623', '无棣县'], ['371621', '惠民县']] as const) {
      const own = policies.filter((p) => p.areaCode === `${code}000000`);
      expect(own).toHaveLength(1);
      expect(own[0]).toMatchObject({ example: true, placeholder: false, validFrom: `${lastYear}-01-01`, source: `示例数据，仅供演示，不是${name}公布的标准` });
      expect(own[0]!.validTo).toBeUndefined();
      for (const name of policyFigureNames) expect(own[0]![name], name).toEqual(expect.any(Number));
    }
    expect(policies.find((p) => p.areaCode === '371622000000')).toMatchObject({ placeholder: true, example: false });
  });

  it('seeds in a few seconds', () => {
    // It runs at every end-to-end start; the households alone took about 1 s on this machine.
    expect(seedMs).toBeLessThan(15_000);
  });
});

describe('the demo caseload in any month', () => {
  const villages = villagesIn('371623102').map((v) => v.code);
  const staff = (id: string, role: 'assistant' | 'township' | 'social_worker' | 'county') => ({ id, name: id, person: id, role, areaCode: '' });
  const team = {
    assistants: new Map([[villages[0]!, staff('u-a', 'assistant')]]),
    township: staff('u-t', 'township'),
    socialWorker: staff('u-s', 'social_worker'),
    county: staff('u-c', 'county'),
    secondInvestigator: '赵明',
  };
  const generate = (at: number) =>
    generateDemoCaseload({
      households: generateDemoHouseholds({ count: 200, villageCodes: villages, seed: 2026, now: at, createdBy: 'u-t' }),
      townshipCode: '371623102',
      team,
      now: at,
      seed: 2027,
    });

  it('is the same for the same day, and has every programme at every status its path has on holidays and weekends too', () => {
    const at = Date.parse('2026-12-05T02:00:00Z');
    expect(generate(at)).toEqual(generate(at));
    // Spring Festival, National Day week, a Sunday, New Year's Day.
    for (const day of ['2026-02-18', '2026-10-04', '2027-03-07', '2027-01-01']) {
      // 11:00 in China: steps planned for this morning are held back to before the server's clock.
      const at = Date.parse(`${day}T03:00:00Z`);
      const caseload = generate(at);
      for (const application of caseload.applications) {
        const times = application.history.map((entry) => entry.at);
        expect(times.every((t, i) => t <= at && (i === 0 || t > times[i - 1]!)), application.id).toBe(true);
      }
      expect([...caseload.visits, ...caseload.careNeeds].every((doc) => doc.createdAt <= at && doc.updatedAt <= at)).toBe(true);
      const seen = new Set(caseload.applications.map((a) => `${a.type}/${a.status}`));
      expect(seen.size, day).toBe(DEMO_PROGRAMMES.reduce((n, type) => n + statusesOnPath(type).length, 0));
      const states = caseload.applications.flatMap((a) => applicationDeadlines(deadlineInputOf(a), day).map((d) => d.state));
      expect(states, day).toContain('near');
      expect(states, day).toContain('overdue');
    }
  });
});

describe('码上查 in the demo', () => {
  it('gives every application the township accepted a registered tracking code, and a resident’s lookup of one shows its step', async () => {
    const accepted = applications.filter((app) => app.history.some((entry) => entry.action === 'accept'));
    expect(accepted.length).toBeGreaterThan(10);
    expect(accepted.every((app) => typeof app.trackingCode === 'string')).toBe(true);
    expect(applications.filter((app) => app.status === 'draft' || app.status === 'submitted').every((app) => app.trackingCode === undefined)).toBe(true);
    const register = await db.query<{ code_hash: string; application_id: string }>('SELECT code_hash, application_id FROM tracking_codes');
    expect(register.length).toBe(accepted.length);
    const investigating = accepted.find((app) => app.status === 'investigating')!;
    expect(register).toContainEqual({ code_hash: trackingCodeHash(investigating.trackingCode!), application_id: investigating.id });

    const household = households.find((h) => h.id === investigating.householdId)!;
    const last4 = household.members.find((m) => m.id === investigating.applicantMemberId)!.idNumber.slice(-4);
    const app = await buildServer({ db });
    try {
      const page = await app.inject({ method: 'POST', url: `/q/${investigating.trackingCode}`, payload: `check=${last4}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('调查中');
      expect(page.body).not.toContain(household.members[0]!.name);
    } finally {
      await app.close();
    }
  });
});
