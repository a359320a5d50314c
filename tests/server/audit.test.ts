import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../server/db/migrations';
import type { PullResponse } from '../../shared/sync/wire';
import type { ErrorBody } from '../../shared/wire/errors';
import { makeHousehold, newRow, wire } from '../support/documents';
import { api, databaseKinds, startTestServer, type TestServer } from '../support/testServer';
import { auditEntries, openStream, type Session } from './securityFixtures';

const VILLAGE = '371623102201'; // 无棣县碣石山镇
const OTHER_COUNTY_VILLAGE = '371621104303'; // 惠民县胡集镇
const PHONE = '13905431234';

describe.each(databaseKinds)('audit log on %s', (kind) => {
  let server: TestServer;
  let assistant: Session;
  let elsewhere: Session;
  let township: Session;
  let county: Session;
  let city: Session;
  let admin: Session;

  beforeAll(async () => {
    server = await startTestServer(kind);
    assistant = await server.signIn('assistant', VILLAGE);
    elsewhere = await server.signIn('assistant', OTHER_COUNTY_VILLAGE);
    township = await server.signIn('township', '371623102000');
    county = await server.signIn('county', '371623000000');
    city = await server.signIn('city', '371600000000');
    admin = await server.signIn('admin', '000000000000');
  });
  afterAll(async () => server?.close());

  const push = (who: Session, rows: unknown[]) => api<ErrorBody>(server, who.accessToken, 'POST', '/api/v1/sync/households/push', rows);

  it('refuses UPDATE, DELETE and TRUNCATE of the log in the database itself', async () => {
    const count = async () => (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]!.n;
    const before = await count();
    expect(before).toBeGreaterThan(0);
    await expect(server.db.query("UPDATE audit_log SET action = 'nothing'")).rejects.toThrow(/append-only/);
    await expect(server.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(server.db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect(await count()).toBe(before);
    const versions = await server.db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    // Every migration applied, the audit log's (2) among them; later ones are added by other features.
    expect(versions.map((v) => v.version)).toEqual(migrations.map((m) => m.version));
  });

  it('records each stored document of a push — create, then change — by field names, never values', async () => {
    const household = makeHousehold(VILLAGE, { phone: PHONE });
    expect((await push(assistant, [newRow(household)])).status).toBe(200);
    const edited = { ...household, address: '改过的地址99号', updatedAt: household.updatedAt + 1 };
    expect((await push(assistant, [{ assumedMasterState: wire(household), newDocumentState: wire(edited) }])).status).toBe(200);
    // The same batch again stores nothing, so it records nothing.
    expect((await push(assistant, [{ assumedMasterState: wire(household), newDocumentState: wire(edited) }])).status).toBe(200);
    const archived = { ...edited, archived: { at: Date.now(), by: assistant.user.id, reason: '全家迁往县城居住' }, updatedAt: edited.updatedAt + 1 };
    expect((await push(assistant, [{ assumedMasterState: wire(edited), newDocumentState: wire(archived) }])).status).toBe(200);

    const entries = (await auditEntries(server, county, `&documentId=${household.id}`)).reverse();
    expect(entries.map((e) => e.action)).toEqual(['create', 'change', 'change']);
    expect(entries[0]).toMatchObject({
      userId: assistant.user.id,
      deviceId: assistant.deviceId,
      role: 'assistant',
      collection: 'households',
      areaCode: VILLAGE,
    });
    expect(entries[0]!.details!['fields']).toEqual(expect.arrayContaining(['address', 'members', 'phone']));
    expect(entries[1]!.details).toEqual({ fields: ['address', 'updatedAt'] });
    expect(entries[2]!.details).toEqual({ fields: ['archived', 'updatedAt'] });

    const text = JSON.stringify(entries);
    for (const value of [household.address, edited.address, PHONE, ...household.members.flatMap((m) => [m.name, m.idNumber])]) {
      expect(text).not.toContain(value);
    }
  });

  it('records nothing for a refused push', async () => {
    const good = makeHousehold(VILLAGE);
    const foreign = makeHousehold(OTHER_COUNTY_VILLAGE);
    expect((await push(assistant, [newRow(good), newRow(foreign)])).status).toBe(403);
    expect(await auditEntries(server, admin, `&documentId=${good.id}`)).toEqual([]);
  });

  it('records one view per pull page, naming the pulled documents by id and nothing of their values', async () => {
    const pulled = await api<{ documents: { id: string }[] }>(server, township.accessToken, 'GET', '/api/v1/sync/households/pull?limit=3');
    expect(pulled.status).toBe(200);
    expect(pulled.body.documents.length).toBeGreaterThan(0);
    const views = await auditEntries(server, county, `&userId=${township.user.id}&action=view`);
    expect(views[0]).toMatchObject({
      collection: 'households',
      areaCode: '371623102000',
      documentId: null,
      details: { count: pulled.body.documents.length, via: 'pull', documentIds: pulled.body.documents.map((d) => d.id) },
    });
    // A page that carries nothing is not a view: a pull past the newest change adds no entry.
    const past = encodeURIComponent(JSON.stringify({ seq: 1_000_000_000 }));
    const empty = await api<{ documents: unknown[] }>(server, township.accessToken, 'GET', `/api/v1/sync/households/pull?checkpoint=${past}`);
    expect(empty.body.documents).toEqual([]);
    expect(await auditEntries(server, county, `&userId=${township.user.id}&action=view`)).toHaveLength(views.length);
  });

  it("answers a county's query by household id with its create and change by the assistant and the township's views", async () => {
    const household = makeHousehold(VILLAGE, { phone: PHONE });
    expect((await push(assistant, [newRow(household)])).status).toBe(200);
    const edited = { ...household, address: '审计测试新址7号', updatedAt: household.updatedAt + 1 };
    expect((await push(assistant, [{ assumedMasterState: wire(household), newDocumentState: wire(edited) }])).status).toBe(200);

    // The township pulls page by page (small pages, so the household is on one page among others).
    let checkpoint: unknown = null;
    let pages = 0;
    for (;;) {
      const query = checkpoint ? `&checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}` : '';
      const page = await api<PullResponse<{ id: string }>>(server, township.accessToken, 'GET', `/api/v1/sync/households/pull?limit=2${query}`);
      expect(page.status).toBe(200);
      pages += 1;
      if (page.body.documents.length === 0) break;
      checkpoint = page.body.checkpoint;
    }
    expect(pages).toBeGreaterThan(1);

    // …and the stream delivers the next change to it as it happens.
    const stream = await openStream(server, township.accessToken, 'households');
    expect(await stream.next()).toBe('RESYNC');
    const archived = { ...edited, archived: { at: Date.now(), by: assistant.user.id, reason: '户主去世' }, updatedAt: edited.updatedAt + 1 };
    expect((await push(assistant, [{ assumedMasterState: wire(edited), newDocumentState: wire(archived) }])).status).toBe(200);
    const event = (await stream.next()) as PullResponse<{ id: string }>;
    stream.close();
    expect(event.documents.map((d) => d.id)).toContain(household.id);

    const entries = (await auditEntries(server, county, `&documentId=${household.id}`)).reverse();
    expect(entries.map((e) => [e.action, e.details?.['via'] ?? null])).toEqual([
      ['create', null],
      ['change', null],
      ['view', 'pull'],
      ['change', null],
      ['view', 'stream'],
    ]);
    for (const write of entries.filter((e) => e.action !== 'view')) {
      expect(write).toMatchObject({ userId: assistant.user.id, deviceId: assistant.deviceId, role: 'assistant', documentId: household.id });
    }
    for (const view of entries.filter((e) => e.action === 'view')) {
      expect(view).toMatchObject({ userId: township.user.id, deviceId: township.deviceId, role: 'township', collection: 'households' });
      expect(view.details!['documentIds']).toContain(household.id);
    }
    // Only the page that carried it: the township's other pull pages are not listed for this id.
    const townshipViews = await auditEntries(server, county, `&userId=${township.user.id}&action=view`);
    expect(townshipViews.filter((e) => e.details?.['via'] === 'pull').length).toBeGreaterThan(1);

    // The id filter and the action filter combine; another household's id does not find these views.
    const viewsOnly = await auditEntries(server, county, `&documentId=${household.id}&action=view`);
    expect(viewsOnly.map((e) => e.details?.['via'])).toEqual(['stream', 'pull']);
    const other = makeHousehold(VILLAGE);
    expect((await push(assistant, [newRow(other)])).status).toBe(200);
    expect((await auditEntries(server, county, `&documentId=${other.id}`)).map((e) => e.action)).toEqual(['create']);

    const text = JSON.stringify(entries);
    for (const value of [household.address, edited.address, PHONE, ...household.members.flatMap((m) => [m.name, m.idNumber])]) {
      expect(text).not.toContain(value);
    }
    // Those who saw or wrote it cannot read the trail themselves.
    for (const who of [assistant, township]) {
      const refused = await api<ErrorBody>(server, who.accessToken, 'GET', `/api/v1/audit?documentId=${household.id}`);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
    }
  });

  it('finds a view entry by id through the index on PostgreSQL and PGlite alike', async () => {
    // The same SQL on both: jsonb containment, answered by the partial GIN index of migration 5.
    const plan = await server.db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      const rows = await tx.query<Record<string, string>>(
        `EXPLAIN SELECT id FROM audit_log WHERE action = 'view' AND details->'documentIds' @> jsonb_build_array('hh-x'::text)`,
      );
      return rows.map((r) => Object.values(r)[0]).join('\n');
    });
    // The log is split by month (migration 9): each month's copy of the index bears its name.
    expect(plan).toMatch(/audit_log_\d{4}_\d{2}_viewed_documents/);
  });

  it('records sign-ins, failed sign-ins without the password, and refreshes', async () => {
    const wrongPassword = 'Wrong-Horse-7731';
    const failed = await api(server, null, 'POST', '/api/v1/auth/login', {
      username: assistant.user.username,
      password: wrongPassword,
      deviceId: 'dev-audit-failure',
    });
    expect(failed.status).toBe(401);
    const refreshed = await api<{ refreshToken: string }>(server, null, 'POST', '/api/v1/auth/refresh', { refreshToken: assistant.refreshToken });
    expect(refreshed.status).toBe(200);
    assistant = { ...assistant, ...refreshed.body };

    const entries = await auditEntries(server, county, `&userId=${assistant.user.id}`);
    const actions = entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['login', 'login_failed', 'refresh']));
    expect(entries.find((e) => e.action === 'login_failed')).toMatchObject({
      deviceId: 'dev-audit-failure',
      details: { reason: 'wrong_password', ip: expect.any(String) },
    });

    // Nowhere in the table: not the password, nor any token.
    const rows = await server.db.query<{ row: string }>('SELECT row_to_json(a)::text AS row FROM audit_log a');
    const all = rows.map((r) => r.row).join('\n');
    for (const secret of [wrongPassword, assistant.password, assistant.accessToken, assistant.refreshToken, county.accessToken]) {
      expect(all).not.toContain(secret);
    }
  });

  it('shows a county its own county only, a city and an admin more, and refuses every other role', async () => {
    const theirs = makeHousehold(OTHER_COUNTY_VILLAGE);
    expect((await push(elsewhere, [newRow(theirs)])).status).toBe(200);

    const countyView = await auditEntries(server, county);
    expect(countyView.length).toBeGreaterThan(0);
    expect(countyView.every((e) => e.areaCode?.startsWith('371623'))).toBe(true);
    expect(countyView.some((e) => e.documentId === theirs.id)).toBe(false);
    expect((await auditEntries(server, city, `&documentId=${theirs.id}`)).map((e) => e.action)).toEqual(['create']);
    expect((await auditEntries(server, admin, `&documentId=${theirs.id}`)).map((e) => e.action)).toEqual(['create']);
    // The admin also sees events that belong to no area (a sign-in attempt for an unknown name).
    await api(server, null, 'POST', '/api/v1/auth/login', { username: 'nobody-at-all', password: 'whatever-1', deviceId: 'dev-unknown-1' });
    expect((await auditEntries(server, admin, '&action=login_failed')).some((e) => e.areaCode === null)).toBe(true);

    const outside = await api<ErrorBody>(server, county.accessToken, 'GET', '/api/v1/audit?areaPrefix=371621');
    expect(outside.status).toBe(403);
    expect(outside.body.error.code).toBe('out_of_scope');
    expect((await auditEntries(server, county, '&areaPrefix=371623102201')).every((e) => e.areaCode === VILLAGE)).toBe(true);
    for (const who of [assistant, township, await server.signIn('social_worker', '371623102000')]) {
      const refused = await api<ErrorBody>(server, who.accessToken, 'GET', '/api/v1/audit');
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
    }
  });

  it('filters by time, pages with limit and beforeId, and refuses malformed parameters', async () => {
    const longAgo = await auditEntries(server, county, `&to=${encodeURIComponent('2001-01-01T00:00:00Z')}`);
    expect(longAgo).toEqual([]);
    const recent = await auditEntries(server, county, `&from=${Date.now() - 10 * 60_000}`);
    expect(recent.length).toBeGreaterThan(2);
    const page = await api<{ entries: { id: number }[] }>(server, county.accessToken, 'GET', '/api/v1/audit?limit=2');
    expect(page.body.entries).toHaveLength(2);
    const next = await api<{ entries: { id: number }[] }>(server, county.accessToken, 'GET', `/api/v1/audit?limit=2&beforeId=${page.body.entries[1]!.id}`);
    expect(next.body.entries.every((e) => e.id < page.body.entries[1]!.id)).toBe(true);

    for (const query of ['limit=0', 'limit=abc', 'from=yesterday', 'to=-5', 'areaPrefix=37a', 'unknown=1', 'from=%2B275760-09-13T00:00:00Z']) {
      const bad = await api<ErrorBody>(server, county.accessToken, 'GET', `/api/v1/audit?${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.body.error.code).toBe('bad_request');
    }
  });
});
