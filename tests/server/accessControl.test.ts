import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncedCollections } from '../../shared/sync/collections';
import type { PullResponse, SyncCheckpoint } from '../../shared/sync/wire';
import type { ErrorBody } from '../../shared/wire/errors';
import { signAccessToken } from '../../server/auth/accessTokens';
import { loadTokenKeys } from '../../server/auth/tokenKeys';
import { generateKeyPairSync } from 'node:crypto';
import { makeApplication, makeAttachment, makeHousehold, makeVisit, newRow, wire } from '../support/documents';
import { api, databaseKinds, startTestServer, type TestServer } from '../support/testServer';
import { allCollections, makeCareNeed, openStream, protectedEndpoints, seedVillage, type Session } from './securityFixtures';

const VILLAGE_A = '371623102201';
const VILLAGE_B = '371623102202'; // the next village of the same township

type Doc = { id: string; areaCode: string };

async function pullEverything(server: TestServer, token: string, collection: string): Promise<Doc[]> {
  const docs: Doc[] = [];
  let checkpoint: SyncCheckpoint | null = null;
  for (;;) {
    const query = `limit=200${checkpoint ? `&checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}` : ''}`;
    const page: { status: number; body: PullResponse<Doc> } = await api<PullResponse<Doc>>(server, token, 'GET', `/api/v1/sync/${collection}/pull?${query}`);
    expect(page.status).toBe(200);
    docs.push(...page.body.documents);
    if (page.body.documents.length < 200) return docs;
    checkpoint = page.body.checkpoint;
  }
}

