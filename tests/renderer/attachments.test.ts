import 'fake-indexeddb/auto';
import { createHash, randomBytes } from 'node:crypto';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadAttachmentBytes, saveAttachment } from '../../renderer/data/attachments/attachmentRecords';
import { readFileBytes } from '../../renderer/data/core/files/fileStore';
import { checkPickedFile, checkStoredFile, imageScaling, scaledSize } from '../../renderer/data/attachments/limits';
import { saveHousehold } from '../../renderer/data/households/householdRecords';
import { saveVisit } from '../../renderer/data/visits/visitRecords';
import type { Workspace } from '../../renderer/data/core/workspace';
import { makeIdNumber } from '../../shared/domain/idNumber';
import type { TokenResponse } from '../../shared/sync/wire';
import { addUser } from '../../server/users/userStore';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { laptop, openWorkspace } from '../support/laptop';
import { api, databaseKinds, startTestServer, type TestServer } from '../support/testServer';

const VILLAGE = '371623102201';
const PASSWORD = 'password-123';
/** Three tus chunks of 256 KiB and a bit: big enough to cut in the middle. */
const PHOTO_BYTES = 700 * 1024;

/** A file of the given kind as the server checks it (by its leading bytes), otherwise random. */
function fileOf(contentType: 'image/jpeg' | 'application/pdf', size = PHOTO_BYTES): Uint8Array {
  const bytes = new Uint8Array(randomBytes(size));
  bytes.set(contentType === 'image/jpeg' ? [0xff, 0xd8, 0xff, 0xe0] : [...Buffer.from('%PDF-1.7\n')]);
  return bytes;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** RxDB's open-core build allows 13 open collections per process and a workspace opens ten: one laptop at a time. */
let open: Workspace | null = null;
async function openOn(server: { url: string }, username: string, device = laptop()): Promise<Workspace> {
  open = await openWorkspace(server, device, username, PASSWORD);
  return open;
}
async function closeOpen(): Promise<void> {
  await open?.close();
  open = null;
}

/** A household with one visit, saved on the laptop as a village assistant would. */
async function visitOn(workspace: Workspace, seq: number) {
  const household = await saveHousehold(workspace, {
    areaCode: VILLAGE,
    address: '碣石山镇测试村8号',
    members: [{ id: 'm1', name: '孙德明', idNumber: makeIdNumber('371623', '1955-02-11', seq), relation: 'head' as const }],
  });
  return saveVisit(workspace, household.id, { type: 'routine', visitDate: '2026-11-28', investigators: ['王秀兰'], findings: '房屋漏雨，拍照留存。' });
}

async function untilUploaded(workspace: Workspace, hash: string): Promise<void> {
  await firstValueFrom(workspace.db.attachmentFiles.findOne(hash).$.pipe(filter((doc) => doc?.uploaded === true)));
}

/** The bytes the server serves for this hash, read with the given user's token. */
async function serverBytes(server: TestServer, username: string, hash: string): Promise<Uint8Array> {
  const login = await api<TokenResponse>(server, null, 'POST', '/api/v1/auth/login', { username, password: PASSWORD, deviceId: `dev-${username}-check` });
  const answer = await fetch(`${server.url}/api/v1/files/sha256/${hash}`, { headers: { authorization: `Bearer ${login.body.accessToken}` } });
  expect(answer.status).toBe(200);
  return new Uint8Array(await answer.arrayBuffer());
}

describe('attachment limits', () => {
  it('scales the long side down to the configured size, keeping the shape, and never enlarges', () => {
    expect(scaledSize(4000, 3000)).toEqual({ width: imageScaling.maxLongSide, height: Math.round((imageScaling.maxLongSide * 3) / 4) });
    expect(scaledSize(1080, 1920, 1600)).toEqual({ width: 900, height: 1600 });
    expect(scaledSize(800, 600)).toEqual({ width: 800, height: 600 });
  });

  it('refuses empty, wrong-kind and oversized files with a message naming the file', () => {
    expect(checkPickedFile({ name: '空.jpg', type: 'image/jpeg', size: 0 })).toEqual({ key: 'attachments.problem.empty', name: '空.jpg' });
    expect(checkPickedFile({ name: '合同.docx', type: 'application/msword', size: 10 })).toEqual({ key: 'attachments.problem.badType', name: '合同.docx' });
    expect(checkPickedFile({ name: '扫描件.pdf', type: 'application/pdf', size: 21 * 1024 * 1024 })).toEqual({
      key: 'attachments.problem.tooLarge',
      name: '扫描件.pdf',
      limitMb: 20,
    });
    // A big phone photo is fine to pick: it is scaled down before it is kept.
    expect(checkPickedFile({ name: '手机照片.jpg', type: 'image/jpeg', size: 12 * 1024 * 1024 })).toBeNull();
    // What is kept must be a type the server takes: a GIF becomes JPEG first.
    expect(checkStoredFile({ name: '动图.gif', type: 'image/gif', size: 100 })?.key).toBe('attachments.problem.badType');
    expect(checkStoredFile({ name: '房屋.jpg', type: 'image/jpeg', size: 300_000, head: new Uint8Array([0xff, 0xd8, 0xff, 0xe0]) })).toBeNull();
    // A file whose bytes are not what its type says would be refused by the server: not kept.
    expect(checkStoredFile({ name: '假的.pdf', type: 'application/pdf', size: 300, head: new Uint8Array([0x3c, 0x68, 0x74, 0x6d, 0x6c]) })?.key).toBe(
      'attachments.problem.unreadable',
    );
  });
});

describe.each(databaseKinds)('attachments through the real server (%s)', (kind) => {
  let server: TestServer;
  let proxy: FaultProxy;

  beforeAll(async () => {
    server = await startTestServer(kind);
    proxy = await startFaultProxy(Number(new URL(server.url).port));
    await addUser(server.db, { username: 'xieli_a', password: PASSWORD, role: 'assistant', areaCode: VILLAGE });
    await addUser(server.db, { username: 'zhen', password: PASSWORD, role: 'township', areaCode: '371623102000' });
  }, 120_000);
  afterEach(closeOpen);
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
  });

  it('uploads a photo kept with a visit, resuming after a cut link; the township downloads it on demand', async () => {
    // The village laptop goes through a link that breaks once, 90% into the photo.
    const village = await openOn({ url: proxy.url }, 'xieli_a');
    const visit = await visitOn(village, 31);
    const photo = fileOf('image/jpeg');
    const before = proxy.bytes.up;
    proxy.cutAfter('up', Math.round(PHOTO_BYTES * 0.9));
    const saved = await saveAttachment(village, { owner: { collection: 'visits', id: visit.id }, kind: 'photo', bytes: photo, contentType: 'image/jpeg', name: 'house.jpg' });
    expect(saved.sha256).toBe(sha256(photo));
    expect(saved.areaCode).toBe(VILLAGE);
    await untilUploaded(village, saved.sha256);
    expect(proxy.cuts).toBeGreaterThanOrEqual(1);
    // Cut at 90%, resumed from the server's offset: sent again from the start it would be 1.9 times.
    expect(proxy.bytes.up - before).toBeLessThan(PHOTO_BYTES * 1.5);
    expect(sha256(await serverBytes(server, 'xieli_a', saved.sha256))).toBe(saved.sha256);
    await firstValueFrom(village.sync.status$.pipe(filter((s) => s.pending === 0)));
    await closeOpen();

    const township = await openOn(server, 'zhen');
    const arrived = await firstValueFrom(township.db.attachments.findOne(saved.id).$.pipe(filter((doc) => doc !== null)));
    expect(arrived?.owner).toEqual({ collection: 'visits', id: visit.id });
    // Only the description came with the sync; the bytes wait until someone opens the photo.
    expect(await readFileBytes(township.db.attachmentFiles, saved.sha256)).toBeNull();
    const downloaded = await loadAttachmentBytes(township, arrived!.toJSON());
    expect(sha256(downloaded)).toBe(saved.sha256);
    expect(await readFileBytes(township.db.attachmentFiles, saved.sha256)).toEqual(downloaded);
  }, 180_000);

  it('never sends a file the server already has', async () => {
    const certificate = fileOf('application/pdf');
    const first = await openOn(server, 'xieli_a');
    const firstVisit = await visitOn(first, 41);
    const saved = await saveAttachment(first, { owner: { collection: 'visits', id: firstVisit.id }, kind: 'certificate', bytes: certificate, contentType: 'application/pdf', name: '低保证.pdf' });
    await untilUploaded(first, saved.sha256);
    await closeOpen();

    // The same scanned certificate, attached on a second laptop (through the counting proxy).
    const second = await openOn({ url: proxy.url }, 'xieli_a');
    const otherVisit = await visitOn(second, 43);
    const before = proxy.bytes.up;
    const again = await saveAttachment(second, { owner: { collection: 'visits', id: otherVisit.id }, kind: 'certificate', bytes: certificate, contentType: 'application/pdf', name: '低保证.pdf' });
    expect(again.sha256).toBe(saved.sha256);
    await untilUploaded(second, again.sha256);
    // Sync of two small records and a HEAD went up; the 700 KB file did not.
    expect(proxy.bytes.up - before).toBeLessThan(PHOTO_BYTES / 4);
  }, 180_000);

  it('refuses a file of a kind the server does not take, storing nothing', async () => {
    const village = await openOn(server, 'xieli_a');
    const visit = await visitOn(village, 51);
    await expect(
      saveAttachment(village, { owner: { collection: 'visits', id: visit.id }, kind: 'photo', bytes: new Uint8Array([1, 2, 3]), contentType: 'image/gif', name: '动图.gif' }),
    ).rejects.toMatchObject({ problem: { key: 'attachments.problem.badType', name: '动图.gif' } });
    // Earlier tests' files of this village may have arrived by sync meanwhile: this visit has none.
    const described = await village.db.attachments.find().exec();
    expect(described.filter((doc) => doc.owner.id === visit.id)).toEqual([]);
    expect(await readFileBytes(village.db.attachmentFiles, sha256(new Uint8Array([1, 2, 3])))).toBeNull();
  }, 120_000);
});
