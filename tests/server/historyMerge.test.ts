import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '../../shared/schemas/application';
import { mergeDocuments, type JsonObject } from '../../shared/sync/merge';
import { mergeApplicationHistory } from '../../shared/sync/mergeHistory';
import type { PullResponse, PushResponse } from '../../shared/sync/wire';
import type { ErrorBody } from '../../shared/wire/errors';
import { makeApplication, makeHousehold, newRow, stepApplication, wire } from '../support/documents';
import { takeStep } from '../support/writePolicyCases';
import { api, databaseKinds, startTestServer, type TestServer } from '../support/testServer';

const VILLAGE = '371623102201';
type Session = Awaited<ReturnType<TestServer['signIn']>>;

const push = (server: TestServer, who: Session, rows: unknown[]) =>
  api<PushResponse<Application> & ErrorBody>(server, who.accessToken, 'POST', '/api/v1/sync/applications/push', rows);

const merge = (base: Application, local: Application, remote: Application) =>
  mergeDocuments(base as unknown as JsonObject, local as unknown as JsonObject, remote as unknown as JsonObject, {
    atomic: [['status', 'history']],
    mergeGroup: (_g, b, l, r) => mergeApplicationHistory(b, l, r),
  });

describe.each(databaseKinds)('an application history merged from both sides, on %s', (kind) => {
  let server: TestServer;
  let assistant: Session;
  let township: Session;

  beforeAll(async () => {
    server = await startTestServer(kind);
    assistant = await server.signIn('assistant', VILLAGE);
    township = await server.signIn('township', '371623102000');
  });
  afterAll(async () => server?.close());

  it('accepts the laptop’s merged push: the server’s steps stay in place, the laptop’s follow, nothing twice', async () => {
    const household = makeHousehold(VILLAGE);
    expect((await api(server, assistant.accessToken, 'POST', '/api/v1/sync/households/push', [newRow(household)])).status).toBe(200);
    const submitted = stepApplication(makeApplication(household), { action: 'submit', to: 'submitted', by: assistant.user });
    expect((await push(server, assistant, [newRow(submitted)])).status).toBe(200);
    const accepted = stepApplication(submitted, { action: 'accept', to: 'accepted', by: township.user });
    expect((await push(server, township, [{ assumedMasterState: wire(submitted), newDocumentState: wire(accepted) }])).status).toBe(200);

    // Offline, the assistant withdraws what it last saw as accepted; the township meanwhile starts the investigation.
    const withdrawn = takeStep(accepted, 'withdraw', assistant.user);
    withdrawn.history[withdrawn.history.length - 1]!.note = '家里情况好转';
    const investigating = takeStep(accepted, 'startInvestigation', township.user);
    expect((await push(server, township, [{ assumedMasterState: wire(accepted), newDocumentState: wire(investigating) }])).status).toBe(200);

    const stale = await push(server, assistant, [{ assumedMasterState: wire(accepted), newDocumentState: wire(withdrawn) }]);
    expect(stale.status).toBe(200);
    const master = stale.body.conflicts[0]!;
    expect(master.status).toBe('investigating');

    const { _deleted: _d, ...serverState } = master as Application & { _deleted?: boolean };
    const { merged, collisions } = merge(accepted, withdrawn, serverState);
    expect(collisions).toEqual([]);
    const resolved = { ...merged, updatedAt: Math.max(withdrawn.updatedAt, serverState.updatedAt) + 1, updatedBy: assistant.user.id };
    const answer = await push(server, assistant, [{ assumedMasterState: wire(serverState), newDocumentState: wire(resolved) }]);
    expect(answer.status).toBe(200);
    expect(answer.body.conflicts).toEqual([]);

    const page = await api<PullResponse<Application>>(server, township.accessToken, 'GET', '/api/v1/sync/applications/pull?limit=1000');
    const stored = page.body.documents.filter((d) => d.id === submitted.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.status).toBe('withdrawn');
    expect(stored[0]!.history.at(-1)?.note).toBe('家里情况好转');
    expect(stored[0]!.history.map((h) => `${h.action}:${h.from}>${h.to}`)).toEqual([
      'submit:draft>submitted',
      'accept:submitted>accepted',
      'startInvestigation:accepted>investigating',
      'withdraw:investigating>withdrawn',
    ]);
    expect(stored[0]!.history.map((h) => h.id)).toEqual([...investigating.history.map((h) => h.id), withdrawn.history.at(-1)!.id]);
  });
});