describe.each(databaseKinds)('access control on %s', (kind) => {
  let server: TestServer;
  let assistantA: Session;
  let assistantB: Session;
  let seededB: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer(kind);
    assistantA = await server.signIn('assistant', VILLAGE_A);
    assistantB = await server.signIn('assistant', VILLAGE_B);
    seededB = await seedVillage(server, assistantB, VILLAGE_B);
    await seedVillage(server, assistantA, VILLAGE_A);
  });
  afterAll(async () => server?.close());

  it('refuses a missing, malformed, forged, foreign-signed or expired token on every endpoint', async () => {
    const keys = await loadTokenKeys(server.db);
    const claims = { sub: assistantA.user.id, dev: assistantA.deviceId, role: assistantA.user.role, area: assistantA.user.areaCode, ses: 0 };
    const [payload, signature] = assistantA.accessToken.split('.') as [string, string];
    const raised = Buffer.from(JSON.stringify({ ...claims, role: 'admin', area: '000000000000', exp: 4102444800 })).toString('base64url');
    const badTokens: [string, Record<string, string>][] = [
      ['missing', {}],
      ['not bearer', { authorization: `Token ${assistantA.accessToken}` }],
      ['malformed', { authorization: 'Bearer abc.def.ghi' }],
      ['forged', { authorization: `Bearer ${raised}.${signature}` }],
      ['unsigned', { authorization: `Bearer ${payload}.` }],
      ['foreign key', { authorization: `Bearer ${signAccessToken(claims, generateKeyPairSync('ed25519').privateKey)}` }],
      ['expired', { authorization: `Bearer ${signAccessToken(claims, keys.privateKey, Date.now() - 16 * 60 * 1000)}` }],
    ];
    const endpoints = protectedEndpoints({ userId: assistantB.user.id, deviceId: assistantB.deviceId });
    expect(endpoints.length).toBeGreaterThanOrEqual(allCollections.length + 2 * syncedCollections.length + 9);
    for (const endpoint of endpoints) {
      for (const [label, headers] of badTokens) {
        const response = await fetch(`${server.url}${endpoint.path}`, {
          method: endpoint.method,
          headers: { ...headers, ...(endpoint.body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(endpoint.body === undefined ? {} : { body: JSON.stringify(endpoint.body) }),
        });
        expect(response.status, `${label} ${endpoint.method} ${endpoint.path}`).toBe(401);
        const body = (await response.json()) as ErrorBody;
        expect(body.error).toMatchObject({ code: 'unauthorized', message: expect.any(String) });
      }
    }
    // The genuine token still works, and B, whom the forged requests named, is untouched.
    expect((await api(server, assistantA.accessToken, 'GET', '/api/v1/sync/households/pull')).status).toBe(200);
    expect((await api(server, assistantB.accessToken, 'GET', '/api/v1/sync/households/pull')).status).toBe(200);
  });

  it('shows an assistant nothing of the next village through any collection’s pull', async () => {
    for (const collection of allCollections) {
      const docs = await pullEverything(server, assistantA.accessToken, collection);
      const ids = docs.map((d) => d.id);
      for (const id of Object.values(seededB)) expect(ids, collection).not.toContain(id);
      expect(ids, collection).not.toContain(assistantB.user.id);
      expect(docs.some((d) => d.areaCode === VILLAGE_B), collection).toBe(false);
      if ((syncedCollections as readonly string[]).includes(collection)) {
        expect(docs.length, collection).toBeGreaterThan(0);
        expect(docs.every((d) => d.areaCode === VILLAGE_A), collection).toBe(true);
      }
    }
  });

  it('refuses an assistant’s push into the next village, or pulling one of its records over, storing nothing', async () => {
    const countDocuments = async () => (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM documents'))[0]!.n;
    const before = await countDocuments();
    const householdB = makeHousehold(VILLAGE_B);
    const fresh = {
      households: householdB,
      visits: makeVisit(householdB),
      applications: makeApplication(householdB),
      careNeeds: makeCareNeed(householdB),
      attachments: makeAttachment(householdB),
    };
    for (const collection of syncedCollections) {
      const intoB = await api<ErrorBody>(server, assistantA.accessToken, 'POST', `/api/v1/sync/${collection}/push`, [newRow(fresh[collection])]);
      expect(intoB.status, collection).toBe(403);
      expect(intoB.body.error.code).toBe('out_of_scope');

      const [existing] = (await pullEverything(server, assistantB.accessToken, collection)).filter((d) => d.id === seededB[collection]);
      const { _deleted: _ignored, ...stored } = existing as Doc & { _deleted: boolean };
      const movedIntoA = { ...stored, areaCode: VILLAGE_A };
      const overwrite = await api<ErrorBody>(server, assistantA.accessToken, 'POST', `/api/v1/sync/${collection}/push`, [
        { assumedMasterState: wire(stored), newDocumentState: wire(movedIntoA) },
      ]);
      expect(overwrite.status, collection).toBe(403);
      const after = (await pullEverything(server, assistantB.accessToken, collection)).find((d) => d.id === seededB[collection]);
      expect(after?.areaCode).toBe(VILLAGE_B);
    }
    expect(await countDocuments()).toBe(before);
  });

  it('streams an assistant only its own village’s changes', async () => {
    for (const collection of syncedCollections) {
      const stream = await openStream(server, assistantA.accessToken, collection);
      try {
        expect(await stream.next()).toBe('RESYNC');
        const theirs = await seedVillage(server, assistantB, VILLAGE_B);
        const mine = await seedVillage(server, assistantA, VILLAGE_A);
        const event = (await stream.next()) as PullResponse<Doc>;
        expect(event.documents.map((d) => d.id)).toContain(mine[collection]);
        expect(event.documents.map((d) => d.id)).not.toContain(theirs[collection]);
        expect(event.documents.every((d) => d.areaCode === VILLAGE_A)).toBe(true);
      } finally {
        stream.close();
      }
    }
  });

  it('refuses an assistant the audit log and every account action, for the next village or any other', async () => {
    const answers = [
      await api<ErrorBody>(server, assistantA.accessToken, 'GET', '/api/v1/audit'),
      await api<ErrorBody>(server, assistantA.accessToken, 'GET', `/api/v1/audit?areaPrefix=${VILLAGE_B}`),
      await api<ErrorBody>(server, assistantA.accessToken, 'GET', '/api/v1/admin/users'),
      await api<ErrorBody>(server, assistantA.accessToken, 'POST', `/api/v1/admin/users/${assistantB.user.id}/deactivate`),
      await api<ErrorBody>(server, assistantA.accessToken, 'POST', `/api/v1/admin/users/${assistantB.user.id}/devices/${assistantB.deviceId}/revoke`),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(403);
      expect(answer.body.error.code).toBe('forbidden');
    }
    expect((await api(server, assistantB.accessToken, 'GET', '/api/v1/sync/households/pull')).status).toBe(200);
  });
});
