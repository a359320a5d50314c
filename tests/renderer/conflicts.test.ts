import 'fake-indexeddb/auto';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyAction, createApplication } from '../../renderer/data/applications/applicationRecords';
import { reapplyConflict } from '../../renderer/data/core/sync/conflictActions';
import { saveHousehold } from '../../renderer/data/households/householdRecords';
import type { HouseholdFormOutput } from '../../renderer/data/households/householdRecords';
import type { Workspace } from '../../renderer/data/core/workspace';
import { makeIdNumber } from '../../shared/domain/idNumber';
import type { ApplicationAction, ApplicationStatus } from '../../shared/rules/applicationStatus';
import type { Application } from '../../shared/schemas/application';
import type { Household } from '../../shared/schemas/household';
import type { PullResponse, TokenResponse } from '../../shared/sync/wire';
import { addUser } from '../../server/users/userStore';
import { stepApplication, wire } from '../support/documents';
import { stepChanges, stepNote } from '../support/writePolicyCases';
import { laptop, openWorkspace } from '../support/laptop';
import { api, startTestServer, type TestServer } from '../support/testServer';

const VILLAGE = '371623102201';
const PASSWORD = 'password-123';
let open: Workspace | null = null;

function formOf(doc: Household, change: Partial<HouseholdFormOutput>): HouseholdFormOutput {
  const { areaCode, address, phone, note, members } = doc;
  return {
    areaCode,
    address,
    ...(phone ? { phone } : {}),
    ...(note ? { note } : {}),
    members: members.map(({ id, name, idNumber, relation }) => ({ id, name, idNumber, relation })),
    ...change,
  } as HouseholdFormOutput;
}

