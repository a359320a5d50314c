import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { villagesIn } from '../../shared/areas';
import { chinaToday } from '../../shared/domain/chinaTime';
import { makeIdNumber } from '../../shared/domain/idNumber';
import { applicationStatuses, type ApplicationAction, type ApplicationStatus } from '../../shared/rules/applicationStatus';
import { addCalendarDays, addMonths, type IsoDate } from '../../shared/rules/dates';
import { deadlineInputOf } from '../../shared/rules/deadlineInput';
import { applicationDeadlines } from '../../shared/rules/deadlines';
import { applicationTypes, type Application } from '../../shared/schemas/application';
import type { CareNeed } from '../../shared/schemas/careNeed';
import { householdCategories, labourAbilities, type Household, type Member } from '../../shared/schemas/household';
import { needCategories, type Visit } from '../../shared/schemas/visit';
import { dashboardFigures, type DashboardFigures } from '../../shared/stats/figures';
import type { ErrorBody } from '../../shared/wire/errors';
import { storeDocuments } from '../../server/storage/documentStore';
import { serverFigures } from '../../server/stats/serverFigures';
import { makeApplication, makeHousehold, makeVisit, newRow, stepApplication, wire } from '../support/documents';
import { api, databaseKinds, startTestServer, type TestServer } from '../support/testServer';

/*
 * A realistic, seeded set of documents for comparing the server's SQL figures with
 * `dashboardFigures`: several villages in two townships and another county, members of every
 * age (some born on the day, on 02-29, in the future, or dead before, on or after the day), every
 * group and none, archived and deleted households, visits before, during and after the month,
 * applications in every status with the history each status implies, open and closed care needs.
 */
interface Dataset {
  households: Household[];
  applications: Application[];
  visits: Visit[];
  careNeeds: CareNeed[];
  /** Ids of documents stored as deleted: they must count nowhere. */
  deleted: Set<string>;
}

/** A small deterministic generator (mulberry32), so a failure can be reproduced. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)]!;
  return { next, int, pick };
}

/** Epoch millis of a China wall-clock time. */
const chinaTime = (date: IsoDate, time = '12:00') => Date.parse(`${date}T${time}:00+08:00`);

/** The path an application takes to reach each status, as (action, to) steps. */
const pathTo: Record<ApplicationStatus, [ApplicationAction, ApplicationStatus][]> = {
  draft: [],
  submitted: [['submit', 'submitted']],
  returned: [['submit', 'submitted'], ['return', 'returned']],
  accepted: [['submit', 'submitted'], ['accept', 'accepted']],
  investigating: [['submit', 'submitted'], ['accept', 'accepted'], ['startInvestigation', 'investigating']],
  preliminaryReviewed: [
    ['submit', 'submitted'], ['accept', 'accepted'], ['startInvestigation', 'investigating'], ['preliminaryReview', 'preliminaryReviewed'],
  ],
  publicNotice: [
    ['submit', 'submitted'], ['accept', 'accepted'], ['startInvestigation', 'investigating'], ['preliminaryReview', 'preliminaryReviewed'],
    ['startPublicNotice', 'publicNotice'],
  ],
  pendingConfirmation: [
    ['submit', 'submitted'], ['accept', 'accepted'], ['startInvestigation', 'investigating'], ['preliminaryReview', 'preliminaryReviewed'],
    ['startPublicNotice', 'publicNotice'], ['sendToCounty', 'pendingConfirmation'],
  ],
  approved: [
    ['submit', 'submitted'], ['accept', 'accepted'], ['startInvestigation', 'investigating'], ['preliminaryReview', 'preliminaryReviewed'],
    ['startPublicNotice', 'publicNotice'], ['sendToCounty', 'pendingConfirmation'], ['approve', 'approved'],
  ],
  refused: [
    ['submit', 'submitted'], ['accept', 'accepted'], ['startInvestigation', 'investigating'], ['preliminaryReview', 'preliminaryReviewed'],
    ['startPublicNotice', 'publicNotice'], ['sendToCounty', 'pendingConfirmation'], ['refuse', 'refused'],
  ],
  withdrawn: [['submit', 'submitted'], ['withdraw', 'withdrawn']],
};

const roleOf = (action: ApplicationAction) =>
  action === 'submit' ? 'assistant' : action === 'approve' || action === 'refuse' ? 'county' : 'township';

/**
 * `today` anchors the dates (born on the day, visits this month); the set is also compared on
 * other days, where the same documents fall differently.
 */
