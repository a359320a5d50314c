import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { villagesIn } from '../../shared/areas';
import { chinaToday } from '../../shared/domain/chinaTime';
import { addCalendarDays } from '../../shared/rules/dates';
import type { EndOfDayReport, VillageEndOfDay } from '../../shared/stats/endOfDay';
import type { ErrorBody } from '../../shared/wire/errors';
import { storeDocuments } from '../../server/storage/documentStore';
import { makeApplication, makeHousehold, makeVisit, newRow, stepApplication } from '../support/documents';
import { api, databaseKinds, startTestServer, type TestServer } from '../support/testServer';

const TOWNSHIP = '371623102';
const [VILLAGE_SENT, VILLAGE_QUIET] = villagesIn(TOWNSHIP).map((village) => village.code);
type Session = Awaited<ReturnType<TestServer['signIn']>>;

const report = (server: TestServer, who: Session, query = '') =>
  api<{ report: EndOfDayReport } & ErrorBody>(server, who.accessToken, 'GET', `/api/v1/reports/end-of-day${query}`);

const villageOf = (answer: EndOfDayReport, code: string): VillageEndOfDay => {
  const village = answer.villages.find((v) => v.code === code);
  if (!village) throw new Error(`village ${code} missing from the report`);
  return village;
};

describe.each(databaseKinds)('the township’s end-of-day report on %s', (kind) => {
  let server: TestServer;
  let sender: Session;
  let quiet: Session;
  let township: Session;
  let county: Session;
  let today: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    sender = await server.signIn('assistant', VILLAGE_SENT!);
    quiet = await server.signIn('assistant', VILLAGE_QUIET!);
    township = await server.signIn('township', `${TOWNSHIP}000`);
    county = await server.signIn('county', '371623000000');

    // The sending village: two households (one edited twice), a visit and an application, today.
    const first = makeHousehold(VILLAGE_SENT!, { categories: ['dibao'] });
    const second = makeHousehold(VILLAGE_SENT!);
    const push = (who: Session, collection: string, rows: unknown[]) =>
      api(server, who.accessToken, 'POST', `/api/v1/sync/${collection}/push`, rows);
    expect((await push(sender, 'households', [newRow(first), newRow(second)])).status).toBe(200);
    const edited = { ...first, address: '改过的地址', updatedAt: first.updatedAt + 1 };
    expect((await push(sender, 'households', [{ assumedMasterState: { ...first, _deleted: false }, newDocumentState: { ...edited, _deleted: false } }])).status).toBe(200);
    expect((await push(sender, 'visits', [newRow(makeVisit(first, { visitDate: chinaToday() }))])).status).toBe(200);
    const submitted = stepApplication(makeApplication(first), { action: 'submit', to: 'submitted', by: sender.user });
    expect((await push(sender, 'applications', [newRow(submitted)])).status).toBe(200);
    today = chinaToday();

    // Older applications stored directly (no arrival today): one accepted 30 days ago and never
    // investigated (overdue), one with the county (not the township's to act on), one draft.
    const longAgo = Date.now() - 30 * 86_400_000;
    const overdue = makeApplication(second, {
      status: 'accepted',
      history: [
        { id: 'h1', action: 'submit', from: 'draft', to: 'submitted', at: longAgo, byUserId: 'u', byName: '王', role: 'assistant' },
        { id: 'h2', action: 'accept', from: 'submitted', to: 'accepted', at: longAgo, byUserId: 't', byName: '刘', role: 'township' },
      ],
    });
    const withCounty = makeApplication(second, { status: 'pendingConfirmation' });
    const draft = makeApplication(second);
    await server.db.transaction((tx) =>
      storeDocuments(tx, 'applications', [overdue, withCounty, draft].map((doc) => ({ doc: doc as unknown as Record<string, unknown>, deleted: false }))),
    );

    // The quiet village's assistant was last online five days ago.
    await server.db.query(`UPDATE devices SET last_seen_at = now() - interval '5 days' WHERE user_id = $1`, [quiet.user.id]);
  }, 60_000);
  afterAll(async () => server?.close());

  it('shows per village what arrived today, what waits for the township and who has not been online', async () => {
    const answer = await report(server, township, `?date=${today}&staleDays=3`);
    expect(answer.status).toBe(200);
    const { report: r } = answer.body;
    expect(r).toMatchObject({ date: today, scope: TOWNSHIP, staleDays: 3 });
    // Every village of the township is listed, sent or not.
    expect(r.villages.map((v) => v.code)).toEqual(villagesIn(TOWNSHIP).map((v) => v.code));

    const sent = villageOf(r, VILLAGE_SENT!);
    // Two households (the one edited twice counts once), one visit, one application.
    expect(sent.received).toEqual({ households: 2, visits: 1, applications: 1 });
    expect(sent.receivedTotal).toBe(4);
    expect(sent.lastReceivedAt).toBeGreaterThan(Date.now() - 600_000);
    // Waiting for the township: the new submission and the overdue accepted one; not the county's, not the draft.
    expect(sent.waiting).toBe(2);
    expect(sent.overdue).toBe(1);
    expect(sent.assistants).toEqual([expect.objectContaining({ userId: sender.user.id, daysSinceSeen: 0, stale: false })]);

    const silent = villageOf(r, VILLAGE_QUIET!);
    expect(silent).toMatchObject({ received: {}, receivedTotal: 0, lastReceivedAt: null, waiting: 0, overdue: 0 });
    expect(silent.assistants).toEqual([expect.objectContaining({ userId: quiet.user.id, daysSinceSeen: 5, stale: true })]);
    expect(r.totals).toEqual({ received: 4, waiting: 2, overdue: 1, staleAssistants: 1, villagesSent: 1 });
  });

  it('flags an assistant five days away with 3 days but not with 7, and counts nothing for another day', async () => {
    const lenient = (await report(server, township, '?staleDays=7')).body.report;
    expect(villageOf(lenient, VILLAGE_QUIET!).assistants[0]).toMatchObject({ daysSinceSeen: 5, stale: false });
    expect(lenient.totals.staleAssistants).toBe(0);
    // Without a date it is today's report, with the default of 3 days.
    const byDefault = (await report(server, township)).body.report;
    expect(byDefault.staleDays).toBe(3);
    expect(villageOf(byDefault, VILLAGE_QUIET!).assistants[0]?.stale).toBe(true);
    const yesterday = (await report(server, township, `?date=${addCalendarDays(today, -1)}`)).body.report;
    expect(yesterday.totals.received).toBe(0);
    // Waiting work is as of now, whatever the day asked.
    expect(yesterday.totals.waiting).toBe(2);
  });

  it('keeps to the caller’s area: a township cannot ask for another, a village assistant gets 403', async () => {
    const other = await report(server, township, '?areaPrefix=371623103');
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('out_of_scope');
    const assistant = await report(server, sender);
    expect(assistant.status).toBe(403);
    expect(assistant.body.error.code).toBe('forbidden');
    const worker = await server.signIn('social_worker', `${TOWNSHIP}000`);
    expect((await report(server, worker)).status).toBe(403);
    // The county may look at one of its townships, and sees what the township sees.
    const fromCounty = await report(server, county, `?areaPrefix=${TOWNSHIP}&date=${today}`);
    expect(fromCounty.status).toBe(200);
    expect(villageOf(fromCounty.body.report, VILLAGE_SENT!).received).toEqual({ households: 2, visits: 1, applications: 1 });
    expect((await api(server, null, 'GET', '/api/v1/reports/end-of-day')).status).toBe(401);
  });

  it('refuses a malformed day or number of days, naming the field', async () => {
    for (const [query, field] of [
      ['?date=2026-02-30', 'date'],
      ['?date=today', 'date'],
      ['?staleDays=0', 'staleDays'],
      ['?staleDays=abc', 'staleDays'],
      ['?staleDays=365', 'staleDays'],
    ] as const) {
      const answer = await report(server, township, query);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.details, query).toEqual({ field });
    }
    expect((await report(server, township, '?unknown=1')).status).toBe(400);
  });

  it('records each look at the report in the audit log, without counting it as an arrival', async () => {
    await report(server, township, `?date=${today}`);
    const rows = await server.db.query<{ action: string; collection: string; details: { report: string; date: string } }>(
      `SELECT action, collection, details FROM audit_log WHERE user_id = $1 AND collection = 'reports' ORDER BY id DESC LIMIT 1`,
      [township.user.id],
    );
    expect(rows[0]).toMatchObject({ action: 'view', collection: 'reports', details: { report: 'endOfDay', date: today } });
    expect((await report(server, township, `?date=${today}`)).body.report.totals.received).toBe(4);
  });
});
