import { randomUUID } from 'node:crypto';
import type { AuditEntryView } from '../../shared/wire/audit';
import type { CareNeed } from '../../shared/schemas/careNeed';
import type { Household } from '../../shared/schemas/household';
import { collectionDefinitions, syncedCollections } from '../../shared/sync/collections';
import { makeApplication, makeAttachment, makeHousehold, makeVisit, newRow } from '../support/documents';
import { api, type TestServer } from '../support/testServer';

export type Session = Awaited<ReturnType<TestServer['signIn']>>;

/** A valid open care need of a household (tests/support/documents.ts has no factory for it). */
export function makeCareNeed(household: Household, overrides: Partial<CareNeed> = {}): CareNeed {
  const now = Date.now();
  return {
    id: `cn-${randomUUID().replaceAll('-', '').slice(0, 16)}`,
    areaCode: household.areaCode,
    householdId: household.id,
    category: 'material',
    severity: 'medium',
    description: '冬季取暖需要帮助',
    referrals: [],
    followUps: [],
    state: 'open',
    createdAt: now,
    createdBy: 'test',
    updatedAt: now,
    updatedBy: 'test',
    ...overrides,
  };
}

/** One document of every synced collection in the village, pushed by its assistant (a care need by a social worker); returns the ids. */
export async function seedVillage(server: TestServer, assistant: Session, village: string): Promise<Record<string, string>> {
  const household = makeHousehold(village);
  const docs = {
    households: household,
    visits: makeVisit(household),
    applications: makeApplication(household),
    careNeeds: makeCareNeed(household),
    attachments: makeAttachment(household),
  };
  // Care needs are the township's social worker's to write (the write policy), the rest the assistant's.
  const socialWorker = await server.signIn('social_worker', `${village.slice(0, 9)}000`);
  for (const [collection, doc] of Object.entries(docs)) {
    const author = collection === 'careNeeds' ? socialWorker : assistant;
    const pushed = await api(server, author.accessToken, 'POST', `/api/v1/sync/${collection}/push`, [newRow(doc)]);
    if (pushed.status !== 200) throw new Error(`seeding ${collection}: ${pushed.status} ${JSON.stringify(pushed.body)}`);
  }
  return Object.fromEntries(Object.entries(docs).map(([c, d]) => [c, d.id]));
}

export const allCollections = Object.keys(collectionDefinitions);

/** Every endpoint that needs a token, as method and path (ids filled in by the caller). */
export function protectedEndpoints(ids: { userId: string; deviceId: string }): { method: 'GET' | 'POST'; path: string; body?: unknown }[] {
  return [
    ...allCollections.map((c) => ({ method: 'GET' as const, path: `/api/v1/sync/${c}/pull` })),
    ...syncedCollections.map((c) => ({ method: 'POST' as const, path: `/api/v1/sync/${c}/push`, body: [] })),
    ...syncedCollections.map((c) => ({ method: 'GET' as const, path: `/api/v1/sync/${c}/stream` })),
    { method: 'GET', path: '/api/v1/audit' },
    { method: 'GET', path: '/api/v1/admin/users' },
    { method: 'POST', path: `/api/v1/admin/users/${ids.userId}/deactivate` },
    { method: 'POST', path: `/api/v1/admin/users/${ids.userId}/devices/${ids.deviceId}/revoke` },
    { method: 'POST', path: '/api/v1/admin/users/import', body: { headers: [], rows: [] } },
    { method: 'GET', path: '/api/v1/stats/dashboard' },
    { method: 'GET', path: '/api/v1/reports/end-of-day' },
    { method: 'POST', path: '/api/v1/audit/exports', body: {} },
    { method: 'POST', path: '/api/v1/bundles/import', body: {} },
    { method: 'GET', path: `/api/v1/files/sha256/${'0'.repeat(64)}` },
    { method: 'POST', path: '/api/v1/auth/logout' },
    { method: 'POST', path: '/api/v1/relay/forward', body: {} },
    { method: 'GET', path: '/api/v1/relay/accounts' },
  ];
}


export async function auditEntries(server: TestServer, who: Session, query = ''): Promise<AuditEntryView[]> {
  const answer = await api<{ entries: AuditEntryView[] }>(server, who.accessToken, 'GET', `/api/v1/audit?limit=1000${query}`);
  if (answer.status !== 200) throw new Error(`audit query: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.entries;
}

export { openStream } from '../support/sse';
