/**
 * The S3-compatible storage, against s3rver (a fake S3 server on npm) driven by the real AWS
 * SDK inside @tus/s3-store. s3rver 3.7 lacks ListParts and AbortMultipartUpload, which tus's S3
 * store needs to resume; `addMissingMultipartCalls` gives it both from its own part files.
 * PGlite only: the storage, not the database, is under test here (files.test.ts covers both).
 */
import { readdir, readFile, rm, stat, mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3Storage } from '../../server/files/s3Storage';
import { startFaultProxy } from '../support/faultProxy';
import { startTestServer, type TestServer } from '../support/testServer';
import { attachFileRecord, fakeJpeg, getBlob, headBlob, sha256Of, tusUpload } from './fileUploads';

const VILLAGE = '371623102201';
const BUCKET = 'jiuzhu-files';

interface KoaContext {
  method: string;
  path: string;
  query: Record<string, string | undefined>;
  status: number;
  body: unknown;
}
type Middleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;
interface S3rverInstance {
  middleware: Middleware[];
  store: { getResourcePath(bucket: string, key: string | undefined, kind: string): string };
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
const S3rver = createRequire(import.meta.url)('s3rver') as new (options: Record<string, unknown>) => S3rverInstance;

/** ListParts (GET ?uploadId) and AbortMultipartUpload (DELETE ?uploadId), from s3rver's part files. */
function addMissingMultipartCalls(s3: S3rverInstance): void {
  const handle: Middleware = async (ctx, next) => {
    const uploadId = ctx.query['uploadId'];
    const [, bucket, ...key] = ctx.path.split('/');
    if (!uploadId || !bucket || key.length === 0 || ctx.query['partNumber'] !== undefined) return next();
    const dir = path.join(s3.store.getResourcePath(bucket, undefined, 'uploads'), uploadId);
    if (ctx.method === 'DELETE') {
      await rm(dir, { recursive: true, force: true });
      ctx.status = 204;
      return;
    }
    if (ctx.method !== 'GET') return next();
    const names = (await readdir(dir).catch(() => [])).filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b);
    const parts = await Promise.all(
      names.map(async (n) => ({
        PartNumber: n,
        ETag: `"${(await readFile(path.join(dir, `${n}.md5`))).toString()}"`,
        Size: (await stat(path.join(dir, String(n)))).size,
      })),
    );
    // s3rver turns a plain object body into XML.
    ctx.body = { ListPartsResult: { Bucket: bucket, Key: key.join('/'), UploadId: uploadId, IsTruncated: false, ...(parts.length ? { Part: parts } : {}) } };
  };
  // After the logger and the XML encoder, before the router.
  s3.middleware.splice(2, 0, handle);
}

describe('attachments in S3-compatible storage (s3rver)', () => {
  let s3: S3rverInstance;
  let s3Dir: string;
  let server: TestServer;
  let assistant: Awaited<ReturnType<TestServer['signIn']>>;

  beforeAll(async () => {
    s3Dir = await mkdtemp(path.join(tmpdir(), 'jiuzhu-s3rver-'));
    s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET }] });
    addMissingMultipartCalls(s3);
    const address = await s3.run();
    const storage = s3Storage({
      kind: 's3',
      endpoint: `http://127.0.0.1:${address.port}`,
      bucket: BUCKET,
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
    });
    server = await startTestServer('pglite', { server: { files: storage } });
    assistant = await server.signIn('assistant', VILLAGE);
  });
  afterAll(async () => {
    await server?.close();
    await s3?.close();
    await rm(s3Dir, { recursive: true, force: true });
  });

  const objectKeys = async () => {
    const keys: string[] = [];
    const walk = async (dir: string, prefix: string) => {
      for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        if (entry.isDirectory()) await walk(path.join(dir, entry.name), `${prefix}${entry.name}/`);
        else keys.push(`${prefix}${entry.name}`);
      }
    };
    await walk(path.join(s3Dir, BUCKET), '');
    return keys;
  };

  it('keeps a small photo as the object sha256/HEX and serves the same bytes', async () => {
    const photo = fakeJpeg(300 * 1024);
    const sha = sha256Of(photo);
    await attachFileRecord(server, assistant.accessToken, VILLAGE, photo);
    expect((await tusUpload(server.url, assistant.accessToken, photo, { areaCode: VILLAGE })).ok).toBe(true);
    expect((await headBlob(server.url, assistant.accessToken, sha)).status).toBe(200);
    expect(sha256Of((await getBlob(server.url, assistant.accessToken, sha)).bytes)).toBe(sha);
    // Only the blob is left: the upload's object and its .info went once it was kept.
    const objects = new Set((await objectKeys()).map((k) => k.split('._S3rver_')[0]));
    expect([...objects]).toEqual([`sha256/${sha}`]);
  });

  it('resumes a 6 MB photo (more than one S3 part) cut twice, with the bytes intact', async () => {
    const photo = fakeJpeg(6 * 1024 * 1024);
    const sha = sha256Of(photo);
    await attachFileRecord(server, assistant.accessToken, VILLAGE, photo);
    const proxy = await startFaultProxy(Number(new URL(server.url).port));
    try {
      proxy.cutAfter('up', 2_000_000, 2);
      const result = await tusUpload(proxy.url, assistant.accessToken, photo, { areaCode: VILLAGE }, { retryDelays: [0, 100, 300, 600, 1000, 2000] });
      expect(result.ok).toBe(true);
      expect(proxy.cuts).toBe(2);
      expect(proxy.bytes.up).toBeLessThan(photo.length + 2_500_000);
    } finally {
      await proxy.close();
    }
    expect(sha256Of((await getBlob(server.url, assistant.accessToken, sha)).bytes)).toBe(sha);
  });

  it('throws away bytes that do not match their hash', async () => {
    const photo = fakeJpeg(64 * 1024);
    const claimed = sha256Of(fakeJpeg(16));
    const result = await tusUpload(server.url, assistant.accessToken, photo, { areaCode: VILLAGE, sha256: claimed });
    expect(result).toMatchObject({ ok: false, status: 422 });
    const keys = await objectKeys();
    expect(keys.filter((k) => k.includes(claimed) || k.includes(sha256Of(photo)))).toEqual([]);
  });
});