describe('a household edited on the laptop offline and at the township meanwhile', () => {
  let server: TestServer;
  let township: TokenResponse;
  const device = laptop();

  beforeAll(async () => {
    server = await startTestServer('pglite');
    await addUser(server.db, { username: 'xieli', password: PASSWORD, role: 'assistant', areaCode: VILLAGE });
    await addUser(server.db, { username: 'zhen', password: PASSWORD, role: 'township', areaCode: '371623102000' });
    township = (await api<TokenResponse>(server, null, 'POST', '/api/v1/auth/login', { username: 'zhen', password: PASSWORD, deviceId: 'dev-zhen-1' })).body;
    open = await openWorkspace(server, device, 'xieli', PASSWORD);
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
  });
  afterAll(async () => {
    await open?.close();
    await server?.close();
  });
  const realFetch = globalThis.fetch;

  /** The township's view of a household, read past the laptop's cut network. */
  async function serverCopy(id: string): Promise<Household | undefined> {
    const response = await realFetch(`${server.url}/api/v1/sync/households/pull?limit=1000`, {
      headers: { authorization: `Bearer ${township.accessToken}` },
    });
    return ((await response.json()) as PullResponse<Household>).documents.find((d) => d.id === id);
  }

  /** Edits on the laptop while the network is gone, lets the township push its own edit, then reconnects. */
  async function editOnBothSides(
    village: Workspace,
    laptopChange: Partial<HouseholdFormOutput>,
    townshipChange: Partial<Household>,
  ): Promise<Household> {
    const seq = Math.floor(Math.random() * 900) + 50;
    const saved = await saveHousehold(village, {
      areaCode: VILLAGE,
      address: '一村3号',
      note: '原始备注',
      members: [{ id: 'm1', name: '赵文龙', idNumber: makeIdNumber('371623', '1960-01-01', seq), relation: 'head' }],
    });
    await firstValueFrom(village.sync.status$.pipe(filter((s) => s.pending === 0)));

    globalThis.fetch = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    await saveHousehold(village, formOf(saved, laptopChange), saved.id);

    const onServer = (await serverCopy(saved.id))!;
    const { _deleted: _d, ...master } = onServer as Household & { _deleted: boolean };
    const edited = { ...master, ...townshipChange, updatedAt: master.updatedAt + 5, updatedBy: township.user.id };
    const pushed = await realFetch(`${server.url}/api/v1/sync/households/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${township.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ assumedMasterState: wire(master), newDocumentState: wire(edited) }]),
    });
    expect(pushed.status).toBe(200);

    globalThis.fetch = realFetch;
    village.sync.syncNow();
    await firstValueFrom(village.sync.status$.pipe(filter((s) => s.pending === 0 && s.online)));
    return saved;
  }

  it('merges edits of different fields: both survive on the laptop and on the server', async () => {
    const village = open!;
    const saved = await editOnBothSides(village, { note: '村里补充：老人行动不便' }, { phone: '13912345678' });
    const expectMerged = (doc: Partial<Household> | undefined) => expect(doc).toMatchObject({ note: '村里补充：老人行动不便', phone: '13912345678' });
    await firstValueFrom(village.db.households.findOne(saved.id).$.pipe(filter((d) => d?.phone === '13912345678' && d?.note === '村里补充：老人行动不便')));
    // "Nothing waiting" is only said once the merged version is on the server.
    expectMerged(await serverCopy(saved.id));
    expect(await village.db.conflicts.find({ selector: { documentId: saved.id } }).exec()).toHaveLength(0);
  });

  it('on a true collision keeps the server’s value and the laptop’s version in a conflict record', async () => {
    const village = open!;
    const saved = await editOnBothSides(village, { address: '村里改的：一村5号' }, { address: '乡镇改的：一村7号' });
    const conflict = await firstValueFrom(
      village.db.conflicts.find({ selector: { documentId: saved.id } }).$.pipe(filter((docs) => docs.length > 0)),
    );
    expect(conflict[0]?.fields).toEqual(['address']);
    expect(JSON.parse(conflict[0]!.localJson).address).toBe('村里改的：一村5号');
    expect(JSON.parse(conflict[0]!.remoteJson).address).toBe('乡镇改的：一村7号');
    // The record may be kept a moment before the server's version is written locally (both are encrypted writes).
    const local = await firstValueFrom(village.db.households.findOne(saved.id).$.pipe(filter((d) => d?.address !== '村里改的：一村5号')));
    expect(local?.address).toBe('乡镇改的：一村7号');

    // The assistant checks and keeps the village's address: it becomes a new edit that syncs.
    await reapplyConflict(village, conflict[0]!.id);
    await firstValueFrom(village.sync.status$.pipe(filter((s) => s.pending === 0)));
    let onServer: Household | undefined;
    for (let i = 0; i < 50 && onServer?.address !== '村里改的：一村5号'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      onServer = await serverCopy(saved.id);
    }
    expect(onServer?.address).toBe('村里改的：一村5号');
    expect((await village.db.conflicts.findOne(conflict[0]!.id).exec())?.state).toBe('reapplied');
  });
  it('keeps an offline edit of a household archived meanwhile in a conflict record, and never sends what the server would refuse', async () => {
    const village = open!;
    const archive = { at: Date.now(), by: township.user.id, reason: '全家迁往县城居住' };
    // Resolves only once nothing waits: the merged version was accepted, not refused again and again.
    const saved = await editOnBothSides(village, { address: '村里改的：一村8号' }, { archived: archive });
    const conflict = await firstValueFrom(
      village.db.conflicts.find({ selector: { documentId: saved.id } }).$.pipe(filter((docs) => docs.length > 0)),
    );
    expect(conflict[0]?.fields).toEqual(['address']);
    const local = await firstValueFrom(village.db.households.findOne(saved.id).$.pipe(filter((d) => d?.archived !== undefined)));
    expect(local?.address).toBe('一村3号');
    expect((await serverCopy(saved.id))?.address).toBe('一村3号');
    // 以本机为准 is refused in words: an archived household is no longer the village's to edit.
    await expect(reapplyConflict(village, conflict[0]!.id)).rejects.toThrow('村级协理员不能在家庭“已归档”时修改家庭登记信息');
  });

  /** The township's copy of an application, read past the laptop's cut network. */
  async function serverApplication(id: string): Promise<Application | undefined> {
    const response = await realFetch(`${server.url}/api/v1/sync/applications/pull?limit=1000`, {
      headers: { authorization: `Bearer ${township.accessToken}` },
    });
    const found = ((await response.json()) as PullResponse<Application>).documents.filter((d) => d.id === id);
    expect(found.length).toBeLessThanOrEqual(1);
    return found[0];
  }

  async function townshipStep(id: string, action: ApplicationAction, to: ApplicationStatus): Promise<Application> {
    const { _deleted: _d, ...master } = (await serverApplication(id)) as Application & { _deleted: boolean };
    // What B1 asks of the step goes with it (the server checks it again).
    const next = stepApplication(master, { action, to, by: { ...township.user, role: 'township' } }, stepChanges(action));
    const note = stepNote(action);
    if (note) next.history[next.history.length - 1] = { ...next.history[next.history.length - 1]!, note };
    const pushed = await realFetch(`${server.url}/api/v1/sync/applications/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${township.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ assumedMasterState: wire(master), newDocumentState: wire(next) }]),
    });
    expect(pushed.status).toBe(200);
    expect(((await pushed.json()) as { conflicts: unknown[] }).conflicts).toEqual([]);
    return next;
  }

  /** An application the assistant submitted and the township accepted, known to the laptop. */
  async function acceptedApplication(village: Workspace): Promise<Application> {
    const household = await saveHousehold(village, {
      areaCode: VILLAGE,
      address: '一村9号',
      members: [{ id: 'm1', name: '孙桂芝', idNumber: makeIdNumber('371623', '1950-05-05', Math.floor(Math.random() * 900) + 50), relation: 'head' }],
    });
    const draft = await createApplication(village, household.id, {
      type: 'dibao',
      mode: 'onApplication',
      assistance: 'helped',
      applicantMemberId: 'm1',
      coveredMemberIds: ['m1'],
      singlePersonUnit: false,
      incomeItems: [],
      propertyItems: [],
      documents: [{ kind: 'idAndHukou', state: 'provided' }],
      pledgeSigned: true,
    });
    await applyAction(village, draft.id, 'submit');
    await firstValueFrom(village.sync.status$.pipe(filter((s) => s.pending === 0)));
    await townshipStep(draft.id, 'accept', 'accepted');
    await firstValueFrom(village.db.applications.findOne(draft.id).$.pipe(filter((d) => d?.status === 'accepted')));
    return (await village.db.applications.findOne(draft.id).exec())!.toMutableJSON() as Application;
  }

  const steps = (app: Pick<Application, 'history'> | undefined) => app?.history.map((h) => `${h.action}:${h.from}>${h.to}`);

  it('keeps an application’s steps from both sides: the township’s in place, the laptop’s after them', async () => {
    const village = open!;
    const app = await acceptedApplication(village);
    globalThis.fetch = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    await applyAction(village, app.id, 'withdraw', { note: '家里情况好转，申请人自愿撤回' });
    await townshipStep(app.id, 'startInvestigation', 'investigating');
    globalThis.fetch = realFetch;
    village.sync.syncNow();
    const expected = ['submit:draft>submitted', 'accept:submitted>accepted', 'startInvestigation:accepted>investigating', 'withdraw:investigating>withdrawn'];
    const local = await firstValueFrom(village.db.applications.findOne(app.id).$.pipe(filter((d) => d?.history.length === 4)));
    expect(steps(local?.toMutableJSON() as Application)).toEqual(expected);
    expect(local?.status).toBe('withdrawn');
    expect(local?.history.at(-1)?.note).toBe('家里情况好转，申请人自愿撤回');
    await firstValueFrom(village.sync.status$.pipe(filter((s) => s.pending === 0)));
    expect(steps(await serverApplication(app.id))).toEqual(expected);
    expect(await village.db.conflicts.find({ selector: { documentId: app.id } }).exec()).toHaveLength(0);
  });

  it('keeps the township’s steps and the laptop’s in a conflict record when the laptop’s no longer fit', async () => {
    const village = open!;
    const app = await acceptedApplication(village);
    globalThis.fetch = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    await applyAction(village, app.id, 'withdraw', { note: '申请人已迁往外县' });
    await townshipStep(app.id, 'withdraw', 'withdrawn');
    globalThis.fetch = realFetch;
    village.sync.syncNow();
    const conflict = await firstValueFrom(
      village.db.conflicts.find({ selector: { documentId: app.id } }).$.pipe(filter((docs) => docs.length > 0)),
    );
    expect(conflict[0]?.fields).toEqual(['status', 'history']);
    expect(JSON.parse(conflict[0]!.localJson).history.at(-1).byUserId).toBe(village.session.user.id);
    await firstValueFrom(village.sync.status$.pipe(filter((s) => s.pending === 0)));
    // The township's withdrawal replaces the laptop's (both read 已受理 → 已撤回; the author differs).
    const resolved = await firstValueFrom(
      village.db.applications.findOne(app.id).$.pipe(filter((d) => d?.history.at(-1)?.byUserId === township.user.id)),
    );
    const local = resolved!.toMutableJSON() as Application;
    const onServer = await serverApplication(app.id);
    expect(steps(local)).toEqual(['submit:draft>submitted', 'accept:submitted>accepted', 'withdraw:accepted>withdrawn']);
    expect(onServer?.history.at(-1)?.byUserId).toBe(township.user.id);
    expect(steps(onServer)).toEqual(steps(local));
  });
});
