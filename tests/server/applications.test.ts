import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { householdIdHashes } from '../../shared/domain/idHash';
import type { Application } from '../../shared/schemas/application';
import type { Household } from '../../shared/schemas/household';
import type { PullResponse, PushResponse } from '../../shared/sync/wire';
import type { ErrorBody } from '../../shared/wire/errors';
import { makeApplication, makeHousehold, newRow, stepApplication, wire } from '../support/documents';
import { api, databaseKinds, startTestServer, type TestServer } from '../support/testServer';

const VILLAGE = '371623102201';
type Session = Awaited<ReturnType<TestServer['signIn']>>;

const push = (server: TestServer, who: Session, rows: unknown[]) =>
  api<PushResponse<Application> & ErrorBody>(server, who.accessToken, 'POST', '/api/v1/sync/applications/push', rows);

async function stored(server: TestServer, who: Session, id: string): Promise<Application | undefined> {
  const page = await api<PullResponse<Application>>(server, who.accessToken, 'GET', '/api/v1/sync/applications/pull?limit=1000');
  return page.body.documents.find((d) => d.id === id);
}

describe.each(databaseKinds)('applications on %s: the status machine is enforced on push', (kind) => {
  let server: TestServer;
  let assistant: Session;
  let township: Session;
  let county: Session;

  beforeAll(async () => {
    server = await startTestServer(kind);
    assistant = await server.signIn('assistant', VILLAGE);
    township = await server.signIn('township', '371623102000');
    county = await server.signIn('county', '371623000000');
    const household = makeHousehold(VILLAGE);
    await api(server, assistant.accessToken, 'POST', '/api/v1/sync/households/push', [newRow(household)]);
  });
  afterAll(async () => server?.close());

  async function submitted(): Promise<Application> {
    const draft = makeApplication(makeHousehold(VILLAGE));
    const filed = stepApplication(draft, { action: 'submit', to: 'submitted', by: assistant.user });
    expect((await push(server, assistant, [newRow(filed)])).status).toBe(200);
    return filed;
  }

  it('lets each role take its own steps, all the way to approval, and keeps the whole history', async () => {
    let app = await submitted();
    const steps: [typeof assistant, Parameters<typeof stepApplication>[1]['action'], Application['status'], Partial<Application>][] = [
      [township, 'accept', 'accepted', {}],
      [township, 'startInvestigation', 'investigating', { investigation: { investigators: ['刘芳', '陈静'], startedOn: '2026-11-02' } }],
      [township, 'preliminaryReview', 'preliminaryReviewed', {}],
      [township, 'startPublicNotice', 'publicNotice', { publicNotice: { start: '2026-11-10' } }],
      [township, 'sendToCounty', 'pendingConfirmation', {}],
      [county, 'approve', 'approved', { decision: { approvedMonthlyAmount: 420, method: 'gap' }, verification: { result: 'consistent', checkedOn: '2026-11-20' } }],
    ];
    for (const [who, action, to, extra] of steps) {
      const next = stepApplication(app, { action, to, by: who.user }, extra);
      const answer = await push(server, who, [{ assumedMasterState: wire(app), newDocumentState: wire(next) }]);
      expect(answer.status, action).toBe(200);
      expect(answer.body.conflicts).toEqual([]);
      app = next;
    }
    const final = await stored(server, assistant, app.id);
    expect(final?.status).toBe('approved');
    expect(final?.history.map((h) => h.action)).toEqual([
      'submit', 'accept', 'startInvestigation', 'preliminaryReview', 'startPublicNotice', 'sendToCounty', 'approve',
    ]);
  });

  it('refuses a village assistant approving (a forged push) with 403 and leaves the record unchanged', async () => {
    const app = await submitted();
    const forged = stepApplication({ ...app, status: 'pendingConfirmation' }, { action: 'approve', to: 'approved', by: assistant.user });
    const answer = await push(server, assistant, [{ assumedMasterState: wire(app), newDocumentState: wire(forged) }]);
    expect(answer.status).toBe(403);
    expect(answer.body.error.details).toMatchObject({ ids: [app.id] });
    expect(await stored(server, township, app.id)).toMatchObject({ status: 'submitted', history: app.history });

    const direct = stepApplication(app, { action: 'approve', to: 'approved', by: assistant.user });
    expect((await push(server, assistant, [{ assumedMasterState: wire(app), newDocumentState: wire(direct) }])).status).toBe(403);
    expect((await stored(server, township, app.id))?.status).toBe('submitted');
  });

  it('refuses a rewritten history, a step signed in someone else’s name, and stores nothing of the batch', async () => {
    const app = await submitted();
    const accepted = stepApplication(app, { action: 'accept', to: 'accepted', by: township.user });
    const rewritten = { ...accepted, history: accepted.history.slice(1) };
    const other = makeApplication(makeHousehold(VILLAGE));
    const refused = await push(server, township, [newRow(other), { assumedMasterState: wire(app), newDocumentState: wire(rewritten) }]);
    expect(refused.status).toBe(403);
    expect(await stored(server, township, other.id)).toBeUndefined();

    const impersonated = stepApplication(app, { action: 'accept', to: 'accepted', by: { ...township.user, id: county.user.id } });
    expect((await push(server, township, [{ assumedMasterState: wire(app), newDocumentState: wire(impersonated) }])).status).toBe(403);
    expect((await stored(server, township, app.id))?.status).toBe('submitted');
  });

  it('answers a stale step with the current state (a conflict), not a refusal', async () => {
    const app = await submitted();
    const accepted = stepApplication(app, { action: 'accept', to: 'accepted', by: township.user });
    expect((await push(server, township, [{ assumedMasterState: wire(app), newDocumentState: wire(accepted) }])).status).toBe(200);
    const withdrawn = stepApplication(app, { action: 'withdraw', to: 'withdrawn', by: assistant.user });
    const answer = await push(server, assistant, [{ assumedMasterState: wire(app), newDocumentState: wire(withdrawn) }]);
    expect(answer.status).toBe(200);
    expect(answer.body.conflicts.map((c) => c.status)).toEqual(['accepted']);
  });
});

