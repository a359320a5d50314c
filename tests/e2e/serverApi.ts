import { expect, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD } from './support';

export interface ApiSession {
  accessToken: string;
  user: { id: string; displayName: string };
}

/**
 * Signs a demo user in over the HTTP API, as a device of its own: what a test needs to read the
 * server's side of a story (pull, audit) or to push what a user could not do in the app.
 */
export async function apiSignIn(request: APIRequestContext, username: string, deviceId: string): Promise<ApiSession> {
  const login = await request.post('/api/v1/auth/login', { data: { username, password: DEMO_PASSWORD, deviceId } });
  expect(login.status()).toBe(200);
  return (await login.json()) as ApiSession;
}

export const bearer = (session: ApiSession) => ({ authorization: `Bearer ${session.accessToken}` });

/** Every live document of a collection the user may see, latest version of each, from the start. */
export async function pullEverything<T extends { id: string; _deleted?: boolean }>(
  request: APIRequestContext,
  session: ApiSession,
  collection: string,
): Promise<T[]> {
  const latest = new Map<string, T>();
  let checkpoint: unknown = null;
  for (;;) {
    const query = new URLSearchParams({ limit: '500', ...(checkpoint ? { checkpoint: JSON.stringify(checkpoint) } : {}) });
    const answer = await request.get(`/api/v1/sync/${collection}/pull?${query}`, { headers: bearer(session) });
    expect(answer.status()).toBe(200);
    const page = (await answer.json()) as { documents: T[]; checkpoint: unknown };
    for (const doc of page.documents) latest.set(doc.id, doc);
    if (page.documents.length === 0) return [...latest.values()].filter((doc) => !doc._deleted);
    checkpoint = page.checkpoint;
  }
}

/** A 低保 application for one member, just submitted (待受理) by `by`, as the app pushes it. */
export function submittedApplication(
  household: { id: string; areaCode: string },
  applicantMemberId: string,
  by: { id: string; displayName: string; role: 'assistant' | 'township' },
  id: string,
  at = Date.now(),
) {
  return {
    id,
    areaCode: household.areaCode,
    householdId: household.id,
    type: 'dibao',
    mode: 'onApplication',
    assistance: 'none',
    applicantMemberId,
    coveredMemberIds: [applicantMemberId],
    singlePersonUnit: false,
    incomeItems: [],
    propertyItems: [],
    documents: [],
    pledgeSigned: false,
    status: 'submitted',
    history: [{ id: `h-${id}`, action: 'submit', from: 'draft', to: 'submitted', at, byUserId: by.id, byName: by.displayName, role: by.role }],
    createdAt: at,
    createdBy: by.id,
    updatedAt: at,
    updatedBy: by.id,
    _deleted: false,
  };
}
