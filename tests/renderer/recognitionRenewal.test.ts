import 'fake-indexeddb/auto';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renewRecognition } from '../../renderer/data/applications/recognitionRenewal';
import { ActionRefusedError } from '../../renderer/data/core/refusals';
import type { Workspace } from '../../renderer/data/core/workspace';
import { programmeItems } from '../../renderer/ui/today/programmeItems';
import { storeDocuments } from '../../server/storage/documentStore';
import { addUser } from '../../server/users/userStore';
import { chinaToday } from '../../shared/domain/chinaTime';
import { addCalendarDays } from '../../shared/rules/dates';
import type { Application } from '../../shared/schemas/application';
import type { PullResponse, TokenResponse } from '../../shared/sync/wire';
import { makeApplication, makeHousehold, stepApplication } from '../support/documents';
import { laptop, openWorkspace } from '../support/laptop';
import { api, startTestServer, type TestServer } from '../support/testServer';

/**
 * 重新认定: a 刚性支出 recognition lapsing in ten days is assessed again from the village's laptop —
 * a new draft of the same type carrying last time's declaration, every document to be shown
 * again and the pledge to be signed again; the server stores it, and 今日 stops listing the
 * lapse once the re-assessment has started.
 */
const VILLAGE = '371623102201';
const PASSWORD = 'password-123';

async function synced(workspace: Workspace): Promise<void> {
  await firstValueFrom(workspace.sync.status$.pipe(filter((status) => status.pending === 0)));
}

describe('a lapsing recognition, assessed again', () => {
  let server: TestServer;
  const household = makeHousehold(VILLAGE);
  const township = { id: 'u-zhen', role: 'township' as const, displayName: '镇民政办' };
  const county = { id: 'u-xian', role: 'county' as const, displayName: '县民政局' };
  let recognition: Application = makeApplication(household, {
    type: 'rigidExpenditure',
    essentialSpending: { medicalAfterInsurance: 36_000 },
    documents: [
      { kind: 'idAndHukou', state: 'provided' },
      { kind: 'medicalBills', state: 'provided' },
    ],
    reason: '户主患尿毒症，透析费用高',
    createdAt: Date.now() - 400 * 86_400_000,
  });
  for (const [action, to, by] of [
    ['submit', 'submitted', township],
    ['accept', 'accepted', township],
    ['startInvestigation', 'investigating', township],
    ['preliminaryReview', 'preliminaryReviewed', township],
    ['startPublicNotice', 'publicNotice', township],
    ['sendToCounty', 'pendingConfirmation', township],
    ['approve', 'approved', county],
  ] as const) {
    recognition = stepApplication(recognition, { action, to, by });
  }
  recognition = { ...recognition, decision: { validUntil: addCalendarDays(chinaToday(), 10) } };

  beforeAll(async () => {
    server = await startTestServer('pglite');
    await addUser(server.db, { username: 'xieli', password: PASSWORD, role: 'assistant', areaCode: VILLAGE });
    await server.db.transaction(async (tx) => {
      await storeDocuments(tx, 'households', [{ doc: household as unknown as Record<string, unknown>, deleted: false }]);
      await storeDocuments(tx, 'applications', [{ doc: recognition as unknown as Record<string, unknown>, deleted: false }]);
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('starts as a draft with last time’s declaration, the documents and pledge to give again, and the server keeps it', async () => {
    const village = await openWorkspace(server, laptop(), 'xieli', PASSWORD);
    let renewalId: string;
    try {
      await firstValueFrom(village.db.applications.findOne(recognition.id).$.pipe(filter((doc) => doc?.status === 'approved')));
      const before = programmeItems([recognition], 'assistant', chinaToday());
      expect(before.map((item) => item.key)).toEqual([`recognition:${recognition.id}`]);

      const renewal = await renewRecognition(village, recognition.id);
      renewalId = renewal.id;
      expect(renewal).toMatchObject({
        type: 'rigidExpenditure',
        status: 'draft',
        householdId: household.id,
        applicantMemberId: recognition.applicantMemberId,
        coveredMemberIds: recognition.coveredMemberIds,
        incomeItems: recognition.incomeItems,
        essentialSpending: { medicalAfterInsurance: 36_000 },
        pledgeSigned: false,
        documents: [
          { kind: 'idAndHukou', state: 'missing' },
          { kind: 'medicalBills', state: 'missing' },
        ],
      });
      expect(renewal.reason).toContain(`原认定有效期至${recognition.decision!.validUntil}`);
      expect(renewal.reason).toContain('户主患尿毒症');
      expect(renewal.history).toEqual([]);
      // 今日 no longer lists the lapse: its re-assessment has started.
      expect(programmeItems([recognition, renewal], 'assistant', chinaToday())).toEqual([]);
      // Only a recognition is assessed again this way: not the renewal itself (a draft), nor 低保.
      await expect(renewRecognition(village, renewal.id)).rejects.toBeInstanceOf(ActionRefusedError);
      await synced(village);
    } finally {
      await village.close();
    }

    const login = await api<TokenResponse>(server, null, 'POST', '/api/v1/auth/login', { username: 'xieli', password: PASSWORD, deviceId: 'dev-xieli-check' });
    const pulled = await api<PullResponse<Application>>(server, login.body.accessToken, 'GET', '/api/v1/sync/applications/pull?limit=100');
    expect(pulled.body.documents.find((doc) => doc.id === renewalId)).toMatchObject({ status: 'draft', type: 'rigidExpenditure', pledgeSigned: false });
  });
});