describe.each(databaseKinds)('reference data and ID hashes on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  it('gives a village its county’s policies (placeholders marked), the programmes, and colleagues above it', async () => {
    const assistant = await server.signIn('assistant', VILLAGE);
    const township = await server.signIn('township', '371623102000');
    const elsewhere = await server.signIn('assistant', '371621104303');
    const policies = await api<PullResponse<{ areaCode: string; placeholder: boolean; dibaoStandardRuralMonthly: number | null; edgeMultiplier: number }>>(
      server, assistant.accessToken, 'GET', '/api/v1/sync/policies/pull?limit=100');
    expect(policies.body.documents.length).toBeGreaterThan(0);
    expect(policies.body.documents.every((p) => p.areaCode === '371623000000')).toBe(true);
    expect(policies.body.documents[0]).toMatchObject({ placeholder: true, dibaoStandardRuralMonthly: null, edgeMultiplier: 1.5 });
    const programs = await api<PullResponse<{ name: string }>>(server, assistant.accessToken, 'GET', '/api/v1/sync/programs/pull?limit=100');
    expect(programs.body.documents.map((p) => p.name)).toContain('最低生活保障');
    const users = await api<PullResponse<{ id: string }>>(server, assistant.accessToken, 'GET', '/api/v1/sync/users/pull?limit=100');
    const ids = users.body.documents.map((u) => u.id);
    expect(ids).toEqual(expect.arrayContaining([assistant.user.id, township.user.id]));
    expect(ids).not.toContain(elsewhere.user.id);
    expect((await api(server, assistant.accessToken, 'POST', '/api/v1/sync/policies/push', [])).status).toBe(405);
  });

  it('stores the server’s hashes whatever the laptop sent', async () => {
    const assistant = await server.signIn('assistant', VILLAGE);
    const key = assistant.searchKeys[VILLAGE.slice(0, 9)]!;
    const household = makeHousehold(VILLAGE, { idHashes: ['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB'], memberNames: ['别人', '也不是'] });
    const stored = await api<PushResponse<Household>>(server, assistant.accessToken, 'POST', '/api/v1/sync/households/push', [newRow(household)]);
    expect(stored).toMatchObject({ status: 200, body: { conflicts: [] } });
    const page = await api<PullResponse<Household>>(server, assistant.accessToken, 'GET', '/api/v1/sync/households/pull?limit=1000');
    const got = page.body.documents.find((d) => d.id === household.id)!;
    expect(got.idHashes).toEqual(await householdIdHashes(key, household.members));
    expect(got.memberNames).toEqual(household.members.map((m) => m.name));
  });
});
