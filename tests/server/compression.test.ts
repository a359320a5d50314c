import { gzipSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../shared/sync/wire';
import type { ErrorBody } from '../../shared/wire/errors';
import { makeHousehold, newRow } from '../support/documents';
import { startTestServer, type TestServer } from '../support/testServer';

const VILLAGE = '371623102201';

describe('compressed bodies both ways', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer('pglite');
    token = (await server.signIn('assistant', VILLAGE)).accessToken;
  });
  afterAll(async () => server?.close());

  it('accepts a gzip push and answers a pull in gzip, each well under the raw JSON size', async () => {
    const households = Array.from({ length: 100 }, () => makeHousehold(VILLAGE));
    const raw = Buffer.from(JSON.stringify(households.map(newRow)));
    const compressed = gzipSync(raw);
    expect(compressed.length / raw.length).toBeLessThan(0.35);
    const pushed = await fetch(`${server.url}/api/v1/sync/households/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: new Uint8Array(compressed),
    });
    expect(pushed.status).toBe(200);

    const { request } = await import('node:http');
    const body = await new Promise<{ encoding: string | undefined; bytes: Buffer }>((resolve, reject) => {
      const url = new URL(`${server.url}/api/v1/sync/households/pull?limit=1000`);
      request(url, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], bytes: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
    expect(body.encoding).toBe('gzip');
    const page = JSON.parse(gunzipSync(body.bytes).toString()) as PullResponse<{ id: string }>;
    expect(page.documents.map((d) => d.id)).toEqual(expect.arrayContaining(households.map((h) => h.id)));
    expect(body.bytes.length / gunzipSync(body.bytes).length).toBeLessThan(0.35);
  });

  it('refuses a body in another encoding or a broken gzip with the error shape, storing nothing', async () => {
    const household = makeHousehold(VILLAGE);
    const post = (headers: Record<string, string>, body: Buffer) =>
      fetch(`${server.url}/api/v1/sync/households/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        body: new Uint8Array(body),
      });
    const brotli = await post({ 'content-encoding': 'br' }, Buffer.from(JSON.stringify([newRow(household)])));
    expect(brotli.status).toBe(415);
    expect(((await brotli.json()) as ErrorBody).error.code).toBe('unsupported_encoding');
    const broken = await post({ 'content-encoding': 'gzip' }, gzipSync(JSON.stringify([newRow(household)])).subarray(0, 40));
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as ErrorBody).error.code).toBeTruthy();
  });
});
