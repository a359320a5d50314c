import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../shared/wire/errors';
import { readConfig } from '../../server/config';
import { makeHousehold, newRow } from '../support/documents';
import { databaseKinds, startTestServer, type TestServer } from '../support/testServer';
import type { Session } from './securityFixtures';

const VILLAGE = '371623102201';
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

function expectSecurityHeaders(response: Response, label: string): void {
  expect(response.headers.get('x-content-type-options'), label).toBe('nosniff');
  expect(response.headers.get('x-frame-options'), label).toBe('DENY');
  expect(response.headers.get('referrer-policy'), label).toBe('no-referrer');
  expect(response.headers.get('content-security-policy'), label).toBe(CSP);
}

describe.each(databaseKinds)('security headers and body limits on %s', (kind) => {
  let server: TestServer;
  let assistant: Session;
  const staticDir = mkdtempSync(path.join(tmpdir(), 'jiuzhu-static-'));

  beforeAll(async () => {
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>救助通</title>');
    server = await startTestServer(kind, { staticDir });
    assistant = await server.signIn('assistant', VILLAGE);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(staticDir, { recursive: true, force: true });
  });

  const call = (url: string, init: RequestInit = {}) => fetch(`${server.url}${url}`, init);
  const bearer = () => ({ authorization: `Bearer ${assistant.accessToken}` });

  it('puts them on every kind of answer, and no-store on every API answer', async () => {
    const api: [string, Response][] = [
      ['health', await call('/api/v1/health')],
      ['pull', await call('/api/v1/sync/households/pull', { headers: bearer() })],
      ['401', await call('/api/v1/sync/households/pull')],
      ['404', await call('/api/v1/nothing-here')],
      ['400', await call('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' })],
      ['pre-flight', await call('/api/v1/auth/login', { method: 'OPTIONS', headers: { origin: 'app://jiuzhu', 'access-control-request-method': 'POST' } })],
    ];
    for (const [label, response] of api) {
      expectSecurityHeaders(response, label);
      expect(response.headers.get('cache-control'), label).toBe('no-store');
      expect(response.headers.get('strict-transport-security'), label).toBeNull();
      await response.arrayBuffer();
    }
    for (const [label, url] of [['app', '/'], ['app route', '/households/abc']] as const) {
      const response = await call(url);
      expect(response.status, label).toBe(200);
      expect(await response.text()).toContain('救助通');
      expectSecurityHeaders(response, label);
      expect(response.headers.get('cache-control') ?? '', label).not.toContain('no-store');
    }
  });

  it('answers paths the router cannot decode in the error shape, with the headers, without quoting the path', async () => {
    for (const [path, status] of [
      ['/api/v1/sync/%FF/pull', 400],
      ['/api/v1/admin/users/%ED%A0%80/deactivate', 400],
      [`/api/v1/admin/users/${'u'.repeat(200)}/deactivate`, 414],
    ] as const) {
      const response = await call(path, { method: path.endsWith('pull') ? 'GET' : 'POST', headers: bearer() });
      expect(response.status, path).toBe(status);
      expectSecurityHeaders(response, path);
      const text = await response.text();
      expect((JSON.parse(text) as ErrorBody).error.code).toMatch(/^[a-z_]+$/);
      expect(text).not.toContain('%FF');
      expect(text).not.toContain('uuuuu');
    }
  });

  it('puts them on the event stream, which bypasses the usual reply', async () => {
    const controller = new AbortController();
    const response = await call('/api/v1/sync/households/stream', { headers: bearer(), signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expectSecurityHeaders(response, 'stream');
    expect(response.headers.get('cache-control')).toContain('no-store');
    controller.abort();
  });

  it('sends Strict-Transport-Security only when JIUZHU_HSTS=1 turns it on', async () => {
    expect(readConfig({}).hsts).toBe(false);
    expect(readConfig({ JIUZHU_HSTS: '1' }).hsts).toBe(true);
    const secure = await startTestServer(kind, { server: { hsts: true } });
    try {
      const response = await fetch(`${secure.url}/api/v1/health`);
      expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
      expectSecurityHeaders(response, 'hsts');
    } finally {
      await secure.close();
    }
  });

  it('refuses a sign-in body over 4 KB — also when it arrives gzip-compressed — with 413 in the error shape', async () => {
    const login = (body: BodyInit, headers: Record<string, string> = {}) =>
      call('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const fields = { username: 'someone', password: 'whatever-123', deviceId: 'dev-limit-test-1' };
    const small = await login(JSON.stringify({ ...fields, deviceName: 'x'.repeat(3000) }));
    expect(small.status).toBe(400); // within the limit: an ordinary validation answer
    await small.arrayBuffer();
    const big = JSON.stringify({ ...fields, deviceName: 'x'.repeat(5000) });
    for (const response of [await login(big), await login(new Uint8Array(gzipSync(big)), { 'content-encoding': 'gzip' })]) {
      expect(response.status).toBe(413);
      const body = (await response.json()) as ErrorBody;
      expect(body.error.code).toBe('too_large');
      expect(typeof body.error.message).toBe('string');
      expectSecurityHeaders(response, '413');
    }
  });

  it('takes a push of several megabytes but refuses one over 10 MB with 413', async () => {
    const note = '入户走访记录'.repeat(300); // 1,800 characters, 5.4 KB in UTF-8
    const rows = Array.from({ length: 500 }, () => newRow(makeHousehold(VILLAGE, { note })));
    const body = JSON.stringify(rows);
    expect(Buffer.byteLength(body)).toBeGreaterThan(2 * 1024 * 1024); // over the 1 MB default of other routes
    const push = (payload: string) =>
      call('/api/v1/sync/households/push', { method: 'POST', headers: { ...bearer(), 'content-type': 'application/json' }, body: payload });
    const accepted = await push(body);
    expect(accepted.status).toBe(200);
    await accepted.arrayBuffer();
    const tooBig = await push(JSON.stringify([{ padding: 'x'.repeat(10 * 1024 * 1024) }]));
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as ErrorBody).error.code).toBe('too_large');
  });
});
