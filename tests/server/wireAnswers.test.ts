import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { adminUserAnswerSchema, adminUsersAnswerSchema } from '../../shared/wire/adminUsers';
import { auditAnswerSchema } from '../../shared/wire/audit';
import { dashboardAnswerSchema } from '../../shared/wire/dashboard';
import { endOfDayAnswerSchema } from '../../shared/wire/endOfDay';
import { errorBodySchema } from '../../shared/wire/errors';
import { relayAccountsAnswerSchema, relayForwardAnswerSchema } from '../../shared/wire/relay';
import { statusCheckSettingsAnswerSchema } from '../../shared/wire/statusCheck';
import { signPush } from '../../shared/sync/pushSignature';
import { makeHousehold, newRow } from '../support/documents';
import { api, databaseKinds, startTestServer, type TestServer } from '../support/testServer';
import { seedVillage, type Session } from './securityFixtures';

const TOWNSHIP = '371623102';
const VILLAGE = '371623102201';

/**
 * What the server answers is what shared/wire/ declares: each answer passes its zod schema, and
 * the schema keeps all of it (an answer with a field the shared type does not name fails too).
 */
function expectExactly(schema: z.ZodType, body: unknown): void {
  const parsed = schema.safeParse(body);
  expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
  expect(parsed.data).toEqual(body);
}

describe.each(databaseKinds)('the answers shared with the app, as shared/wire/ declares them, on %s', (kind) => {
  let server: TestServer;
  let township: Session;
  let county: Session;
  let assistant: Session;

  beforeAll(async () => {
    server = await startTestServer(kind);
    assistant = await server.signIn('assistant', VILLAGE);
    township = await server.signIn('township', `${TOWNSHIP}000`);
    county = await server.signIn('county', '371623000000');
    await seedVillage(server, assistant, VILLAGE);
  }, 60_000);
  afterAll(async () => server?.close());

  it('admin users: the list, a new account, and an account after a change', async () => {
    const list = await api(server, township.accessToken, 'GET', '/api/v1/admin/users');
    expect(list.status).toBe(200);
    expectExactly(adminUsersAnswerSchema, list.body);

    const created = await api<{ user: { id: string } }>(server, township.accessToken, 'POST', '/api/v1/admin/users', {
      username: 'wire_check',
      password: 'first-pass-1',
      role: 'assistant',
      areaCode: VILLAGE,
      displayName: '王秀莲',
    });
    expect(created.status).toBe(201);
    expectExactly(adminUserAnswerSchema, created.body);
    const deactivated = await api(server, township.accessToken, 'POST', `/api/v1/admin/users/${created.body.user.id}/deactivate`);
    expect(deactivated.status).toBe(200);
    expectExactly(adminUserAnswerSchema, deactivated.body);
  });

  it('the dashboard figures, the end-of-day report and the audit trail', async () => {
    const figures = await api(server, county.accessToken, 'GET', '/api/v1/stats/dashboard');
    expect(figures.status).toBe(200);
    expectExactly(dashboardAnswerSchema, figures.body);

    const report = await api(server, township.accessToken, 'GET', '/api/v1/reports/end-of-day');
    expect(report.status).toBe(200);
    expectExactly(endOfDayAnswerSchema, report.body);

    const trail = await api<{ entries: unknown[] }>(server, county.accessToken, 'GET', '/api/v1/audit?limit=1000');
    expect(trail.status).toBe(200);
    expect(trail.body.entries.length).toBeGreaterThan(0);
    expectExactly(auditAnswerSchema, trail.body);
  });

  it('码上查: the public address receipts print', async () => {
    const settings = await api(server, township.accessToken, 'GET', '/api/v1/status-check/settings');
    expect(settings.status).toBe(200);
    expectExactly(statusCheckSettingsAnswerSchema, settings.body);
  });

  it('a township relay: its township’s accounts and a forwarded batch’s answer', async () => {
    const relay = await server.signIn('relay', `${TOWNSHIP}000`);
    const accounts = await api(server, relay.accessToken, 'GET', '/api/v1/relay/accounts');
    expect(accounts.status).toBe(200);
    expectExactly(relayAccountsAnswerSchema, accounts.body);

    const rows = [newRow(makeHousehold(VILLAGE))];
    const signer = { userId: assistant.user.id, deviceId: assistant.deviceId };
    const signature = await signPush(assistant.bundleKey, signer, 'households', rows);
    const forwarded = await api(server, relay.accessToken, 'POST', '/api/v1/relay/forward', { batchId: 'wire-1', collection: 'households', ...signer, rows, signature });
    expect(forwarded.status).toBe(200);
    expectExactly(relayForwardAnswerSchema, forwarded.body);
  });

  it('the error body, with and without details', async () => {
    const unsigned = await api(server, null, 'GET', '/api/v1/sync/households/pull');
    expect(unsigned.status).toBe(401);
    expectExactly(errorBodySchema, unsigned.body);

    const outside = await api<{ error: { details?: unknown } }>(server, township.accessToken, 'GET', '/api/v1/admin/users?areaPrefix=371621');
    expect(outside.status).toBe(403);
    expectExactly(errorBodySchema, outside.body);
  });
});
