import { expect, type APIRequestContext } from '@playwright/test';
import { test } from './appLog';
import { apiSignIn, bearer, type ApiSession } from './serverApi';
import { expectAllSynced, fillHouseholdForm, householdRows, openHouseholds, signIn, testIdNumber } from './support';

interface AuditEntry {
  id: number;
  userId: string | null;
  deviceId: string | null;
  role: string | null;
  action: string;
  collection: string | null;
  documentId: string | null;
  details: Record<string, unknown> | null;
}

async function auditQuery(request: APIRequestContext, session: ApiSession, query: string): Promise<{ status: number; entries: AuditEntry[] }> {
  const answer = await request.get(`/api/v1/audit?limit=1000&${query}`, { headers: bearer(session) });
  if (answer.status() !== 200) return { status: answer.status(), entries: [] };
  return { status: 200, entries: ((await answer.json()) as { entries: AuditEntry[] }).entries };
}

/**
 * Issue 5's audit trail end to end: the village assistant registers and then corrects a household
 * in the app, the township opens it, and the county asks the trail of that one household —
 * who created it and changed it from which device, and who has seen it.
 */
test('the county reads who created, changed and viewed a household', async ({ browser, request }) => {
  const name = '蔺守仁';
  const villageContext = await browser.newContext();
  const townshipContext = await browser.newContext();
  const village = await villageContext.newPage();
  const township = await townshipContext.newPage();

  await signIn(village, 'xieli_a');
  await expectAllSynced(village);
  await openHouseholds(village);
  await village.getByTestId('household-register').click();
  await fillHouseholdForm(village, '碣石山镇一村 4 排 8 号', [{ name, idNumber: testIdNumber('1958-09-21', 931) }]);
  await village.getByTestId('household-submit').click();
  // After saving, the app shows the household's own page: its address names the household's id
  // (the form's own address, #/households/new, matches the same shape and comes first).
  await expect(village).toHaveURL(/#\/households\/(?!new$)[^/]+$/);
  const householdId = decodeURIComponent(/#\/households\/([^/]+)$/.exec(village.url())![1]!);
  await expectAllSynced(village);

  await village.getByTestId('household-edit').click();
  await village.getByTestId('household-address').fill('碣石山镇一村 4 排 10 号');
  await village.getByTestId('household-submit').click();
  await expect(village.getByTestId('household-summary')).toContainText('碣石山镇一村 4 排 10 号');
  await expectAllSynced(village);

  await signIn(township, 'zhen');
  await expectAllSynced(township);
  await openHouseholds(township);
  await township.getByTestId('household-search').fill(name);
  // The whole list shows before the search answers: a click on a row being redrawn is retried.
  await expect(async () => {
    await householdRows(township).filter({ hasText: name }).click({ timeout: 5_000 });
    await expect(township.getByTestId('household-summary')).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  await expect(township.getByTestId('household-summary')).toContainText('碣石山镇一村 4 排 10 号');
  expect(township.url()).toContain(householdId);

  const county = await apiSignIn(request, 'xian', 'e2e-audit-trail-xian-0001');
  const assistant = await apiSignIn(request, 'xieli_a', 'e2e-audit-trail-xieli_a-0001');
  const townshipUser = await apiSignIn(request, 'zhen', 'e2e-audit-trail-zhen-0001');

  const { status, entries } = await auditQuery(request, county, `documentId=${encodeURIComponent(householdId)}`);
  expect(status).toBe(200);
  const oldestFirst = [...entries].reverse();
  const create = oldestFirst.find((e) => e.action === 'create');
  const change = oldestFirst.find((e) => e.action === 'change');
  expect(create).toMatchObject({ userId: assistant.user.id, role: 'assistant', collection: 'households', documentId: householdId });
  expect(change).toMatchObject({ userId: assistant.user.id, role: 'assistant', collection: 'households', documentId: householdId });
  expect(change!.details!['fields']).toContain('address');
  expect(create!.id).toBeLessThan(change!.id);

  // The device is the assistant's browser: the one it signed in from, not this test's API sign-in.
  const deviceId = create!.deviceId;
  expect(deviceId).toEqual(expect.any(String));
  expect(deviceId).not.toBe('e2e-audit-trail-xieli_a-0001');
  expect(change!.deviceId).toBe(deviceId);
  const logins = await auditQuery(request, county, `userId=${assistant.user.id}&action=login`);
  expect(logins.entries.map((e) => e.deviceId)).toContain(deviceId);

  // The township's laptop received it: a view by zhen naming this household, after the change.
  const views = oldestFirst.filter((e) => e.action === 'view' && e.userId === townshipUser.user.id);
  expect(views.length).toBeGreaterThan(0);
  expect(views[0]).toMatchObject({ role: 'township', collection: 'households' });
  expect(views[0]!.details!['documentIds']).toContain(householdId);
  expect(views[0]!.id).toBeGreaterThan(change!.id);

  // No values in the trail: not the name, not the addresses, not the ID number.
  const text = JSON.stringify(entries);
  for (const value of [name, '碣石山镇一村 4 排 8 号', '碣石山镇一村 4 排 10 号', testIdNumber('1958-09-21', 931)]) {
    expect(text).not.toContain(value);
  }

  // Neither the assistant nor the township may read the trail.
  for (const who of [assistant, townshipUser]) {
    expect((await auditQuery(request, who, `documentId=${encodeURIComponent(householdId)}`)).status).toBe(403);
  }

  await Promise.all([villageContext.close(), townshipContext.close()]);
});