function makeDataset(today: IsoDate, seed = 20261120): Dataset {
  const random = generator(seed);
  const villages = [
    ...villagesIn('371623102').slice(0, 3).map((v) => v.code),
    ...villagesIn('371623103').slice(0, 2).map((v) => v.code),
    villagesIn('371621')[0]!.code,
  ];
  const year = Number(today.slice(0, 4));
  const monthDay = today.slice(5);
  const households: Household[] = [];
  const applications: Application[] = [];
  const visits: Visit[] = [];
  const careNeeds: CareNeed[] = [];
  const deleted = new Set<string>();
  let seq = 1;

  const member = (areaCode: string, id: string, birthDate: IsoDate, relation: Member['relation']): Member => {
    const base: Member = {
      id,
      name: `成员${id}`,
      idNumber: makeIdNumber(areaCode.slice(0, 6), birthDate, seq++ % 1000),
      relation,
      birthDate,
      sex: random.next() < 0.5 ? 'male' : 'female',
    };
    if (random.next() < 0.6) base.labourAbility = random.pick(labourAbilities);
    const death = random.next();
    if (death < 0.05) base.deceasedOn = addCalendarDays(today, -random.int(1, 200));
    else if (death < 0.07) base.deceasedOn = today; // died today: no longer counted
    else if (death < 0.08) base.deceasedOn = addCalendarDays(today, 3); // recorded ahead: still living today
    return base;
  };
  const birthDates = (): IsoDate[] => [
    `${year - 16}-${monthDay === '02-29' ? '02-28' : monthDay}`, // 16 today (or, on 02-29, the day before)
    `${year - 60}-${monthDay === '02-29' ? '03-01' : monthDay}`,
    `${year - 80}-${monthDay === '02-29' ? '03-01' : monthDay}`,
    addCalendarDays(today, 1).replace(/^\d{4}/, String(year - 16)).replace('-02-29', '-02-28'), // one day short of 16
    '2012-02-29',
    '2008-02-29',
    addCalendarDays(today, 10), // born after today: counts as 0
  ];

  for (const [v, areaCode] of villages.entries()) {
    const count = 14 + v * 3;
    for (let i = 0; i < count; i++) {
      const n = households.length;
      const members: Member[] = [];
      const size = random.int(1, 5);
      for (let m = 0; m < size; m++) {
        const birthDate =
          random.next() < 0.25
            ? random.pick(birthDates())
            : `${random.int(1925, year)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
        members.push(member(areaCode, `m${n}-${m}`, birthDate, m === 0 ? 'head' : random.pick(['spouse', 'child', 'parent'] as const)));
      }
      const groupDraw = random.next();
      const categories =
        groupDraw < 0.15 ? undefined : groupDraw < 0.2 ? [] : householdCategories.filter(() => random.next() < 0.3);
      const created = addCalendarDays(today, -random.int(0, 900));
      const household = makeHousehold(areaCode, {
        members,
        createdAt: chinaTime(created, random.pick(['00:10', '07:59', '12:00', '23:50'])),
        ...(categories === undefined ? {} : { categories }),
        ...(random.next() < 0.2 ? { irregularIncome: random.next() < 0.7 } : {}),
        ...(random.next() < 0.06 ? { archived: { at: 1, by: 'u', reason: '迁出' } } : {}),
      });
      households.push(household);
      if (random.next() < 0.04) deleted.add(household.id);

      // Visits: long ago, just before the month, this month up to today, and planned after today.
      const visitCount = random.int(0, 4);
      for (let k = 0; k < visitCount; k++) {
        const when = random.pick([
          addMonths(today, -random.int(1, 18)),
          addCalendarDays(`${today.slice(0, 7)}-01`, -1),
          `${today.slice(0, 7)}-01`,
          today,
          addCalendarDays(today, -random.int(0, 40)),
          addCalendarDays(today, random.int(1, 5)),
        ]);
        const visit = makeVisit(household, { visitDate: when });
        visits.push(visit);
        if (random.next() < 0.05) deleted.add(visit.id);
      }

      // Applications in every status, with the history that status implies.
      if (random.next() < 0.6) {
        const status = applicationStatuses[n % applicationStatuses.length]!;
        let day = addCalendarDays(today, -random.int(0, 60));
        const history = pathTo[status].map(([action, to], index) => {
          day = addCalendarDays(day, random.int(0, 6));
          const from = index === 0 ? 'draft' : pathTo[status][index - 1]![1];
          return {
            id: `h${n}-${index}`,
            action,
            from,
            to,
            at: chinaTime(day, random.pick(['00:05', '09:30', '23:55'])),
            byUserId: 'u',
            byName: '刘芳',
            role: roleOf(action),
          } as Application['history'][number];
        });
        const noticeStep = history.find((entry) => entry.action === 'startPublicNotice');
        const type = random.pick(applicationTypes);
        const application = makeApplication(household, {
          type,
          // 急难: its own, shorter path; the server must see the flag to count its deadlines.
          ...(type === 'temporaryAid' && random.next() < 0.5 ? { emergency: true } : {}),
          status,
          history,
          createdAt: chinaTime(addCalendarDays(today, -random.int(0, 400)), random.pick(['00:30', '12:00', '23:30'])),
          ...(noticeStep ? { publicNotice: { start: new Date(noticeStep.at + 8 * 3600_000).toISOString().slice(0, 10) } } : {}),
          ...(random.next() < 0.2 ? { extended: true } : {}),
          ...(random.next() < 0.2 && history.length > 2
            ? { investigation: { investigators: ['王秀兰'], startedOn: addCalendarDays(today, -random.int(0, 30)) } }
            : {}),
        });
        applications.push(application);
        if (random.next() < 0.05) deleted.add(application.id);
      }

      // Care needs, open and closed.
      if (random.next() < 0.3) {
        const need: CareNeed = {
          id: `cn-${household.id}`,
          areaCode,
          householdId: household.id,
          category: random.pick(needCategories),
          severity: 'medium',
          description: '需要照料',
          referrals: [],
          followUps: [],
          state: random.next() < 0.7 ? 'open' : 'closed',
          createdAt: 1,
          createdBy: 'u',
          updatedAt: 1,
          updatedBy: 'u',
        };
        careNeeds.push(need);
        if (random.next() < 0.05) deleted.add(need.id);
      }
    }
  }
  return { households, applications, visits, careNeeds, deleted };
}

const VILLAGE = '371623102201';
const OTHER_VILLAGE = '371623102202';
const OTHER_TOWNSHIP_VILLAGE = '371621104303';
type Session = Awaited<ReturnType<TestServer['signIn']>>;

const dashboard = (server: TestServer, who: Session, areaPrefix?: string) =>
  api<{ figures: DashboardFigures } & ErrorBody>(
    server,
    who.accessToken,
    'GET',
    `/api/v1/stats/dashboard${areaPrefix === undefined ? '' : `?areaPrefix=${areaPrefix}`}`,
  );

describe.each(databaseKinds)('dashboard figures from the server on %s', (kind) => {
  let server: TestServer;
  let assistant: Session;
  let township: Session;
  let county: Session;
  let otherCounty: Session;
  const households: Household[] = [];
  const applications: Application[] = [];
  const visits: Visit[] = [];

  beforeAll(async () => {
    server = await startTestServer(kind);
    assistant = await server.signIn('assistant', VILLAGE);
    township = await server.signIn('township', '371623102000');
    county = await server.signIn('county', '371623000000');
    otherCounty = await server.signIn('assistant', OTHER_TOWNSHIP_VILLAGE);
    const other = await server.signIn('assistant', OTHER_VILLAGE);

    const mine = [
      makeHousehold(VILLAGE, { categories: ['dibao'] }),
      makeHousehold(VILLAGE, { categories: ['tekun', 'elderly'] }),
      makeHousehold(VILLAGE, { categories: ['rigidExpenditure'] }),
    ];
    const theirs = [makeHousehold(OTHER_VILLAGE, { categories: ['dibao'] }), makeHousehold(OTHER_VILLAGE)];
    const elsewhere = [makeHousehold(OTHER_TOWNSHIP_VILLAGE, { categories: ['dibaoEdge'] })];
    const gone = makeHousehold(VILLAGE, { categories: ['dibao'] });
    for (const [who, list] of [[assistant, [...mine, gone]], [other, theirs], [otherCounty, elsewhere]] as const) {
      expect((await api(server, who.accessToken, 'POST', '/api/v1/sync/households/push', list.map(newRow))).status).toBe(200);
    }
    // An archived household counts nowhere (households are archived, never deleted).
    const archived = { ...gone, archived: { at: Date.now(), by: assistant.user.id, reason: '全家迁往县城居住' }, updatedAt: gone.updatedAt + 1 };
    expect(
      (await api(server, assistant.accessToken, 'POST', '/api/v1/sync/households/push', [
        { assumedMasterState: wire(gone), newDocumentState: wire(archived) },
      ])).status,
    ).toBe(200);
    households.push(...mine, ...theirs, ...elsewhere);

    const filed = stepApplication(makeApplication(mine[0]!), { action: 'submit', to: 'submitted', by: assistant.user });
    const accepted = stepApplication(filed, { action: 'accept', to: 'accepted', by: township.user });
    const theirApp = stepApplication(makeApplication(theirs[0]!), { action: 'submit', to: 'submitted', by: other.user });
    expect((await api(server, assistant.accessToken, 'POST', '/api/v1/sync/applications/push', [newRow(filed)])).status).toBe(200);
    expect(
      (await api(server, township.accessToken, 'POST', '/api/v1/sync/applications/push', [
        { assumedMasterState: wire(filed), newDocumentState: wire(accepted) },
      ])).status,
    ).toBe(200);
    expect((await api(server, other.accessToken, 'POST', '/api/v1/sync/applications/push', [newRow(theirApp)])).status).toBe(200);
    applications.push(accepted, theirApp);

    const visit = makeVisit(mine[1]!, { visitDate: chinaToday() });
    expect((await api(server, assistant.accessToken, 'POST', '/api/v1/sync/visits/push', [newRow(visit)])).status).toBe(200);
    visits.push(visit);
  });
  afterAll(async () => server?.close());

  const expected = (prefix: string) => {
    const inScope = <T extends { areaCode: string }>(docs: T[]) => docs.filter((doc) => doc.areaCode.startsWith(prefix));
    return dashboardFigures({
      households: inScope(households),
      applications: inScope(applications),
      visits: inScope(visits),
      careNeeds: [],
      today: chinaToday(),
      scope: prefix,
    });
  };

  it('gives the same figures as the shared function computes from the same documents, for each scope', async () => {
    const forTownship = await dashboard(server, township);
    expect(forTownship.status).toBe(200);
    expect(forTownship.body.figures).toEqual(expected('371623102'));
    expect(forTownship.body.figures.byGroup.dibao).toEqual({ households: 2, people: 4 });
    expect(forTownship.body.figures.byArea.map((area) => area.code)).toEqual([VILLAGE, OTHER_VILLAGE]);
    expect(forTownship.body.figures.applications.byStatus).toMatchObject({ accepted: 1, submitted: 1 });

    const forCounty = await dashboard(server, county);
    expect(forCounty.body.figures).toEqual(expected('371623'));
    expect(forCounty.body.figures.byArea).toEqual([{ code: '371623102', households: 5, people: 10 }]);
    // A county narrowed to one of its townships sees exactly what the township sees.
    expect((await dashboard(server, county, '371623102')).body.figures).toEqual(forTownship.body.figures);
  });

  it('refuses a village assistant (it counts on its laptop) and an area outside the caller’s scope', async () => {
    const own = await dashboard(server, assistant);
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('forbidden');
    expect((await dashboard(server, assistant, VILLAGE)).status).toBe(403);
    // A township may narrow to one of its villages: the same figures its laptop computes.
    const village = await dashboard(server, township, VILLAGE);
    expect(village.status).toBe(200);
    expect(village.body.figures).toEqual(expected(VILLAGE));
    expect(village.body.figures.totals).toEqual({ households: 3, people: 6 });
    expect(village.body.figures.byArea).toEqual([{ code: VILLAGE, households: 3, people: 6 }]);
    expect(village.body.figures.applications.total).toBe(1);

    for (const [who, prefix] of [
      [township, '371621'],
      [township, '371623103'],
      [county, '3716'],
      [county, '371621104303'],
    ] as const) {
      const answer = await dashboard(server, who, prefix);
      expect(answer.status, prefix).toBe(403);
      expect(answer.body.error.code).toBe('out_of_scope');
    }
    expect((await dashboard(server, township, 'abc')).status).toBe(400);
    expect((await api(server, null, 'GET', '/api/v1/stats/dashboard')).status).toBe(401);
  });

  it('records each look at the dashboard in the audit log as a view', async () => {
    await dashboard(server, township, VILLAGE);
    const rows = await server.db.query<{ action: string; collection: string; details: { areaPrefix: string } }>(
      `SELECT action, collection, details FROM audit_log WHERE user_id = $1 AND collection = 'stats' ORDER BY id DESC LIMIT 1`,
      [township.user.id],
    );
    expect(rows[0]).toMatchObject({ action: 'view', collection: 'stats', details: { areaPrefix: VILLAGE } });
  });
});

describe.each(databaseKinds)('SQL aggregates against the shared function on %s', (kind) => {
  const ANCHOR = '2026-11-20';
  const data = makeDataset(ANCHOR);
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind);
    const lists = [
      ['households', data.households],
      ['visits', data.visits],
      ['applications', data.applications],
      ['careNeeds', data.careNeeds],
    ] as const;
    await server.db.transaction(async (tx) => {
      for (const [collection, docs] of lists) {
        await storeDocuments(
          tx,
          collection,
          docs.map((doc) => ({ doc: doc as unknown as Record<string, unknown>, deleted: data.deleted.has(doc.id) })),
        );
      }
    });
  }, 60_000);
  afterAll(async () => server?.close());

  /** What the laptop would compute from the same documents: everything in scope and not deleted. */
  const expected = (prefix: string, today: IsoDate): DashboardFigures => {
    const live = <T extends { id: string; areaCode: string }>(docs: T[]) =>
      docs.filter((doc) => !data.deleted.has(doc.id) && doc.areaCode.startsWith(prefix));
    return dashboardFigures({
      households: live(data.households),
      applications: live(data.applications),
      visits: live(data.visits),
      careNeeds: live(data.careNeeds),
      today,
      scope: prefix,
    });
  };

  it('builds a set that exercises every figure (so equality below means something)', () => {
    const figures = expected('3716', ANCHOR);
    expect(data.deleted.size).toBeGreaterThan(0);
    expect(data.households.some((household) => household.archived)).toBe(true);
    for (const band of ['under16', 'age16to59', 'age60to79', 'age80plus'] as const) expect(figures.ages[band]).toBeGreaterThan(0);
    for (const status of applicationStatuses) expect(figures.applications.byStatus[status], status).toBeGreaterThan(0);
    expect(figures.applications.deadlinesOverdue).toBeGreaterThan(0);
    expect(figures.applications.deadlinesNear).toBeGreaterThan(0);
    // 急难 applications whose deadlines differ from the ordinary 临时救助 path as of the anchor.
    const emergencyDiffers = data.applications.filter((application) => {
      if (!application.emergency) return false;
      const states = (emergency: boolean) =>
        applicationDeadlines(deadlineInputOf({ ...application, emergency }), ANCHOR).map((deadline) => deadline.state);
      return JSON.stringify(states(true)) !== JSON.stringify(states(false));
    });
    expect(emergencyDiffers.length).toBeGreaterThan(0);
    expect(figures.visits.required).toBeGreaterThan(figures.visits.requiredVisited);
    expect(figures.visits.requiredVisited).toBeGreaterThan(0);
    expect(figures.careNeeds.open).toBeGreaterThan(0);
    expect(figures.trend.some((month) => month.approved > 0)).toBe(true);
    expect(figures.byArea).toHaveLength(2);
  });

  it.each([ANCHOR, '2026-11-30', '2026-12-01', '2027-02-28', '2028-02-29', '2026-03-01'])(
    'gives exactly the shared function’s figures for every scope, as of %s',
    async (today) => {
      const township = villagesIn('371623102')[0]!.code.slice(0, 9);
      for (const prefix of ['', '3716', '371623', township, villagesIn('371623102')[1]!.code]) {
        expect(await serverFigures(server.db, prefix, today), `scope '${prefix}'`).toEqual(expected(prefix, today));
      }
    },
    60_000,
  );

  it('gives all-zero figures, with the twelve months, for a scope with no records', async () => {
    const empty = villagesIn('371623103').at(-1)!.code;
    const figures = await serverFigures(server.db, empty, ANCHOR);
    expect(figures).toEqual(expected(empty, ANCHOR));
    expect(figures.totals).toEqual({ households: 0, people: 0 });
    expect(figures.byArea).toEqual([]);
    expect(figures.trend).toHaveLength(12);
  });

  it('answers a county user over HTTP with the same figures, as of today in China', async () => {
    const county = await server.signIn('county', '371623000000');
    const answer = await api<{ figures: DashboardFigures }>(server, county.accessToken, 'GET', '/api/v1/stats/dashboard');
    expect(answer.status).toBe(200);
    expect(answer.body.figures).toEqual(expected('371623', chinaToday()));
    const narrowed = await api<{ figures: DashboardFigures }>(server, county.accessToken, 'GET', '/api/v1/stats/dashboard?areaPrefix=371623103');
    expect(narrowed.body.figures).toEqual(expected('371623103', chinaToday()));
    expect(narrowed.body.figures.totals.households).toBeGreaterThan(0);
  });
});
