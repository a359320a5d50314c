import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../shared/domain/chinaTime';
import type { Application } from '../../shared/schemas/application';
import type { Household } from '../../shared/schemas/household';
import type { Visit } from '../../shared/schemas/visit';
import { dashboardFigures, type DashboardFigures } from '../../shared/stats/figures';
import type { ErrorBody } from '../../shared/sync/wire';
import { makeApplication, makeHousehold, makeVisit, newRow, stepApplication, wire } from '../support/documents';
import { api, databaseKinds, startTestServer, type TestServer } from '../support/testServer';

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
    // A deleted household counts nowhere.
    expect(
      (await api(server, assistant.accessToken, 'POST', '/api/v1/sync/households/push', [
        { assumedMasterState: wire(gone), newDocumentState: wire({ ...gone, updatedAt: gone.updatedAt + 1 }, true) },
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

  it('shows an assistant its own village only, and refuses an area outside the caller’s scope', async () => {
    const own = await dashboard(server, assistant);
    expect(own.status).toBe(200);
    expect(own.body.figures).toEqual(expected(VILLAGE));
    expect(own.body.figures.totals).toEqual({ households: 3, people: 6 });
    expect(own.body.figures.byArea).toEqual([{ code: VILLAGE, households: 3, people: 6 }]);
    expect(own.body.figures.applications.total).toBe(1);

    for (const [who, prefix] of [
      [assistant, OTHER_VILLAGE],
      [assistant, '371623102'],
      [township, '371621'],
      [county, '3716'],
      [otherCounty, VILLAGE],
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
