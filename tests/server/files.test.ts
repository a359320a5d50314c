import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Upload } from '@tus/server';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, uploadUrlFor } from '../../shared/files/limits';
import type { TokenResponse } from '../../shared/sync/wire';
import { buildServer } from '../../server/app';
import type { Database } from '../../server/db/database';
import { diskStorage } from '../../server/files/diskStorage';
import type { FileStorage } from '../../server/files/fileStorage';
import { storeUploadIdFor } from '../../server/files/uploadIds';
import { addUser } from '../../server/users/userStore';
import { startFaultProxy } from '../support/faultProxy';
import { makeAttachment, makeHousehold, newRow, wire } from '../support/documents';
import { api, databaseKinds, freshDatabase, startTestServer, type TestServer } from '../support/testServer';
import { attachFileRecord, createRequest, fakeJpeg, getBlob, headBlob, headUpload, sha256Of, tusUpload } from './fileUploads';

const VILLAGE_X = '371623102201';
const VILLAGE_Y = '371623102202';
const TOWNSHIP = '371623102000';
/** Retry at once, then a little later: a cut link is back by then in these tests. */
const RETRIES = [0, 100, 300, 600, 1000, 2000];

describe.each(databaseKinds)('attachments over tus (%s)', (kind) => {
  let server: TestServer;
  let filesDir: string;
  let storage: FileStorage;
  let x: Awaited<ReturnType<TestServer['signIn']>>;
  let y: Awaited<ReturnType<TestServer['signIn']>>;
  let township: Awaited<ReturnType<TestServer['signIn']>>;

  beforeAll(async () => {
    filesDir = await mkdtemp(path.join(tmpdir(), 'jiuzhu-files-test-'));
    storage = diskStorage(filesDir);
    server = await startTestServer(kind, { server: { files: storage } });
    x = await server.signIn('assistant', VILLAGE_X);
    y = await server.signIn('assistant', VILLAGE_Y);
    township = await server.signIn('township', TOWNSHIP);
  });
  afterAll(async () => {
    await server?.close();
    await rm(filesDir, { recursive: true, force: true });
  });

  const leftoverUploads = async () => (await readdir(path.join(filesDir, 'uploads')).catch(() => [])).length;

  const attachRecord = (who: { accessToken: string }, areaCode: string, bytes: Buffer) => attachFileRecord(server, who.accessToken, areaCode, bytes);

  it('stores an upload under its hash, says so on HEAD, returns the same bytes, and audits who without content', async () => {
    const photo = fakeJpeg(300 * 1024);
    const sha = sha256Of(photo);
    await attachRecord(x, VILLAGE_X, photo);
    expect((await headBlob(server.url, x.accessToken, sha)).status).toBe(404);

    const result = await tusUpload(server.url, x.accessToken, photo, { areaCode: VILLAGE_X });
    expect(result).toMatchObject({ ok: true });

    expect(await headBlob(server.url, x.accessToken, sha)).toMatchObject({ status: 200, length: String(photo.length), type: 'image/jpeg' });
    const got = await getBlob(server.url, x.accessToken, sha);
    expect(got.status).toBe(200);
    expect(sha256Of(got.bytes)).toBe(sha);
    expect(got.type).toBe('image/jpeg');
    // Kept content-addressed, and no unfinished upload left behind.
    expect(sha256Of(await readFile(path.join(filesDir, 'sha256', sha)))).toBe(sha);
    expect(await leftoverUploads()).toBe(0);

    // The township above the village reads it too.
    expect((await getBlob(server.url, township.accessToken, sha)).status).toBe(200);

    const audit = await server.db.query<{ action: string; user_id: string; area_code: string; document_id: string; details: unknown }>(
      `SELECT action, user_id, area_code, document_id, details FROM audit_log WHERE document_id = $1 ORDER BY id`,
      [sha],
    );
    expect(audit.map((a) => [a.action, a.user_id, a.area_code])).toEqual([
      ['upload_file', x.user.id, VILLAGE_X],
      ['download_file', x.user.id, VILLAGE_X],
      ['download_file', township.user.id, VILLAGE_X],
    ]);
    expect(JSON.stringify(audit)).not.toContain(photo.subarray(0, 32).toString('base64'));
  });

  it('sends nothing the second time: the upload URL answers that every byte is there', async () => {
    const photo = fakeJpeg(200 * 1024);
    await attachRecord(x, VILLAGE_X, photo);
    expect((await tusUpload(server.url, x.accessToken, photo, { areaCode: VILLAGE_X })).ok).toBe(true);
    const url = new URL(server.url);
    const proxy = await startFaultProxy(Number(url.port));
    try {
      const again = await tusUpload(proxy.url, x.accessToken, photo, { areaCode: VILLAGE_X });
      expect(again).toMatchObject({ ok: true, patches: 0 });
      expect(proxy.bytes.up).toBeLessThan(4096);
    } finally {
      await proxy.close();
    }
    // The upload URL says complete, and the area holds the file once.
    const head = await headUpload(server.url, x.accessToken, sha256Of(photo), VILLAGE_X);
    expect(head).toMatchObject({ status: 200, offset: String(photo.length), length: String(photo.length) });
    const rows = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM file_areas WHERE sha256 = $1', [sha256Of(photo)]);
    expect(rows[0]?.n).toBe(1);
  });

  it('says an upload is complete only while a live record of its area names the file', async () => {
    const photo = fakeJpeg(60 * 1024);
    const sha = sha256Of(photo);
    const record = await attachRecord(x, VILLAGE_X, photo);
    expect((await tusUpload(server.url, x.accessToken, photo, { areaCode: VILLAGE_X })).ok).toBe(true);
    expect((await headUpload(server.url, x.accessToken, sha, VILLAGE_X)).status).toBe(200);
    // The record taken off, the upload URL no longer tells whether the server holds those bytes.
    const gone = await api(server, x.accessToken, 'POST', '/api/v1/sync/attachments/push', [{ assumedMasterState: wire(record), newDocumentState: wire(record, true) }]);
    expect(gone.status).toBe(200);
    expect((await headUpload(server.url, x.accessToken, sha, VILLAGE_X)).status).toBe(404);
    expect((await headUpload(server.url, x.accessToken, sha256Of(fakeJpeg(61 * 1024)), VILLAGE_X)).status).toBe(404);
  });

  it('refuses bytes that do not hash to the announced SHA-256, and keeps none of them', async () => {
    const photo = fakeJpeg(100 * 1024);
    const claimed = sha256Of(fakeJpeg(16));
    const result = await tusUpload(server.url, x.accessToken, photo, { areaCode: VILLAGE_X, sha256: claimed });
    expect(result.ok).toBe(false);
    expect(result.status).toBe(422);
    expect(JSON.parse(result.body ?? '{}')).toMatchObject({ error: { code: 'hash_mismatch' } });
    for (const sha of [claimed, sha256Of(photo)]) expect((await headBlob(server.url, x.accessToken, sha)).status).toBe(404);
    expect(await server.db.query('SELECT 1 FROM files WHERE sha256 = ANY($1)', [[claimed, sha256Of(photo)]])).toEqual([]);
    expect(await leftoverUploads()).toBe(0);
  });

  it('refuses a file that is too big or of another kind, before a byte, in the error shape', async () => {
    const sha = sha256Of(fakeJpeg(16));
    const tooBig = await createRequest(server.url, x.accessToken, {
      length: MAX_FILE_BYTES + 1,
      metadata: { sha256: sha, contentType: 'image/jpeg', areaCode: VILLAGE_X },
    });
    expect(tooBig.status).toBe(413);
    expect(JSON.parse(tooBig.body)).toMatchObject({ error: { code: 'file_too_large', details: { field: 'Upload-Length' } } });

    const page = await createRequest(server.url, x.accessToken, {
      length: 1000,
      metadata: { sha256: sha, contentType: 'text/html', areaCode: VILLAGE_X },
    });
    expect(page.status).toBe(415);
    expect(JSON.parse(page.body)).toMatchObject({ error: { code: 'unsupported_file_type', details: { field: 'contentType' } } });

    const noHash = await createRequest(server.url, x.accessToken, { length: 1000, metadata: { contentType: 'image/png', areaCode: VILLAGE_X } });
    expect(noHash.status).toBe(400);
    expect(JSON.parse(noHash.body)).toMatchObject({ error: { code: 'bad_upload_metadata', details: { field: 'sha256' } } });
    expect(await leftoverUploads()).toBe(0);
  });

  it('refuses bytes that are not what the announced kind says, after hashing them', async () => {
    const notAPng = Buffer.from('<html><script>alert(1)</script></html>'.repeat(100));
    const result = await tusUpload(server.url, x.accessToken, notAPng, { areaCode: VILLAGE_X, contentType: 'image/png' });
    expect(result).toMatchObject({ ok: false, status: 415 });
    expect((await headBlob(server.url, x.accessToken, sha256Of(notAPng))).status).toBe(404);
    expect(await leftoverUploads()).toBe(0);
  });

  it("keeps another village's assistant out of X's files by every route", async () => {
    const photo = fakeJpeg(50 * 1024);
    const sha = sha256Of(photo);
    // Y cannot file a document's attachment under X: refused before anything is stored.
    const intoX = await createRequest(server.url, y.accessToken, { length: photo.length, metadata: { sha256: sha, contentType: 'image/jpeg', areaCode: VILLAGE_X } });
    expect(intoX.status).toBe(403);
    expect(JSON.parse(intoX.body)).toMatchObject({ error: { code: 'out_of_scope', details: { field: 'areaCode' } } });
    expect(await leftoverUploads()).toBe(0);

    await attachRecord(x, VILLAGE_X, photo);
    expect((await tusUpload(server.url, x.accessToken, photo, { areaCode: VILLAGE_X })).ok).toBe(true);
    expect((await headBlob(server.url, y.accessToken, sha)).status).toBe(404);
    const stolen = await getBlob(server.url, y.accessToken, sha);
    expect(stolen.status).toBe(404);
    expect(sha256Of(stolen.bytes)).not.toBe(sha);
    // A content hash is not a read key: Y naming X's file in a record of its own gets nothing, and
    // HEAD answers exactly as it does for a file the server has never seen.
    await attachRecord(y, VILLAGE_Y, photo);
    const nowhere = sha256Of(fakeJpeg(50 * 1024 + 1));
    await attachRecord(y, VILLAGE_Y, fakeJpeg(50 * 1024 + 1));
    const [theirs, unknown] = await Promise.all([headBlob(server.url, y.accessToken, sha), headBlob(server.url, y.accessToken, nowhere)]);
    expect(theirs).toEqual(unknown);
    expect(theirs.status).toBe(404);
    expect((await getBlob(server.url, y.accessToken, sha)).status).toBe(404);
    // Nor through X's upload URL.
    expect((await headUpload(server.url, y.accessToken, sha, VILLAGE_X)).status).toBe(403);
    const patch = await fetch(`${server.url}${uploadUrlFor(sha, VILLAGE_X)}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${y.accessToken}`, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      body: new Uint8Array(photo),
    });
    expect(patch.status).toBe(403);

    // Y holding the same bytes proves it by sending them; then both villages have the file, stored once.
    expect((await tusUpload(server.url, y.accessToken, photo, { areaCode: VILLAGE_Y })).ok).toBe(true);
    expect(sha256Of((await getBlob(server.url, y.accessToken, sha)).bytes)).toBe(sha);
    const areas = await server.db.query<{ area_code: string }>('SELECT area_code FROM file_areas WHERE sha256 = $1 ORDER BY area_code', [sha]);
    expect(areas.map((a) => a.area_code)).toEqual([VILLAGE_X, VILLAGE_Y]);
  });

  it('lets anyone whose scope covers a record naming the file read it once the bytes were sent for its area, and stops when the record is deleted', async () => {
    // The township sends a photo for village X, then attaches the same photo to a record of village Y.
    const photo = fakeJpeg(30 * 1024);
    const sha = sha256Of(photo);
    await attachRecord(township, VILLAGE_X, photo);
    expect((await tusUpload(server.url, township.accessToken, photo, { areaCode: VILLAGE_X })).ok).toBe(true);
    expect((await headBlob(server.url, y.accessToken, sha)).status).toBe(404);

    const household = makeHousehold(VILLAGE_Y);
    const attachment = makeAttachment(household, 'households', { sha256: sha, size: photo.length });
    const push = (rows: unknown[]) => api(server, township.accessToken, 'POST', '/api/v1/sync/attachments/push', rows);
    expect((await api(server, township.accessToken, 'POST', '/api/v1/sync/households/push', [newRow(household)])).status).toBe(200);
    expect((await push([newRow(attachment)])).status).toBe(200);
    // The record alone is not enough: the bytes go up for Y's record as the app sends them (stored once).
    expect((await headBlob(server.url, y.accessToken, sha)).status).toBe(404);
    expect((await tusUpload(server.url, township.accessToken, photo, { areaCode: VILLAGE_Y })).ok).toBe(true);
    expect(sha256Of((await getBlob(server.url, y.accessToken, sha)).bytes)).toBe(sha);

    const gone = { ...attachment, updatedAt: attachment.updatedAt + 1 };
    expect((await push([{ assumedMasterState: wire(attachment), newDocumentState: wire(gone, true) }])).status).toBe(200);
    expect((await headBlob(server.url, y.accessToken, sha)).status).toBe(404);
  });

  it('answers 401 without a token, with a forged one, and device_revoked for a stopped laptop', async () => {
    const sha = sha256Of(fakeJpeg(16));
    const metadata = { sha256: sha, contentType: 'image/jpeg', areaCode: VILLAGE_X };
    expect((await createRequest(server.url, null, { length: 16, metadata })).status).toBe(401);
    expect((await createRequest(server.url, `${x.accessToken}x`, { length: 16, metadata })).status).toBe(401);
    expect((await headBlob(server.url, null, sha)).status).toBe(401);
    expect((await getBlob(server.url, 'forged.token.here', sha)).status).toBe(401);

    const stopped = await server.signIn('assistant', VILLAGE_X);
    await server.db.query('UPDATE devices SET revoked_at = now() WHERE device_id = $1', [stopped.deviceId]);
    const refused = await createRequest(server.url, stopped.accessToken, { length: 16, metadata });
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'device_revoked' } });
  });

  it('checks and keeps, on the next HEAD, an upload whose every byte arrived but whose check never ran', async () => {
    const photo = fakeJpeg(40 * 1024);
    const sha = sha256Of(photo);
    // As if the server stopped right after writing the last byte.
    const id = storeUploadIdFor({ userId: x.user.id, deviceId: x.deviceId, role: 'assistant', scope: VILLAGE_X, areaCode: VILLAGE_X }, sha, VILLAGE_X);
    await storage.uploads.create(new Upload({ id, size: photo.length, offset: 0, metadata: { sha256: sha, contentType: 'image/jpeg', areaCode: VILLAGE_X } }));
    await storage.uploads.write(Readable.from([photo]), id, 0);
    await attachRecord(x, VILLAGE_X, photo);
    expect((await headBlob(server.url, x.accessToken, sha)).status).toBe(404);

    expect(await headUpload(server.url, x.accessToken, sha, VILLAGE_X)).toMatchObject({ status: 200, offset: String(photo.length) });
    expect(sha256Of((await getBlob(server.url, x.accessToken, sha)).bytes)).toBe(sha);
    expect(await leftoverUploads()).toBe(0);
  });

  it('lets the app (app://jiuzhu) send tus requests and read the tus headers across origins', async () => {
    const preflight = await fetch(`${server.url}${uploadUrlFor(sha256Of(fakeJpeg(16)), VILLAGE_X)}`, {
      method: 'OPTIONS',
      headers: {
        origin: 'app://jiuzhu',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization,tus-resumable,upload-offset,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('app://jiuzhu');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('upload-offset');

    const photo = fakeJpeg(10 * 1024);
    expect((await tusUpload(server.url, x.accessToken, photo, { areaCode: VILLAGE_X })).ok).toBe(true);
    const head = await fetch(`${server.url}${uploadUrlFor(sha256Of(photo), VILLAGE_X)}`, {
      method: 'HEAD',
      headers: { origin: 'app://jiuzhu', authorization: `Bearer ${x.accessToken}`, 'tus-resumable': '1.0.0' },
    });
    expect(head.headers.get('access-control-allow-origin')).toBe('app://jiuzhu');
    expect(head.headers.get('access-control-expose-headers')).toContain('Upload-Offset');
    const elsewhere = await fetch(`${server.url}/api/v1/files/`, { method: 'POST', headers: { origin: 'https://evil.example', 'tus-resumable': '1.0.0' } });
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('finishes a 5 MB photo cut twice mid-upload by resuming, with the bytes intact', async () => {
    const photo = fakeJpeg(5 * 1024 * 1024);
    const sha = sha256Of(photo);
    await attachRecord(x, VILLAGE_X, photo);
    const proxy = await startFaultProxy(Number(new URL(server.url).port));
    try {
      proxy.cutAfter('up', 1_500_000, 2);
      const result = await tusUpload(proxy.url, x.accessToken, photo, { areaCode: VILLAGE_X }, { retryDelays: RETRIES });
      expect(result.ok).toBe(true);
      expect(proxy.cuts).toBe(2);
      expect(result.patches).toBeGreaterThanOrEqual(3);
      // Resumed, not restarted: well under the 15 MB three fresh starts would have sent.
      expect(proxy.bytes.up).toBeLessThan(photo.length + 2_000_000);
    } finally {
      await proxy.close();
    }
    const got = await getBlob(server.url, township.accessToken, sha);
    expect(sha256Of(got.bytes)).toBe(sha);
  });
});

describe.each(databaseKinds)('attachments across a server restart (%s)', (kind) => {
  let db: Database;
  let drop: () => Promise<void>;
  let filesDir: string;
  let app: FastifyInstance | null = null;

  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(kind));
    filesDir = await mkdtemp(path.join(tmpdir(), 'jiuzhu-files-restart-'));
  });
  afterAll(async () => {
    // As in startTestServer: the test's own keep-alive connections would hold close() for 72 s.
    app?.server.closeAllConnections();
    await app?.close();
    await drop?.();
    await rm(filesDir, { recursive: true, force: true });
  });

  /** The server as `npm run server` would start it again: same database, same files folder, same port. */
  const start = async (port: number) => {
    app = await buildServer({ db, staticDir: null, files: diskStorage(filesDir) });
    const address = await app.listen({ port, host: '127.0.0.1' });
    return Number(new URL(address).port);
  };

  it('resumes after the server restarted between the cut and the retry', async () => {
    const port = await start(0);
    const username = `u${randomUUID().slice(0, 8)}`;
    await addUser(db, { username, password: 'correct horse battery', role: 'assistant', areaCode: VILLAGE_X, displayName: '测试' });
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'correct horse battery', deviceId: `dev-${randomUUID()}` }),
    });
    const { accessToken } = (await login.json()) as TokenResponse;

    const photo = fakeJpeg(5 * 1024 * 1024);
    const sha = sha256Of(photo);
    await attachFileRecord({ url: `http://127.0.0.1:${port}` }, accessToken, VILLAGE_X, photo);
    const proxy = await startFaultProxy(port);
    try {
      // The first attempt dies after 2 MB, and there is no retry: the laptop gave up for now.
      proxy.cutAfter('up', 2_000_000, 1);
      const first = await tusUpload(proxy.url, accessToken, photo, { areaCode: VILLAGE_X });
      expect(first.ok).toBe(false);

      await app!.close();
      app = null;
      await start(port);
      const before = proxy.bytes.up;
      const second = await tusUpload(proxy.url, accessToken, photo, { areaCode: VILLAGE_X }, { retryDelays: RETRIES });
      expect(second.ok).toBe(true);
      // Only what was missing went up the second time.
      expect(proxy.bytes.up - before).toBeLessThan(photo.length - 1_000_000);
    } finally {
      await proxy.close();
    }
    const got = await fetch(`http://127.0.0.1:${port}/api/v1/files/sha256/${sha}`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(sha256Of(Buffer.from(await got.arrayBuffer()))).toBe(sha);
  });
});

describe('unfinished uploads on disk', () => {
  it('sweeps those begun before the cut-off and keeps the rest', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'jiuzhu-files-sweep-'));
    try {
      const disk = diskStorage(dir);
      const begin = async (id: string, creationDate: string) => {
        await disk.uploads.create(new Upload({ id, size: 10, offset: 0, creation_date: creationDate }));
        await disk.uploads.write(Readable.from([Buffer.from('12345')]), id, 0);
      };
      await begin('old-upload', '2026-01-01T00:00:00.000Z');
      await begin('new-upload', '2026-06-01T00:00:00.000Z');
      expect(await disk.sweepUnfinished!(new Date('2026-03-01T00:00:00.000Z'))).toBe(1);
      expect(await disk.hasUpload('old-upload')).toBe(false);
      expect(await disk.hasUpload('new-upload')).toBe(true);
      expect((await readdir(path.join(dir, 'uploads'))).sort()).toEqual(['new-upload', 'new-upload.json']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
