import 'fake-indexeddb/auto';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAction, createApplication } from '../../renderer/data/applications/applicationRecords';
import type { Workspace } from '../../renderer/data/core/workspace';
import { saveHousehold } from '../../renderer/data/households/householdRecords';
import { chinaToday } from '../../shared/domain/chinaTime';
import { makeIdNumber } from '../../shared/domain/idNumber';
import type { Application } from '../../shared/schemas/application';
import type { PullResponse, TokenResponse } from '../../shared/sync/wire';
import { addUser } from '../../server/users/userStore';
import { laptop, openWorkspace } from '../support/laptop';
import { api, startTestServer, type TestServer } from '../support/testServer';

/**
 * What the township establishes at 初审 beyond income — property within the limits, a legal
 * supporter able to support, the self-care level (特困) — is recorded on the application by the
 * step, accepted by the server and stored, so the preview can use it on every laptop.
 */
const VILLAGE = '371623102201';
const PASSWORD = 'password-123';

async function synced(workspace: Workspace): Promise<void> {
  await firstValueFrom(workspace.sync.status$.pipe(filter((status) => status.pending === 0)));
}

describe('the facts of the investigation, recorded at 初审', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('pglite');
    await addUser(server.db, { username: 'xieli', password: PASSWORD, role: 'assistant', areaCode: VILLAGE });
    await addUser(server.db, { username: 'zhen', password: PASSWORD, role: 'township', areaCode: '371623102000' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('go up with the township’s 初审 and are what the server keeps', async () => {
    // The village files a 特困 application for a man of 78 living alone.
    const village = await openWorkspace(server, laptop(), 'xieli', PASSWORD);
    let applicationId: string;
    try {
      const household = await saveHousehold(village, {
        areaCode: VILLAGE,
        address: '一村3号',
        members: [{ id: 'm1', name: '高玉山', idNumber: makeIdNumber('371623', '1948-03-02', 131), relation: 'head' }],
      });
      const draft = await createApplication(village, household.id, {
        type: 'tekun',
        mode: 'onApplication',
        assistance: 'none',
        applicantMemberId: 'm1',
        coveredMemberIds: ['m1'],
        singlePersonUnit: false,
        incomeItems: [],
        propertyItems: [],
        documents: [{ kind: 'idAndHukou', state: 'provided' }],
        pledgeSigned: true,
      });
      applicationId = draft.id;
      await applyAction(village, draft.id, 'submit');
      await synced(village);
    } finally {
      await village.close();
    }

    // The township accepts, investigates and records its 初审 with what it found.
    const township = await openWorkspace(server, laptop(), 'zhen', PASSWORD);
    try {
      await firstValueFrom(township.db.applications.findOne(applicationId).$.pipe(filter((doc) => doc?.status === 'submitted')));
      await applyAction(township, applicationId, 'accept');
      await applyAction(township, applicationId, 'startInvestigation', { investigators: ['王强', '赵敏'], investigationStartedOn: chinaToday() });
      const reviewed = await applyAction(township, applicationId, 'preliminaryReview', {
        findings: '独居，无劳动能力，无赡养人',
        preliminaryOutcome: 'pass',
        facts: { propertyWithinLimits: true, legalSupporterAbleToSupport: false, selfCare: 'partial' },
      });
      expect(reviewed.facts).toEqual({ propertyWithinLimits: true, legalSupporterAbleToSupport: false, selfCare: 'partial' });
      await synced(township);
    } finally {
      await township.close();
    }

    const login = await api<TokenResponse>(server, null, 'POST', '/api/v1/auth/login', { username: 'zhen', password: PASSWORD, deviceId: 'dev-zhen-check' });
    const pulled = await api<PullResponse<Application>>(server, login.body.accessToken, 'GET', '/api/v1/sync/applications/pull?limit=100');
    const stored = pulled.body.documents.find((doc) => doc.id === applicationId);
    expect(stored?.status).toBe('preliminaryReviewed');
    expect(stored?.facts).toEqual({ propertyWithinLimits: true, legalSupporterAbleToSupport: false, selfCare: 'partial' });
  });
});
